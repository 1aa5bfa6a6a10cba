import { Principal, RequestStore, TenantContext } from '@greenlight/identity';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Logger } from 'pino';

/** A request id a caller (or a proxy in front) may choose; any other value is replaced. */
const CALLER_REQUEST_ID = /^[\w.-]{1,100}$/;

/** Probes answer many times a minute and are not logged. */
const UNLOGGED = /^\/health(\/|\?|$)/i;

/**
 * The application's first middleware, and the only one every request shares that keeps state:
 * - gives the request its id (the caller's `x-request-id` when well-formed, else a new UUID), sent
 *   back in `x-request-id` and written on every log line of the request;
 * - enters the request's context (AsyncLocalStorage), once, for everything that runs after it;
 * - writes one access-log line when the response ends: method, path, status, time, request id,
 *   and the member or API key and workspace when the request was authenticated.
 */
export function requestContext(logger: Logger) {
  const begin = beginRequest(logger);
  return (request: Request, response: Response, next: NextFunction): void => {
    const { id, store } = begin(request, response);
    response.setHeader('x-request-id', id);
    TenantContext.enterRequest(store, next);
  };
}

/**
 * A request's id and context store, and its access-log line once the response closes (who asked is
 * read from the store then): what `requestContext` does for every request, and the entitlements edge
 * for the requests it answers ahead of Express. The caller sends the id back in `x-request-id`.
 */
export function beginRequest(logger: Logger) {
  return (request: IncomingMessage, response: ServerResponse): { id: string; store: RequestStore } => {
    const incoming = request.headers['x-request-id'];
    const id = typeof incoming === 'string' && CALLER_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    (request as IncomingMessage & { id: string }).id = id;
    const store = TenantContext.requestStore(request);
    if (!logger.isLevelEnabled('info') || UNLOGGED.test(request.url ?? '')) return { id, store };
    const started = performance.now();
    const { method, url } = request;
    const { remoteAddress } = request.socket;
    response.once('close', () => {
      const status = response.statusCode;
      logger.info(
        {
          requestId: id,
          req: { method, url, remoteAddress },
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - started),
          ...who(TenantContext.principalIn(store)),
        },
        !response.writableFinished
          ? 'request aborted'
          : status >= 500
            ? 'request errored'
            : 'request completed',
      );
    });
    return { id, store };
  };
}

/** The authenticated caller of a request, as logged. */
function who(principal: Principal | undefined): Record<string, string> | undefined {
  switch (principal?.kind) {
    case 'member':
      return { workspaceId: principal.workspaceId, userId: principal.userId };
    case 'api_key':
      return { workspaceId: principal.workspaceId, apiKeyId: principal.apiKeyId };
    default:
      return undefined;
  }
}
