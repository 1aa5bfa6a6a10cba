import { createDataSource, runMigrations } from '@greenlight/db';
import { Logger } from 'pino';
import { databaseOptions } from './database';

/**
 * Readies the database before the server starts, on one short-lived connection pool: applies
 * pending migrations.
 */
export async function prepareDatabase(url: string, logger: Logger): Promise<void> {
  const dataSource = createDataSource({
    ...databaseOptions(url),
    poolSize: 2,
    applicationName: 'greenlight-prepare',
  });
  await dataSource.initialize();
  try {
    const migrated = (await runMigrations(dataSource)).map((migration) => migration.name);
    if (migrated.length > 0) logger.info(`applied ${migrated.length} migration(s): ${migrated.join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
}
