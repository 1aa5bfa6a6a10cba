import { DataSource, Migration } from 'typeorm';
import { withAdvisoryLock } from './advisory-lock';

/** Arbitrary constant: the advisory lock that serialises migration runs across instances. */
const MIGRATION_LOCK_KEY = 7_234_001;

/**
 * Runs pending migrations, each in its own transaction, while holding an advisory lock so that
 * several instances starting together migrate once.
 * Needs a pool of at least two connections: one holds the lock while TypeORM migrates on another.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  return withAdvisoryLock(dataSource, MIGRATION_LOCK_KEY, () => dataSource.runMigrations({ transaction: 'each' }));
}

/** Drops every table and type of the schema, then migrates it from scratch. */
export async function resetSchema(dataSource: DataSource): Promise<Migration[]> {
  await dataSource.query('DROP SCHEMA public CASCADE');
  await dataSource.query('CREATE SCHEMA public');
  return runMigrations(dataSource);
}

/** The SQL that would bring the database in line with the entities: empty when nothing drifted. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: sql.upQueries.map((query) => query.query),
    down: sql.downQueries.map((query) => query.query),
  };
}
