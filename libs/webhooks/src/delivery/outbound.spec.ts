import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { post } from './outbound';

describe('outbound webhook requests', () => {
  let server: Server;
  let base: string;
  let bodiesSent = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      if (request.url === '/moved') return response.writeHead(302, { location: 'http://example.com/' }).end();
      if (request.url === '/large') {
        response.writeHead(500);
        const chunk = Buffer.alloc(16 * 1024, 'x');
        const pump = () => {
          while (bodiesSent < 1000) {
            bodiesSent++;
            if (!response.write(chunk)) return response.once('drain', pump);
          }
          response.end();
        };
        return pump();
      }
      if (request.url === '/slow') return; // never answers
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (path: string, options: { allowPrivate?: boolean; timeoutMs?: number; url?: string } = {}) =>
    post({
      url: options.url ?? `${base}${path}`,
      body: '{}',
      headers: { 'content-type': 'application/json' },
      timeoutMs: options.timeoutMs ?? 5000,
      allowPrivate: options.allowPrivate ?? true,
    });

  it('succeeds on 2xx', async () => {
    expect(await send('/ok')).toEqual(
      expect.objectContaining({ statusCode: 204, succeeded: true, error: null }),
    );
  });

  it('follows no redirect: a 3xx is a failure', async () => {
    expect(await send('/moved')).toEqual(
      expect.objectContaining({
        statusCode: 302,
        succeeded: false,
        error: 'the endpoint answered 302 (redirects are not followed)',
      }),
    );
  });

  it('reads at most 64 KB of an answer', async () => {
    const result = await send('/large');
    expect(result).toEqual(expect.objectContaining({ statusCode: 500, succeeded: false }));
    expect(bodiesSent).toBeLessThan(1000);
  });

  it('gives up when no answer comes in time', async () => {
    expect(await send('/slow', { timeoutMs: 300 })).toEqual(
      expect.objectContaining({ statusCode: null, succeeded: false, error: 'no answer within 0.3 s' }),
    );
  });

  it('refuses loopback, private and link-local destinations unless allowed, by address or by name', async () => {
    for (const url of [
      `${base}/ok`,
      'http://localhost:9/',
      'http://10.1.2.3/',
      'http://169.254.169.254/latest',
      'http://[::1]/',
    ]) {
      const result = await send('', { url, allowPrivate: false });
      expect([url, result.succeeded, result.error]).toEqual([
        url,
        false,
        expect.stringMatching(/private or local address/),
      ]);
    }
  });

  it('refuses addresses that are not http(s) or carry credentials', async () => {
    expect((await send('', { url: 'ftp://example.com/' })).error).toBe(
      'url must start with https:// or http://',
    );
    expect((await send('', { url: 'https://user:pw@example.com/' })).error).toBe(
      'url must not carry a user name or password',
    );
  });
});
