import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';

const DAY = 86_400_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** A fixture with its `{{day±N}}` (YYYYMMDD) and `{{weekday±N}}` placeholders set relative to `now`. */
export function fixture(name: string, now = new Date()): string {
  const text = readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
  return materialize(text, now).replace(/\r?\n/g, '\r\n');
}

export function materialize(text: string, now: Date): string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return text.replace(/\{\{(day|weekday)([+-]\d+)?\}\}/g, (_match, what: string, offset?: string) => {
    const date = new Date(today + Number(offset ?? 0) * DAY);
    return what === 'day' ? date.toISOString().slice(0, 10).replace(/-/g, '') : WEEKDAYS[date.getUTCDay()];
  });
}

/** The UTC instant of `{{day+N}}` at hh:mm in UTC. */
export function dayAt(offset: number, time: string, now = new Date()): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const [hours, minutes] = time.split(':').map(Number);
  return new Date(today + offset * DAY + (hours * 60 + minutes) * 60_000);
}

/** A local calendar server: each path answers what `routes` says, with ETag support. */
export interface FeedServer {
  url(pathname: string): string;
  /** Sets what a path answers: an ICS text (served with an ETag), or a status, or a handler. */
  set(
    pathname: string,
    answer: string | number | ((request: IncomingMessage, response: ServerResponse) => void),
  ): void;
  requests: { path: string; ifNoneMatch?: string }[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const answers = new Map<
    string,
    string | number | ((request: IncomingMessage, response: ServerResponse) => void)
  >();
  const requests: FeedServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    const ifNoneMatch = request.headers['if-none-match'];
    requests.push({ path: pathname, ...(ifNoneMatch ? { ifNoneMatch: String(ifNoneMatch) } : {}) });
    const answer = answers.get(pathname);
    if (typeof answer === 'function') return answer(request, response);
    if (typeof answer === 'number' || answer === undefined) {
      response.writeHead(answer ?? 404, { 'content-type': 'text/plain' });
      return response.end('no calendar here');
    }
    const etag = `"${Buffer.from(answer).length}-${simpleHash(answer)}"`;
    if (ifNoneMatch === etag) {
      response.writeHead(304, { etag });
      return response.end();
    }
    response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', etag });
    response.end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    set: (pathname, answer) => answers.set(pathname, answer),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function simpleHash(text: string): string {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(36);
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  seconds = 60,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
