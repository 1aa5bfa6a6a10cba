import { Environment, LogLevel, loadEnvironment } from './environment';

/** Thresholds of the alert rules; the same for every workspace. */
export interface AlertThresholds {
  usageDropPercent: number;
  usageDropMinEvents: number;
  pilotEndingDays: number;
  quietDays: number;
  /** Share of an access grant's credits used (percent) from which it raises an alert. */
  grantCreditPercent: number;
}

/** When a pilot is at risk, the same for the pilot, health, alerts and the dashboard. */
export interface PilotRiskSettings {
  /** Whole percent of its credit spent from which an active pilot is at risk. */
  budgetPercent: number;
}

export interface HealthSettings {
  scheduleEnabled: boolean;
  intervalSeconds: number;
  batchSize: number;
  alerts: AlertThresholds;
}

/** The validated configuration the application runs with. */
export class AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly embeddedDbPort: number;
  readonly databasePoolSize: number;
  /** What one HTTP request may use of the database: pool connections at once, statement timeout. */
  readonly requestDatabaseLimits: { connections: number; statementTimeoutMs: number };
  readonly logLevel: LogLevel;
  readonly logPretty: boolean;
  readonly shutdownTimeoutMs: number;
  readonly graphqlIntrospection: boolean;
  readonly jwtSecret?: string;
  readonly publicUrl: string;
  readonly graphqlMaxDepth: number;
  readonly graphqlMaxComplexity: number;
  /** Root fields (aliases included) one GraphQL operation may select. */
  readonly graphqlMaxRootFields: number;
  /** Browser origins allowed by CORS; in development the Vite dev server is allowed too. */
  readonly corsOrigins: string[];
  /** Limits on failed sign-ins, counted in PostgreSQL so every instance shares them. */
  readonly signInLimits: { perEmail: number; perIp: number; windowSeconds: number };
  /** Express `trust proxy`: whose X-Forwarded-For names the client IP. */
  readonly trustProxy: string | number;
  /** Months of raw usage events kept (older monthly partitions are dropped); null keeps everything. */
  readonly usageRetentionMonths: number | null;
  /** Account health and alert evaluation: schedule, batch size and alert thresholds. */
  readonly health: HealthSettings;
  readonly pilotRisk: PilotRiskSettings;
  /** Calendar polling and the BCC mail listener (see docs/capture.md). */
  readonly capture: CaptureSettings;
  readonly webhooks: WebhookSettings;
  /** Seconds an entitlements answer is served from memory before it is computed again. */
  readonly entitlementsCacheSeconds: number;
  /** Repeat callers of the entitlements route answered before the Nest pipeline. */
  readonly entitlementsEdge: boolean;
  /** The schedule that expires access grants past their last day. */
  readonly grantExpiry: { scheduleEnabled: boolean; intervalSeconds: number };
  /** Per API key limits of the ingestion routes, counted in PostgreSQL so every instance shares them. */
  readonly ingestLimits: {
    requestsPerSecond: number;
    requestBurst: number;
    eventsPerSecond: number;
    eventBurst: number;
  };

  constructor(environment: Environment, isTerminal = Boolean(process.stdout.isTTY)) {
    this.env = environment.NODE_ENV as AppConfig['env'];
    this.port = environment.PORT;
    this.host = environment.HOST;
    this.databaseUrl = environment.DATABASE_URL;
    this.dataDir = environment.GREENLIGHT_DATA_DIR;
    this.embeddedDbPort = environment.GREENLIGHT_DB_PORT;
    this.databasePoolSize = environment.DATABASE_POOL_SIZE;
    this.requestDatabaseLimits = {
      connections: Math.min(environment.DATABASE_CONNECTIONS_PER_REQUEST, environment.DATABASE_POOL_SIZE),
      statementTimeoutMs: environment.DATABASE_STATEMENT_TIMEOUT_MS,
    };
    this.logLevel = environment.LOG_LEVEL;
    this.logPretty = environment.LOG_FORMAT ? environment.LOG_FORMAT === 'pretty' : isTerminal;
    this.shutdownTimeoutMs = environment.SHUTDOWN_TIMEOUT_MS;
    this.graphqlIntrospection = environment.GRAPHQL_INTROSPECTION ?? this.env !== 'production';
    this.jwtSecret = environment.JWT_SECRET;
    this.publicUrl = (environment.PUBLIC_URL ?? `http://localhost:${this.port}`).replace(/\/+$/, '');
    this.graphqlMaxDepth = environment.GRAPHQL_MAX_DEPTH;
    this.graphqlMaxComplexity = environment.GRAPHQL_MAX_COMPLEXITY;
    this.graphqlMaxRootFields = environment.GRAPHQL_MAX_ROOT_FIELDS;
    const listed = (environment.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
    this.corsOrigins = this.env === 'development' ? [...listed, 'http://localhost:5173'] : listed;
    this.signInLimits = {
      perEmail: environment.SIGN_IN_MAX_FAILURES_PER_EMAIL,
      perIp: environment.SIGN_IN_MAX_FAILURES_PER_IP,
      windowSeconds: environment.SIGN_IN_FAILURE_WINDOW_SECONDS,
    };
    this.ingestLimits = {
      requestsPerSecond: environment.INGEST_MAX_REQUESTS_PER_SECOND,
      requestBurst: environment.INGEST_REQUEST_BURST,
      eventsPerSecond: environment.INGEST_MAX_EVENTS_PER_SECOND,
      eventBurst: environment.INGEST_EVENT_BURST,
    };
    this.health = {
      scheduleEnabled: environment.HEALTH_SCHEDULE_ENABLED ?? this.env !== 'test',
      intervalSeconds: environment.HEALTH_EVALUATION_INTERVAL_SECONDS,
      batchSize: environment.HEALTH_BATCH_SIZE,
      alerts: {
        usageDropPercent: environment.ALERT_USAGE_DROP_PERCENT,
        usageDropMinEvents: environment.ALERT_USAGE_DROP_MIN_EVENTS,
        pilotEndingDays: environment.ALERT_PILOT_ENDING_DAYS,
        quietDays: environment.ALERT_QUIET_DAYS,
        grantCreditPercent: environment.ALERT_GRANT_CREDIT_PERCENT,
      },
    };
    this.pilotRisk = { budgetPercent: environment.ALERT_PILOT_BUDGET_PERCENT };
    this.entitlementsCacheSeconds = environment.ENTITLEMENTS_CACHE_SECONDS;
    this.entitlementsEdge = environment.ENTITLEMENTS_EDGE ?? true;
    this.grantExpiry = { scheduleEnabled: this.health.scheduleEnabled, intervalSeconds: 60 };
    this.usageRetentionMonths = environment.USAGE_RETENTION_MONTHS || null;
    this.capture = {
      pollMinutes: environment.CAPTURE_POLL_MINUTES,
      allowPrivateFeeds: environment.CAPTURE_ALLOW_PRIVATE_FEEDS ?? false,
      smtp: {
        port: environment.SMTP_PORT ?? null,
        host: environment.SMTP_HOST ?? environment.HOST,
        domain: environment.SMTP_DOMAIN.toLowerCase(),
        maxMessageBytes: environment.SMTP_MAX_MESSAGE_BYTES,
        tls:
          environment.SMTP_TLS_CERT_FILE && environment.SMTP_TLS_KEY_FILE
            ? { certFile: environment.SMTP_TLS_CERT_FILE, keyFile: environment.SMTP_TLS_KEY_FILE }
            : null,
      },
    };
    this.webhooks = {
      allowPrivate: environment.WEBHOOK_ALLOW_PRIVATE ?? false,
      concurrency: environment.WEBHOOK_CONCURRENCY,
      endpointConcurrency: Math.min(
        environment.WEBHOOK_CONCURRENCY,
        environment.WEBHOOK_ENDPOINT_CONCURRENCY ?? Math.ceil(environment.WEBHOOK_CONCURRENCY / 2),
      ),
      retryDelaySeconds: environment.WEBHOOK_RETRY_DELAY_SECONDS,
      timeoutSeconds: environment.WEBHOOK_TIMEOUT_SECONDS,
    };
    const trustProxy = environment.TRUST_PROXY.trim();
    this.trustProxy = /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy;
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

export interface WebhookSettings {
  /** Endpoints on private, loopback and link-local addresses may be called (refused otherwise). */
  allowPrivate: boolean;
  concurrency: number;
  /** Requests in flight to one endpoint per process (at most `concurrency`), so one endpoint cannot take every worker. */
  endpointConcurrency: number;
  retryDelaySeconds: number;
  timeoutSeconds: number;
}

export interface CaptureSettings {
  pollMinutes: number;
  /** Calendar feeds on private, loopback and link-local addresses may be polled (refused otherwise). */
  allowPrivateFeeds: boolean;
  smtp: {
    /** null: no listener. */
    port: number | null;
    host: string;
    domain: string;
    maxMessageBytes: number;
    tls: { certFile: string; keyFile: string } | null;
  };
}
