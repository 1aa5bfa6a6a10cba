import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { ErrorCode } from './error-codes';

/** Seconds a client is told to wait (`Retry-After`) while the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** Socket errors of a connection that cannot be made or was lost. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** PostgreSQL: shut down by an administrator or a crash, not accepting connections yet, too many. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/**
 * What node-postgres and pg-pool say when a connection ends or cannot be had, and what TypeORM says
 * when the connection of a transaction was released under it because it reported such an error
 * between two statements (QueryRunnerProviderAlreadyReleasedError, QueryRunnerAlreadyReleasedError:
 * the transaction was not committed).
 */
const MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|server closed the connection unexpectedly|connection provided by a query runner was already released|Query runner already released/i;

/**
 * True when an error means the database cannot be reached right now (connection refused or lost,
 * server shutting down or starting up), rather than a fault of the request or of the code: such a
 * request may be retried as is. Looks through TypeORM's `driverError` and `cause`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4 || error instanceof HttpException)
    return false;
  const { code, message, driverError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code) || /^08/.test(code)))
    return true;
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}

/** SQLSTATE `query_canceled`, with the message PostgreSQL gives when `statement_timeout` fired. */
const QUERY_CANCELED = '57014';

/** True when PostgreSQL stopped a statement that ran past its `statement_timeout`. */
export function isStatementTimeout(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4 || error instanceof HttpException) return false;
  const { code, message, driverError, cause } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (code === QUERY_CANCELED && typeof message === 'string' && /statement timeout/.test(message)) return true;
  return isStatementTimeout(driverError, depth + 1) || isStatementTimeout(cause, depth + 1);
}

/** The error a caller gets while the database is unreachable: 503, `SERVICE_UNAVAILABLE`, retry after. */
export class DatabaseUnavailableException extends HttpException {
  readonly retryAfter = DATABASE_RETRY_AFTER_SECONDS;

  constructor() {
    super(
      {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: ErrorCode.SERVICE_UNAVAILABLE,
        message: 'The database cannot be reached right now: retry in a few seconds',
        retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}

/** The error a caller gets when one of its statements ran past the statement timeout: 503, `QUERY_TIMEOUT`. */
export class StatementTimeoutException extends HttpException {
  constructor() {
    super(
      {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: ErrorCode.QUERY_TIMEOUT,
        message:
          'The database took too long to answer and the statement was stopped: ask for less (a shorter period, fewer fields or smaller pages)',
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}

/**
 * What the caller should see of a database error that is not its fault or a bug: the database away
 * (503 `SERVICE_UNAVAILABLE`, retry) or a statement stopped by the statement timeout (503
 * `QUERY_TIMEOUT`); undefined for any other error.
 */
export function databaseErrorException(error: unknown): HttpException | undefined {
  if (isDatabaseUnavailable(error)) return new DatabaseUnavailableException();
  if (isStatementTimeout(error)) return new StatementTimeoutException();
  return undefined;
}

/**
 * The application's last exception filter: an error that means the database is away becomes a 503
 * with `Retry-After` (REST) or `SERVICE_UNAVAILABLE` with `retryAfter` (GraphQL), so clients retry
 * instead of seeing an internal error; a statement stopped by the statement timeout becomes a 503
 * `QUERY_TIMEOUT`; everything else is handled as Nest would.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Database');
  private lastWarning = 0;

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    const unavailable = isDatabaseUnavailable(exception);
    if (unavailable && Date.now() - this.lastWarning > 5000) {
      this.lastWarning = Date.now();
      this.logger.warn(`database unreachable, answering 503: ${(exception as Error).message}`);
    }
    const mapped = databaseErrorException(exception) ?? exception;
    if (host.getType() !== 'http') throw mapped;
    if (unavailable) {
      const response = host.switchToHttp().getResponse<Response>();
      if (!response.headersSent) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    return super.catch(mapped, host);
  }
}
