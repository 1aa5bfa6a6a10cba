import { createDataSource, holdingAdvisoryLock } from '@greenlight/db';
import { migrations } from '@greenlight/migrations';
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, MixedList } from 'typeorm';
import { TEST_SERVER_URL_VARIABLE } from './test-database.constants';

/** Arbitrary constant: serialises template creation across Jest workers. */
const TEMPLATE_LOCK_KEY = 7_234_002;

export interface TestDatabase {
  /** Connection URL of this test file's own database. */
  url: string;
  /** URL of another database on the same server (for the server tests). */
  serverUrl: string;
  name: string;
  /** A TypeORM data source on this database with the given entities; closed by `drop()`. */
  dataSource(entities: MixedList<Function>): Promise<DataSource>;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env[TEST_SERVER_URL_VARIABLE] ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error(`${TEST_SERVER_URL_VARIABLE} is not set: run the tests through Jest (npm test)`);
  return url;
}

const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/**
 * A fresh, migrated database for one test file: cloned from a template that is migrated once per
 * run (per set of migrations), which takes a few dozen milliseconds instead of a full migration.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = serverUrl();
  const template = `greenlight_template_${createHash('sha1')
    .update(migrations.map((migration) => migration.name).join(','))
    .digest('hex')
    .slice(0, 10)}`;
  const name = `test_${process.env.JEST_WORKER_ID ?? 0}_${randomBytes(5).toString('hex')}`;

  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await holdingAdvisoryLock(admin, TEMPLATE_LOCK_KEY, async () => {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) await buildTemplate(admin, server, template);
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    });
  } finally {
    await admin.end();
  }

  const url = withDatabase(server, name);
  const opened: DataSource[] = [];
  return {
    url,
    serverUrl: server,
    name,
    async dataSource(entities) {
      const dataSource = createDataSource({ url, entities, poolSize: 5, applicationName: 'greenlight-test' });
      await dataSource.initialize();
      opened.push(dataSource);
      return dataSource;
    },
    async drop() {
      await Promise.all(opened.map((dataSource) => dataSource.isInitialized && dataSource.destroy()));
      const client = new Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

async function buildTemplate(admin: Client, server: string, template: string): Promise<void> {
  const building = `${template}_building`;
  await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${building}"`);
  const dataSource = createDataSource({ url: withDatabase(server, building), entities: [], migrations, poolSize: 2 });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
}
