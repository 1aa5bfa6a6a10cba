import { LoggerService } from '@nestjs/common';
import { CLS_REQ, ClsServiceManager } from 'nestjs-cls';
import { Level, Logger } from 'pino';

/** A stack trace, as Nest's exception handlers pass it in place of a context. */
const STACK = /\n\s*at /;

/**
 * Nest's own logging (`Logger` of @nestjs/common, its exception handlers) written through the
 * application's pino logger: `{ context }` from Nest's last argument, errors as `err`, and the id
 * of the request being served, if any.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  private write(level: Level, message: unknown, optional: unknown[]): void {
    const fields: Record<string, unknown> = {};
    const cls = ClsServiceManager.getClsService();
    const requestId = cls.isActive() ? cls.get<{ id?: unknown } | undefined>(CLS_REQ)?.id : undefined;
    if (requestId !== undefined) fields.requestId = requestId;
    const params = [...optional];
    if (params.length > 0) fields.context = params.pop();
    if (message instanceof Error) fields.err = message;
    else if (message && typeof message === 'object') Object.assign(fields, message);
    else if (
      level === 'error' &&
      params.length === 1 &&
      typeof params[0] === 'string' &&
      STACK.test(params[0])
    ) {
      const error = new Error(String(message));
      error.stack = params[0];
      this.logger.error({ ...fields, err: error });
      return;
    }
    if (typeof message === 'string') this.logger[level](fields, message, ...params);
    else this.logger[level](fields, ...(params as [string?]));
  }
}
