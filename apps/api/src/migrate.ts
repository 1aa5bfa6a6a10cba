import { createDataSource, runMigrations } from '@greenlight/db';
import { databaseOptions } from './database';

/** Applies pending migrations; returns the names of those applied. */
export async function migrate(url: string): Promise<string[]> {
  const dataSource = createDataSource({ ...databaseOptions(url), poolSize: 2, applicationName: 'greenlight-migrate' });
  await dataSource.initialize();
  try {
    return (await runMigrations(dataSource)).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
