import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** One GraphQL request as the clients post it. */
export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
}

export interface LoadRun {
  /** Latency of each request (of each page: until its last answer), ms. */
  latencies: number[];
  /** Requests (pages) that failed, by error code, with `countFailures`. */
  failures: Map<string, number>;
  /** Wall time of the whole run, ms. */
  elapsedMs: number;
  /** Requests per second over the run. */
  throughput: number;
}

/**
 * The clients run in a worker thread of their own, so that their HTTP and JSON work is not on the
 * server's event loop nor in its CPU profile, over kept-alive connections (`keepAliveClient`).
 * Closed loop: each client sends its next request (or page: several requests at once, as a browser
 * sends a page's queries) when its previous answer has arrived.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.register);
const { keepAliveClient } = require(workerData.client);
parentPort.on('message', async ({ url, token, pages, concurrency, seconds, count, countFailures }) => {
  try {
    const { origin, pathname } = new URL(url);
    const width = Math.max(...pages.map((page) => page.length));
    const request = keepAliveClient(origin, concurrency * width);
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) };
    // a kept-alive connection the server closed as idle just as it was reused is tried once more
    const send = (body) => request(pathname, { method: 'POST', headers, body }).catch((error) => {
      if (/socket hang up|ECONNRESET/.test(String(error))) return request(pathname, { method: 'POST', headers, body });
      throw error;
    });
    const post = async (body) => {
      const answer = JSON.parse((await send(body)).body);
      if (answer.errors) throw new Error(JSON.stringify(answer.errors).slice(0, 500));
    };
    const latencies = [];
    const failures = {};
    let next = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    const more = () => (count ? next < count : performance.now() < until);
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (more()) {
        const page = pages[next++ % pages.length];
        const sent = performance.now();
        try {
          await Promise.all(page.map(post));
          latencies.push(performance.now() - sent);
        } catch (error) {
          if (!countFailures) throw error;
          const code = /"code":"([A-Z_]+)"/.exec(String(error))?.[1] ?? String(error).slice(0, 80);
          failures[code] = (failures[code] ?? 0) + 1;
        }
      }
    }));
    parentPort.postMessage({ latencies, failures, elapsedMs: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
});
`;

export interface LoadOptions {
  concurrency: number;
  /** How long the clients send (when no `count` is given). */
  seconds?: number;
  /** How many requests (pages) in all. */
  count?: number;
  /** Signed in with this access token. */
  token?: string;
  /** Counts the requests that fail, by code, and goes on (otherwise the first failure ends the run). */
  countFailures?: boolean;
}

export class LoadClients {
  private readonly worker = new Worker(WORKER, {
    eval: true,
    workerData: { register: require.resolve('@swc-node/register'), client: path.join(__dirname, 'http-client.ts') },
  });

  constructor(private readonly url: string) {
    this.worker.unref();
  }

  /**
   * `concurrency` clients cycle through `requests` for `seconds` (or until `count` requests when
   * given), signed in with `token` when given.
   */
  run(requests: GraphQLRequest[], options: LoadOptions): Promise<LoadRun> {
    return this.runPages(
      requests.map((request) => [request]),
      options,
    );
  }

  /** As `run`, each client sending a page's requests at once and waiting for all their answers. */
  runPages(pages: GraphQLRequest[][], options: LoadOptions): Promise<LoadRun> {
    return new Promise((resolve, reject) => {
      this.worker.once(
        'message',
        (message: { error?: string; latencies: number[]; failures: Record<string, number>; elapsedMs: number }) => {
          if (message.error) return reject(new Error(message.error));
          resolve({
            latencies: message.latencies,
            failures: new Map(Object.entries(message.failures)),
            elapsedMs: message.elapsedMs,
            throughput: (message.latencies.length * 1000) / message.elapsedMs,
          });
        },
      );
      this.worker.postMessage({
        url: this.url,
        token: options.token,
        pages: pages.map((page) => page.map((request) => JSON.stringify(request))),
        concurrency: options.concurrency,
        seconds: options.seconds ?? 0,
        count: options.count,
        countFailures: options.countFailures ?? false,
      });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
