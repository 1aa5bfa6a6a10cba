import { ErrorCode } from '@greenlight/common';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

/**
 * Lets a stopping server finish what it started and nothing more. Once `drain()` is called the
 * listening socket closes, idle keep-alive connections close at once, requests in flight are
 * answered with `Connection: close` (their connection closes after the answer), and a request that
 * arrives later on a connection still open is refused with 503, `Retry-After` and
 * `Connection: close`: none of it has run, so the client may send it again elsewhere.
 */
export class HttpDrain {
  private draining = false;
  private drained?: Promise<void>;
  private readonly inFlight = new Set<ServerResponse>();

  constructor(private readonly server: Server) {
    const handlers = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (this.draining) return refuse(request, response);
      this.inFlight.add(response);
      response.once('close', () => {
        this.inFlight.delete(response);
        // a keep-alive answer that was already on its way: its connection is idle now
        if (this.draining) server.closeIdleConnections();
      });
      for (const handler of handlers) handler.call(server, request, response);
    });
  }

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /** Starts draining; resolves once every connection is closed. */
  drain(): Promise<void> {
    if (!this.drained) {
      this.draining = true;
      this.drained = new Promise((resolve) => this.server.close(() => resolve()));
      for (const response of this.inFlight) {
        if (!response.headersSent) response.setHeader('connection', 'close');
      }
      this.server.closeIdleConnections();
    }
    return this.drained;
  }
}

/** Another instance, or this one restarted, can take the request by then. */
const RETRY_AFTER_SECONDS = 1;

function refuse(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  response.writeHead(503, {
    connection: 'close',
    'content-type': 'application/json; charset=utf-8',
    'retry-after': String(RETRY_AFTER_SECONDS),
  });
  response.end(
    JSON.stringify({
      statusCode: 503,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'The server is shutting down: send the request again',
      retryAfter: RETRY_AFTER_SECONDS,
    }),
  );
}
