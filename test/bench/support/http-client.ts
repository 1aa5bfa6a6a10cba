import * as http from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpRequestOptions {
  method?: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string;
}

export type HttpRequest = (path: string, options?: HttpRequestOptions) => Promise<HttpAnswer>;

/**
 * Requests over kept-alive `node:http` connections (at most `connections` open). The benchmarks'
 * clients share the 2 cores with the server and PostgreSQL: this client costs about a quarter of
 * the CPU per request that `fetch` (undici) does, so what the figures measure is the server.
 */
export function keepAliveClient(base: string, connections: number): HttpRequest {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(base);
  return (path, { method = 'GET', headers = {}, body } = {}) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const request = http.request(
        { hostname, port, path, method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}
