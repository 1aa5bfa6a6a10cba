import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { Column, DataSource, Entity, MigrationInterface, PrimaryGeneratedColumn, QueryRunner } from 'typeorm';
import { createDataSource } from './data-source';
import { writeMigration } from './migration-writer';
import { pendingSchemaChanges, runMigrations } from './migrator';

class CreateGadget1700000000000 implements MigrationInterface {
  name = 'CreateGadget1700000000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT pg_sleep(0.2)');
    await queryRunner.query('CREATE TABLE "gadget" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "display_name" text NOT NULL, CONSTRAINT "PK_gadget" PRIMARY KEY ("id"))');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "gadget"');
  }
}

@Entity()
class Gadget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'int', default: 0 })
  stockLevel: number;
}

/** An empty database on the run's test server (this library sits below the testing harness). */
async function emptyDatabase() {
  const server = process.env.GREENLIGHT_TEST_SERVER_URL!;
  const name = `db_spec_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const opened: DataSource[] = [];
  return {
    url: url.toString(),
    async dataSource(entities: Function[]) {
      const dataSource = createDataSource({ url: url.toString(), entities, poolSize: 2 });
      opened.push(await dataSource.initialize());
      return dataSource;
    },
    async drop() {
      await Promise.all(opened.map((dataSource) => dataSource.destroy()));
      const client = new Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

describe('migrations', () => {
  let db: Awaited<ReturnType<typeof emptyDatabase>>;
  beforeAll(async () => {
    db = await emptyDatabase();
  });
  afterAll(() => db.drop());

  it('run once when several instances start together', async () => {
    const instances = Array.from({ length: 3 }, () =>
      createDataSource({ url: db.url, entities: [], migrations: [CreateGadget1700000000000], poolSize: 2 }),
    );
    await Promise.all(instances.map((instance) => instance.initialize()));
    const applied = await Promise.all(instances.map((instance) => runMigrations(instance)));
    await Promise.all(instances.map((instance) => instance.destroy()));
    expect(applied.map((list) => list.length).sort()).toEqual([0, 0, 1]);
  });

  it('report the schema difference with the entities in snake_case, and write it as a migration', async () => {
    const dataSource = await db.dataSource([Gadget]);
    const { up, down } = await pendingSchemaChanges(dataSource);
    expect(up).toEqual(['ALTER TABLE "gadget" ADD "stock_level" integer NOT NULL DEFAULT \'0\'']);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-migrations-'));
    fs.writeFileSync(path.join(dir, 'index.ts'), "\n/** Every migration, oldest first. */\nexport const migrations = [\n];\n");
    const file = writeMigration(dir, 'AddGadgetStock', up, down, 1800000000000);
    const source = fs.readFileSync(file, 'utf8');
    expect(path.basename(file)).toBe('1800000000000-AddGadgetStock.ts');
    expect(source).toContain('export class AddGadgetStock1800000000000 implements MigrationInterface');
    expect(source).toContain('ALTER TABLE \\"gadget\\" ADD \\"stock_level\\"');
    expect(fs.readFileSync(path.join(dir, 'index.ts'), 'utf8')).toContain(
      "import { AddGadgetStock1800000000000 } from './1800000000000-AddGadgetStock';",
    );
    expect(fs.readFileSync(path.join(dir, 'index.ts'), 'utf8')).toMatch(/\[\n\s+AddGadgetStock1800000000000,\n\];/);
    expect(() => writeMigration(dir, 'lower case', up, down)).toThrow('PascalCase');
    fs.rmSync(dir, { recursive: true });
  });
});
