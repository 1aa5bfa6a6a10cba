import { AppConfig } from '@greenlight/config';
import { createDataSource, runMigrations } from '@greenlight/db';
import { Logger } from 'pino';
import { databaseOptions } from './database';
import { seedOnFirstRun } from './seed';

/**
 * Readies the database before the server starts, on one short-lived connection pool: applies
 * pending migrations, then seeds the demo workspace on the first run.
 */
export async function prepareDatabase(url: string, config: AppConfig, logger: Logger): Promise<void> {
  const dataSource = createDataSource({
    ...databaseOptions(url),
    poolSize: 2,
    applicationName: 'greenlight-prepare',
  });
  await dataSource.initialize();
  try {
    const migrated = (await runMigrations(dataSource)).map((migration) => migration.name);
    if (migrated.length > 0) logger.info(`applied ${migrated.length} migration(s): ${migrated.join(', ')}`);
    await seedOnFirstRun(dataSource, config, logger);
  } finally {
    await dataSource.destroy();
  }
}
