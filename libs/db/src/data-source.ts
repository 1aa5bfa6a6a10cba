import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './naming-strategy';
import { PreparingClient } from './prepared-statements';
import { RequestDatabaseLimits, requestLimitedPg } from './request-limits';

export interface DatabaseOptions {
  url: string;
  entities: MixedList<Function>;
  migrations?: MixedList<Function>;
  poolSize?: number;
  applicationName?: string;
  /** Limits on what one HTTP request may use (the API server); none for commands and workers. */
  requestLimits?: RequestDatabaseLimits;
}

/** How long to wait for a pool connection before answering that the database is busy. */
const CONNECTION_TIMEOUT_MS = 10_000;

/** TypeORM options every Greenlight process uses: snake_case names, UTC sessions, never synchronize. */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // uuid keys default to gen_random_uuid(), built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'greenlight',
    ...(options.requestLimits ? { driver: requestLimitedPg(options.requestLimits, CONNECTION_TIMEOUT_MS) } : {}),
    extra: {
      Client: PreparingClient,
      options: '-c timezone=UTC',
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    },
  };
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}
