import { createDataSource, pendingSchemaChanges } from '@greenlight/db';
import { migrations } from '@greenlight/migrations';
import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { ENTITIES } from '../../apps/api/src/database';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('match the entities: generating against a migrated database yields nothing (else run `npm run migration:generate -- <Name>`)', async () => {
    const dataSource = await db.dataSource(ENTITIES);
    const { up } = await pendingSchemaChanges(dataSource);
    expect(up).toEqual([]);
  });

  it('name each primary key as the entities do (the naming strategy gives PK_<table> when none is named)', async () => {
    const dataSource = await db.dataSource(ENTITIES);
    const keys: { table: string; name: string }[] = await dataSource.query(
      `SELECT t.relname AS table, k.conname AS name FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid WHERE k.contype = 'p'`,
    );
    const named = new Map(keys.map((key) => [key.table, key.name]));
    const expected = dataSource.entityMetadatas
      .filter((entity) => entity.primaryColumns.length)
      .map((entity) => [
        entity.tableName,
        entity.primaryColumns[0]!.primaryKeyConstraintName ??
          dataSource.namingStrategy.primaryKeyName(entity.tableName, entity.primaryColumns.map((column) => column.databaseName)),
      ]);
    expect(expected.map(([table]) => [table, named.get(table!)])).toEqual(expected);
  });

  it('can all be reverted, leaving only the migrations table', async () => {
    const dataSource = createDataSource({ url: db.url, entities: ENTITIES, migrations, poolSize: 2 });
    await dataSource.initialize();
    for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    await dataSource.destroy();
    expect(tables.map((row: { table_name: string }) => row.table_name)).toEqual(['migrations']);
  });
});
