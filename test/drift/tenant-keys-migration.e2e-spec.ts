import { createDataSource } from '@greenlight/db';
import { migrations } from '@greenlight/migrations';
import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TenantKeys1795800000000 } from '../../migrations/1795800000000-TenantKeys';
import { ENTITIES } from '../../apps/api/src/database';
import { seedDemo, seedDemoUsage } from '../../apps/api/src/demo/seed';
import { withIdentity } from '../support/identity-context';

const quiet = { info: () => undefined };

/**
 * Rows of every table of the public schema (a partitioned table counts its partitions' rows), but
 * not `dashboard_data_version`: a cache's version counter, recreated empty by its migration, which
 * leaves every cached answer stale, as it should.
 */
const ROW_COUNTS = `
  SELECT c.relname AS name,
         (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname), false, true, '')))[1]::text::bigint AS rows
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT IN ('migrations', 'dashboard_data_version')
   ORDER BY c.relname`;

describe('tenant keys migration', () => {
  let db: TestDatabase;
  let url: string;

  const counts = async (): Promise<Record<string, number>> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const rows = (await client.query(ROW_COUNTS)).rows as { name: string; rows: string }[];
      return Object.fromEntries(rows.map((row) => [row.name, Number(row.rows)]));
    } finally {
      await client.end();
    }
  };
  const withDataSource = async (run: (dataSource: DataSource) => Promise<void>) => {
    const dataSource = createDataSource({ url, entities: ENTITIES, migrations, poolSize: 2 });
    await dataSource.initialize();
    try {
      await run(dataSource);
    } finally {
      await dataSource.destroy();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const admin = new Client({ connectionString: db.serverUrl });
    await admin.connect();
    const name = `${db.name}_keys`;
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const parsed = new URL(db.url);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });
  afterAll(async () => {
    const admin = new Client({ connectionString: db.serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${db.name}_keys" WITH (FORCE)`);
    await admin.end();
    await db.drop();
  });

  it('keeps every row of the demo data and its usage, down and up again', async () => {
    await withDataSource(async (dataSource) => {
      await dataSource.runMigrations({ transaction: 'each' });
      await withIdentity(dataSource, (app) => seedDemo(app, quiet));
      await seedDemoUsage(dataSource, quiet);
    });
    const seeded = await counts();
    const demoTables = [
      'account',
      'contact',
      'position',
      'interaction',
      'interaction_account',
      'task',
      'pilot',
      'pilot_criterion',
      'usage_event',
      'usage_event_key',
      'generator_identity',
      'usage_rollup_account_day',
    ];
    expect(demoTables.filter((table) => !(seeded[table] > 0))).toEqual([]);

    // every later migration and the tenant keys themselves undone: the rows of the tables that
    // existed before are all still there
    const later = migrations.length - migrations.indexOf(TenantKeys1795800000000);
    await withDataSource(async (dataSource) => {
      for (let i = 0; i < later; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    });
    const down = await counts();
    expect(Object.keys(down).filter((table) => !(table in seeded))).toEqual([]);
    expect(down).toEqual(Object.fromEntries(Object.keys(down).map((table) => [table, seeded[table]])));

    await withDataSource((dataSource) =>
      dataSource.runMigrations({ transaction: 'each' }).then(() => undefined),
    );
    expect(await counts()).toEqual(seeded);
  }, 400_000);
});
