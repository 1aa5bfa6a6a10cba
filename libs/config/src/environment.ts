import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase()) ? true
    : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase()) ? false : value;

/** Every environment variable Greenlight reads, with its rule. */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Type(() => Number)
  @IsInt({ message: 'PORT must be a whole number between 0 and 65535' })
  @Min(0, { message: 'PORT must be a whole number between 0 and 65535' })
  @Max(65535, { message: 'PORT must be a whole number between 0 and 65535' })
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  GREENLIGHT_DATA_DIR = '.greenlight';

  @Type(() => Number)
  @IsInt({ message: 'GREENLIGHT_DB_PORT must be a whole number between 0 and 65535' })
  @Min(0, { message: 'GREENLIGHT_DB_PORT must be a whole number between 0 and 65535' })
  @Max(65535, { message: 'GREENLIGHT_DB_PORT must be a whole number between 0 and 65535' })
  GREENLIGHT_DB_PORT = 54329;

  @Type(() => Number)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number between 1 and 200' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be a whole number between 1 and 200' })
  @Max(200, { message: 'DATABASE_POOL_SIZE must be a whole number between 1 and 200' })
  DATABASE_POOL_SIZE = 10;

  @Type(() => Number)
  @IsInt({ message: 'DATABASE_CONNECTIONS_PER_REQUEST must be a whole number between 1 and 200' })
  @Min(1, { message: 'DATABASE_CONNECTIONS_PER_REQUEST must be a whole number between 1 and 200' })
  @Max(200, { message: 'DATABASE_CONNECTIONS_PER_REQUEST must be a whole number between 1 and 200' })
  DATABASE_CONNECTIONS_PER_REQUEST = 2;

  @Type(() => Number)
  @IsInt({ message: 'DATABASE_STATEMENT_TIMEOUT_MS must be a whole number between 100 and 3600000' })
  @Min(100, { message: 'DATABASE_STATEMENT_TIMEOUT_MS must be a whole number between 100 and 3600000' })
  @Max(3_600_000, { message: 'DATABASE_STATEMENT_TIMEOUT_MS must be a whole number between 100 and 3600000' })
  DATABASE_STATEMENT_TIMEOUT_MS = 10_000;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of: ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @IsOptional()
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: 'json' | 'pretty';

  @Type(() => Number)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds (1000 to 600000)' })
  @Min(1000, { message: 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds (1000 to 600000)' })
  @Max(600000, { message: 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds (1000 to 600000)' })
  SHUTDOWN_TIMEOUT_MS = 15000;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'GRAPHQL_INTROSPECTION must be true or false' })
  GRAPHQL_INTROSPECTION?: boolean;

  /** Signs access tokens; when unset, a secret generated once is kept in the database. */
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  /** Where people reach Greenlight, for links such as invitations (default http://localhost:PORT). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_URL must be an http:// or https:// URL' })
  PUBLIC_URL?: string;

  @Type(() => Number)
  @IsInt({ message: 'GRAPHQL_MAX_DEPTH must be a whole number between 2 and 50' })
  @Min(2, { message: 'GRAPHQL_MAX_DEPTH must be a whole number between 2 and 50' })
  @Max(50, { message: 'GRAPHQL_MAX_DEPTH must be a whole number between 2 and 50' })
  GRAPHQL_MAX_DEPTH = 12;

  @Type(() => Number)
  @IsInt({ message: 'GRAPHQL_MAX_COMPLEXITY must be a whole number between 10 and 1000000' })
  @Min(10, { message: 'GRAPHQL_MAX_COMPLEXITY must be a whole number between 10 and 1000000' })
  @Max(1_000_000, { message: 'GRAPHQL_MAX_COMPLEXITY must be a whole number between 10 and 1000000' })
  GRAPHQL_MAX_COMPLEXITY = 20_000;

  @Type(() => Number)
  @IsInt({ message: 'GRAPHQL_MAX_ROOT_FIELDS must be a whole number between 1 and 1000' })
  @Min(1, { message: 'GRAPHQL_MAX_ROOT_FIELDS must be a whole number between 1 and 1000' })
  @Max(1000, { message: 'GRAPHQL_MAX_ROOT_FIELDS must be a whole number between 1 and 1000' })
  GRAPHQL_MAX_ROOT_FIELDS = 25;

  /** Comma-separated origins allowed to call the API from a browser, e.g. `https://crm.example.com`. */
  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*\s*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  /** Failed sign-ins allowed per email address within SIGN_IN_FAILURE_WINDOW_SECONDS. */
  @Type(() => Number)
  @IsInt({ message: 'SIGN_IN_MAX_FAILURES_PER_EMAIL must be a whole number between 1 and 1000' })
  @Min(1, { message: 'SIGN_IN_MAX_FAILURES_PER_EMAIL must be a whole number between 1 and 1000' })
  @Max(1000, { message: 'SIGN_IN_MAX_FAILURES_PER_EMAIL must be a whole number between 1 and 1000' })
  SIGN_IN_MAX_FAILURES_PER_EMAIL = 5;

  /** Failed sign-ins (and failed refreshes, failed invitation acceptances) allowed per client IP. */
  @Type(() => Number)
  @IsInt({ message: 'SIGN_IN_MAX_FAILURES_PER_IP must be a whole number between 1 and 100000' })
  @Min(1, { message: 'SIGN_IN_MAX_FAILURES_PER_IP must be a whole number between 1 and 100000' })
  @Max(100_000, { message: 'SIGN_IN_MAX_FAILURES_PER_IP must be a whole number between 1 and 100000' })
  SIGN_IN_MAX_FAILURES_PER_IP = 20;

  /** The window the failures are counted in, and how long a caller over the limit waits. */
  @Type(() => Number)
  @IsInt({ message: 'SIGN_IN_FAILURE_WINDOW_SECONDS must be a whole number of seconds between 1 and 86400' })
  @Min(1, { message: 'SIGN_IN_FAILURE_WINDOW_SECONDS must be a whole number of seconds between 1 and 86400' })
  @Max(86_400, { message: 'SIGN_IN_FAILURE_WINDOW_SECONDS must be a whole number of seconds between 1 and 86400' })
  SIGN_IN_FAILURE_WINDOW_SECONDS = 900;

  /** Ingestion requests per second allowed per API key (token bucket, shared by every instance). */
  @Type(() => Number)
  @IsInt({ message: 'INGEST_MAX_REQUESTS_PER_SECOND must be a whole number between 1 and 1000000' })
  @Min(1, { message: 'INGEST_MAX_REQUESTS_PER_SECOND must be a whole number between 1 and 1000000' })
  @Max(1_000_000, { message: 'INGEST_MAX_REQUESTS_PER_SECOND must be a whole number between 1 and 1000000' })
  INGEST_MAX_REQUESTS_PER_SECOND = 200;

  /** Ingestion requests an API key may send at once after a quiet spell. */
  @Type(() => Number)
  @IsInt({ message: 'INGEST_REQUEST_BURST must be a whole number between 1 and 10000000' })
  @Min(1, { message: 'INGEST_REQUEST_BURST must be a whole number between 1 and 10000000' })
  @Max(10_000_000, { message: 'INGEST_REQUEST_BURST must be a whole number between 1 and 10000000' })
  INGEST_REQUEST_BURST = 400;

  /** Usage events per second allowed per API key. */
  @Type(() => Number)
  @IsInt({ message: 'INGEST_MAX_EVENTS_PER_SECOND must be a whole number between 1 and 100000000' })
  @Min(1, { message: 'INGEST_MAX_EVENTS_PER_SECOND must be a whole number between 1 and 100000000' })
  @Max(100_000_000, { message: 'INGEST_MAX_EVENTS_PER_SECOND must be a whole number between 1 and 100000000' })
  INGEST_MAX_EVENTS_PER_SECOND = 100_000;

  /** Usage events an API key may send at once after a quiet spell. */
  @Type(() => Number)
  @IsInt({ message: 'INGEST_EVENT_BURST must be a whole number between 1 and 1000000000' })
  @Min(1, { message: 'INGEST_EVENT_BURST must be a whole number between 1 and 1000000000' })
  @Max(1_000_000_000, { message: 'INGEST_EVENT_BURST must be a whole number between 1 and 1000000000' })
  INGEST_EVENT_BURST = 200_000;

  /**
   * Runs the account health and alert evaluation on a schedule (every instance tries; one runs at a
   * time under an advisory lock). Defaults to on, except under NODE_ENV=test.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'HEALTH_SCHEDULE_ENABLED must be true or false' })
  HEALTH_SCHEDULE_ENABLED?: boolean;

  /** Seconds between scheduled health and alert evaluations. */
  @Type(() => Number)
  @IsInt({ message: 'HEALTH_EVALUATION_INTERVAL_SECONDS must be a whole number of seconds between 10 and 86400' })
  @Min(10, { message: 'HEALTH_EVALUATION_INTERVAL_SECONDS must be a whole number of seconds between 10 and 86400' })
  @Max(86400, { message: 'HEALTH_EVALUATION_INTERVAL_SECONDS must be a whole number of seconds between 10 and 86400' })
  HEALTH_EVALUATION_INTERVAL_SECONDS = 300;

  /** Accounts evaluated per batch by the health and alert evaluation. */
  @Type(() => Number)
  @IsInt({ message: 'HEALTH_BATCH_SIZE must be a whole number between 10 and 5000' })
  @Min(10, { message: 'HEALTH_BATCH_SIZE must be a whole number between 10 and 5000' })
  @Max(5000, { message: 'HEALTH_BATCH_SIZE must be a whole number between 10 and 5000' })
  HEALTH_BATCH_SIZE = 200;

  /** Usage drop (last 14 days against the 14 before, in percent) that raises an alert. */
  @Type(() => Number)
  @IsInt({ message: 'ALERT_USAGE_DROP_PERCENT must be a whole number between 1 and 100' })
  @Min(1, { message: 'ALERT_USAGE_DROP_PERCENT must be a whole number between 1 and 100' })
  @Max(100, { message: 'ALERT_USAGE_DROP_PERCENT must be a whole number between 1 and 100' })
  ALERT_USAGE_DROP_PERCENT = 50;

  /** Events needed in the previous 14 days before a usage drop can raise an alert. */
  @Type(() => Number)
  @IsInt({ message: 'ALERT_USAGE_DROP_MIN_EVENTS must be a whole number between 1 and 1000000' })
  @Min(1, { message: 'ALERT_USAGE_DROP_MIN_EVENTS must be a whole number between 1 and 1000000' })
  @Max(1000000, { message: 'ALERT_USAGE_DROP_MIN_EVENTS must be a whole number between 1 and 1000000' })
  ALERT_USAGE_DROP_MIN_EVENTS = 20;

  /** Days before its end at which a pilot with unmet criteria raises an alert. */
  @Type(() => Number)
  @IsInt({ message: 'ALERT_PILOT_ENDING_DAYS must be a whole number between 1 and 90' })
  @Min(1, { message: 'ALERT_PILOT_ENDING_DAYS must be a whole number between 1 and 90' })
  @Max(90, { message: 'ALERT_PILOT_ENDING_DAYS must be a whole number between 1 and 90' })
  ALERT_PILOT_ENDING_DAYS = 7;

  /** Share of a pilot's credit budget spent (percent) from which an active pilot is at risk and raises an alert. */
  @Type(() => Number)
  @IsInt({ message: 'ALERT_PILOT_BUDGET_PERCENT must be a whole number between 1 and 1000' })
  @Min(1, { message: 'ALERT_PILOT_BUDGET_PERCENT must be a whole number between 1 and 1000' })
  @Max(1000, { message: 'ALERT_PILOT_BUDGET_PERCENT must be a whole number between 1 and 1000' })
  ALERT_PILOT_BUDGET_PERCENT = 90;

  /** Days without an interaction that raise an alert for an account in the pilot or negotiation stage. */
  @Type(() => Number)
  @IsInt({ message: 'ALERT_QUIET_DAYS must be a whole number between 1 and 365' })
  @Min(1, { message: 'ALERT_QUIET_DAYS must be a whole number between 1 and 365' })
  @Max(365, { message: 'ALERT_QUIET_DAYS must be a whole number between 1 and 365' })
  ALERT_QUIET_DAYS = 30;

  /** Share of an access grant's credits used (percent) from which a "near its credit limit" alert opens. */
  @Type(() => Number)
  @IsInt({ message: 'ALERT_GRANT_CREDIT_PERCENT must be a whole number between 1 and 100' })
  @Min(1, { message: 'ALERT_GRANT_CREDIT_PERCENT must be a whole number between 1 and 100' })
  @Max(100, { message: 'ALERT_GRANT_CREDIT_PERCENT must be a whole number between 1 and 100' })
  ALERT_GRANT_CREDIT_PERCENT = 80;

  /** Seconds an answer of `GET /v1/entitlements` is served from memory before it is computed again. */
  @Type(() => Number)
  @IsInt({ message: 'ENTITLEMENTS_CACHE_SECONDS must be a whole number of seconds between 0 and 3600' })
  @Min(0, { message: 'ENTITLEMENTS_CACHE_SECONDS must be a whole number of seconds between 0 and 3600' })
  @Max(3600, { message: 'ENTITLEMENTS_CACHE_SECONDS must be a whole number of seconds between 0 and 3600' })
  ENTITLEMENTS_CACHE_SECONDS = 10;

  /**
   * Answers repeat callers of `GET /v1/entitlements` at the HTTP edge, before the Nest pipeline
   * (see docs/grants.md); `false` sends every request through the Nest route. Defaults to on.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'ENTITLEMENTS_EDGE must be true or false' })
  ENTITLEMENTS_EDGE?: boolean;

  /**
   * Months of raw usage events kept (the current month counts as 0): older monthly partitions are
   * dropped by the partition schedule, their rollups stay. 0 keeps every event.
   */
  @Type(() => Number)
  @IsInt({ message: 'USAGE_RETENTION_MONTHS must be a whole number of months between 0 (keep everything) and 1200' })
  @Min(0, { message: 'USAGE_RETENTION_MONTHS must be a whole number of months between 0 (keep everything) and 1200' })
  @Max(1200, { message: 'USAGE_RETENTION_MONTHS must be a whole number of months between 0 (keep everything) and 1200' })
  USAGE_RETENTION_MONTHS = 0;

  /**
   * Which proxies may set X-Forwarded-For, so that the client IP (used by the per-IP sign-in
   * limit) is the caller's and not the load balancer's: Express `trust proxy`, as a number of hops
   * (`0` trusts nobody) or a comma-separated list of addresses, CIDR ranges, `loopback`,
   * `linklocal`, `uniquelocal`.
   */
  @Matches(/^\s*(\d{1,2}|(loopback|linklocal|uniquelocal|[\da-f.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[\da-f.:]+(\/\d{1,3})?))*)\s*$/i, {
    message: 'TRUST_PROXY must be a number of hops or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal',
  })
  TRUST_PROXY = 'loopback';

  /** Port of the SMTP listener that logs mail sent to members' BCC addresses; unset: no listener. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'SMTP_PORT must be a port number between 1 and 65535' })
  @Min(1, { message: 'SMTP_PORT must be a port number between 1 and 65535' })
  @Max(65535, { message: 'SMTP_PORT must be a port number between 1 and 65535' })
  SMTP_PORT?: number;

  /** Address the SMTP listener binds to (default: HOST). */
  @IsOptional()
  @IsString()
  SMTP_HOST?: string;

  /** Domain of the BCC addresses, `log+<token>@<SMTP_DOMAIN>` (its MX points at the listener). */
  @Matches(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, {
    message: 'SMTP_DOMAIN must be a domain name such as mail.example.com',
  })
  SMTP_DOMAIN = 'localhost';

  /** Largest message accepted, in bytes (SMTP answers 552 above it; the HTTP route 413). */
  @Type(() => Number)
  @IsInt({ message: 'SMTP_MAX_MESSAGE_BYTES must be a whole number of bytes between 1024 and 104857600' })
  @Min(1024, { message: 'SMTP_MAX_MESSAGE_BYTES must be a whole number of bytes between 1024 and 104857600' })
  @Max(104_857_600, { message: 'SMTP_MAX_MESSAGE_BYTES must be a whole number of bytes between 1024 and 104857600' })
  SMTP_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

  /** PEM files of the listener's certificate and key: with both set, STARTTLS is offered. */
  @IsOptional()
  @IsString()
  SMTP_TLS_CERT_FILE?: string;

  @IsOptional()
  @IsString()
  SMTP_TLS_KEY_FILE?: string;

  /** Minutes between two polls of a calendar subscription. */
  @Type(() => Number)
  @IsInt({ message: 'CAPTURE_POLL_MINUTES must be a whole number of minutes between 1 and 1440' })
  @Min(1, { message: 'CAPTURE_POLL_MINUTES must be a whole number of minutes between 1 and 1440' })
  @Max(1440, { message: 'CAPTURE_POLL_MINUTES must be a whole number of minutes between 1 and 1440' })
  CAPTURE_POLL_MINUTES = 10;

  /**
   * Lets calendar subscriptions reach private, loopback and link-local addresses (a calendar server
   * inside the company network). Off by default: a pasted address must not reach this host's network.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'CAPTURE_ALLOW_PRIVATE_FEEDS must be true or false' })
  CAPTURE_ALLOW_PRIVATE_FEEDS?: boolean;

  /**
   * Lets webhook endpoints be on private, loopback and link-local addresses (a receiver inside the
   * company network, or the tests' local one). Off by default.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'WEBHOOK_ALLOW_PRIVATE must be true or false' })
  WEBHOOK_ALLOW_PRIVATE?: boolean;

  /** Webhook requests one process sends at once. */
  @Type(() => Number)
  @IsInt({ message: 'WEBHOOK_CONCURRENCY must be a whole number between 1 and 64' })
  @Min(1, { message: 'WEBHOOK_CONCURRENCY must be a whole number between 1 and 64' })
  @Max(64, { message: 'WEBHOOK_CONCURRENCY must be a whole number between 1 and 64' })
  WEBHOOK_CONCURRENCY = 8;

  /** Webhook requests one process sends at once to one endpoint (default: half of WEBHOOK_CONCURRENCY, rounded up). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'WEBHOOK_ENDPOINT_CONCURRENCY must be a whole number between 1 and 64' })
  @Min(1, { message: 'WEBHOOK_ENDPOINT_CONCURRENCY must be a whole number between 1 and 64' })
  @Max(64, { message: 'WEBHOOK_ENDPOINT_CONCURRENCY must be a whole number between 1 and 64' })
  WEBHOOK_ENDPOINT_CONCURRENCY?: number;

  /** Seconds before the first retry of a failed webhook delivery; then about twice as long each time. */
  @Type(() => Number)
  @IsInt({ message: 'WEBHOOK_RETRY_DELAY_SECONDS must be a whole number of seconds between 1 and 3600' })
  @Min(1, { message: 'WEBHOOK_RETRY_DELAY_SECONDS must be a whole number of seconds between 1 and 3600' })
  @Max(3600, { message: 'WEBHOOK_RETRY_DELAY_SECONDS must be a whole number of seconds between 1 and 3600' })
  WEBHOOK_RETRY_DELAY_SECONDS = 30;

  /** Seconds a webhook endpoint has to answer. */
  @Type(() => Number)
  @IsInt({ message: 'WEBHOOK_TIMEOUT_SECONDS must be a whole number of seconds between 1 and 10' })
  @Min(1, { message: 'WEBHOOK_TIMEOUT_SECONDS must be a whole number of seconds between 1 and 10' })
  @Max(10, { message: 'WEBHOOK_TIMEOUT_SECONDS must be a whole number of seconds between 1 and 10' })
  WEBHOOK_TIMEOUT_SECONDS = 10;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; the first problem becomes one line naming the variable. */
export function loadEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = plainToInstance(Environment, defined, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const [first] = errors;
    const message = Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid`;
    const shown = /SECRET|PASSWORD|TOKEN/.test(first.property) ? 'a hidden value' : JSON.stringify(env[first.property]);
    throw new ConfigError(`Invalid configuration: ${message} (got ${shown})`);
  }
  return parsed;
}
