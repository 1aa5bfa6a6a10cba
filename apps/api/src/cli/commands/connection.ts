import { AppConfig } from '@greenlight/config';
import { createDataSource, EmbeddedPostgres, startDatabase } from '@greenlight/db';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../database';

/**
 * Runs `work` with a connected data source: DATABASE_URL when set, else the embedded server
 * (the running one if Greenlight is up, or one started for the command).
 */
export async function withDatabase<T>(
  config: AppConfig,
  work: (dataSource: DataSource, url: string) => Promise<T>,
): Promise<T> {
  const attached = config.databaseUrl ? null : EmbeddedPostgres.attach(config.dataDir);
  const database = attached
    ? { url: attached, stop: async () => undefined }
    : await startDatabase(config, (level, message) => level !== 'debug' && console.error(message));
  const dataSource = createDataSource({
    ...databaseOptions(database.url),
    poolSize: 4,
    applicationName: 'greenlight-cli',
  });
  try {
    await dataSource.initialize();
    return await work(dataSource, database.url);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}
