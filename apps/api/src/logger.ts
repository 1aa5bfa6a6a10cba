import { AppConfig } from '@greenlight/config';
import pino, { Logger } from 'pino';

/** Paths whose values never reach a log line. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
];

/** Keys of a failed statement (TypeORM's QueryFailedError, pg's DatabaseError) that carry row values. */
const SQL_VALUE_KEYS = new Set(['parameters', 'detail', 'where', 'internalQuery']);
/** A quoted SQL string literal, or the quoted input PostgreSQL repeats at the end of a message. */
const SQL_LITERAL = /'(?:[^']|'')*'/g;
const ECHOED_INPUT = /: "(?:[^"\\]|\\.)*"$/gm;

/**
 * A serialized error without the values of a failed statement: parameters, row details and the
 * query's literals go; the SQLSTATE `code`, the `constraint`, table and column names stay.
 */
export function redactSqlValues<T>(value: T, depth = 0): T {
  if (!value || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => redactSqlValues(item, depth + 1)) as T;
  const failedStatement =
    'query' in value || 'parameters' in value || 'driverError' in value || 'severity' in value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (!failedStatement) return [key, redactSqlValues(inner, depth + 1)];
      if (SQL_VALUE_KEYS.has(key)) return [key, '[redacted]'];
      if (key === 'query' && typeof inner === 'string')
        return [key, inner.replace(SQL_LITERAL, "'[redacted]'")];
      if ((key === 'message' || key === 'stack') && typeof inner === 'string')
        return [key, inner.replace(ECHOED_INPUT, ': "[redacted]"')];
      return [key, redactSqlValues(inner, depth + 1)];
    }),
  ) as T;
}

/** Pino's error serializer, then `redactSqlValues`. */
const errorSerializer = (error: unknown) => redactSqlValues(pino.stdSerializers.err(error as Error));

export function createLogger(config: AppConfig, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'greenlight-api' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: errorSerializer, error: errorSerializer },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  if (config.logPretty) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' },
      },
    });
  }
  return pino(options);
}
