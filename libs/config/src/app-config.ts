import { Environment, LogLevel, loadEnvironment } from './environment';

/** The validated configuration the application runs with. */
export class AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly embeddedDbPort: number;
  readonly databasePoolSize: number;
  readonly logLevel: LogLevel;
  readonly logPretty: boolean;
  readonly shutdownTimeoutMs: number;
  readonly graphqlIntrospection: boolean;

  constructor(environment: Environment, isTerminal = Boolean(process.stdout.isTTY)) {
    this.env = environment.NODE_ENV as AppConfig['env'];
    this.port = environment.PORT;
    this.host = environment.HOST;
    this.databaseUrl = environment.DATABASE_URL;
    this.dataDir = environment.GREENLIGHT_DATA_DIR;
    this.embeddedDbPort = environment.GREENLIGHT_DB_PORT;
    this.databasePoolSize = environment.DATABASE_POOL_SIZE;
    this.logLevel = environment.LOG_LEVEL;
    this.logPretty = environment.LOG_FORMAT ? environment.LOG_FORMAT === 'pretty' : isTerminal;
    this.shutdownTimeoutMs = environment.SHUTDOWN_TIMEOUT_MS;
    this.graphqlIntrospection = environment.GRAPHQL_INTROSPECTION ?? this.env !== 'production';
  }

  get isProduction(): boolean {
    return this.env === 'production';
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
    return new AppConfig(loadEnvironment(env));
  }

  /** A copy with some values replaced, for tests and commands. */
  with(overrides: Partial<Omit<AppConfig, 'isProduction' | 'with'>>): AppConfig {
    return Object.assign(Object.create(AppConfig.prototype), this, overrides) as AppConfig;
  }
}
