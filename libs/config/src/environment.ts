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

  /** Comma-separated origins allowed to call the API from a browser, e.g. `https://crm.example.com`. */
  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*\s*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;
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
