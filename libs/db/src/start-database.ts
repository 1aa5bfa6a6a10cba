import { AppConfig } from '@greenlight/config';
import { EmbeddedPostgres } from './embedded/embedded-postgres';
import { EmbeddedLogLevel } from './embedded/types';

export interface DatabaseHandle {
  url: string;
  /** Present when this process started the server itself. */
  embedded?: EmbeddedPostgres;
  /** Resolves when the embedded server died and could not be started again. */
  lost?: Promise<Error>;
  stop(): Promise<void>;
}

/** Connects to DATABASE_URL when set; otherwise starts (or reuses the data of) the embedded server. */
export async function startDatabase(
  config: AppConfig,
  log: (level: EmbeddedLogLevel, message: string) => void,
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, stop: async () => undefined };
  }
  const embedded = await EmbeddedPostgres.start({
    dataDir: config.dataDir,
    port: config.embeddedDbPort,
    relocateIfUnreachable: true,
    log,
  });
  return { url: embedded.url, embedded, lost: embedded.lost, stop: () => embedded.stop() };
}
