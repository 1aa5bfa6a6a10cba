import type { EntitlementsEdge } from '@greenlight/grants';
import { RequestStore, TenantContext } from '@greenlight/identity';
import { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Hands every request to the entitlements edge first, ahead of Express: the answers it gives from
 * memory are written at once, with the request id and the access-log line `requestContext` gives
 * every request (`begin`), and the headers `headerMiddleware` (the security headers, CORS) set on
 * an answer to a request without an `Origin`, taken from them once here. Everything else goes to
 * Express untouched.
 */
export function answerAtEdge(
  server: Server,
  edge: EntitlementsEdge,
  begin: (request: IncomingMessage, response: ServerResponse) => { id: string; store: RequestStore },
  headerMiddleware: Middleware[],
): void {
  const fixed = headersSetBy(headerMiddleware);
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) throw new Error(`the edge goes ahead of one request listener, not ${listeners.length}`);
  const [express] = listeners;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const answer = edge.answer(request);
    if (!answer) return express(request, response);
    const { id, store } = begin(request, response);
    // who asked, for the access log, as the authorization guard sets it
    TenantContext.setPrincipalIn(store, answer.principal);
    response.writeHead(answer.status, [...fixed, 'x-request-id', id, ...answer.headers]);
    response.end(answer.body);
  });
}

/** The headers `middleware` set, in turn, on the answer to a `GET` without an `Origin`, as names and values. */
function headersSetBy(middleware: Middleware[]): string[] {
  const request = Object.assign(new IncomingMessage(new Socket()), { method: 'GET', url: '/', headers: {} });
  const response = new ServerResponse(request);
  for (const handler of middleware) {
    let passed = false;
    handler(request, response, (error) => {
      if (error) throw error;
      passed = true;
    });
    if (!passed) throw new Error('header middleware must pass a plain GET on at once');
  }
  return Object.entries(response.getHeaders()).flatMap(([name, value]) => [name, String(value)]);
}
