import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** One GraphQL request as the clients post it. */
export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
}

export interface LoadRun {
  /** Latency of each request, ms. */
  latencies: number[];
  /** Wall time of the whole run, ms. */
  elapsedMs: number;
  /** Requests per second over the run. */
  throughput: number;
}

/**
 * The clients run in a worker thread of their own, so that their HTTP and JSON work is not on the
 * server's event loop nor in its CPU profile, over kept-alive connections (`keepAliveClient`).
 * Closed loop: each client sends its next request when its previous answer has arrived.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.register);
const { keepAliveClient } = require(workerData.client);
parentPort.on('message', async ({ url, token, bodies, concurrency, seconds, count }) => {
  try {
    const { origin, pathname } = new URL(url);
    const request = keepAliveClient(origin, concurrency);
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) };
    const latencies = [];
    let next = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    const more = () => (count ? next < count : performance.now() < until);
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (more()) {
        const body = bodies[next++ % bodies.length];
        const sent = performance.now();
        const response = await request(pathname, { method: 'POST', headers, body });
        const answer = JSON.parse(response.body);
        if (answer.errors) throw new Error(JSON.stringify(answer.errors).slice(0, 500));
        latencies.push(performance.now() - sent);
      }
    }));
    parentPort.postMessage({ latencies, elapsedMs: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
});
`;

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
  run(
    requests: GraphQLRequest[],
    options: { concurrency: number; seconds: number; count?: number; token?: string },
  ): Promise<LoadRun> {
    return new Promise((resolve, reject) => {
      this.worker.once('message', (message: { error?: string; latencies: number[]; elapsedMs: number }) => {
        if (message.error) return reject(new Error(message.error));
        resolve({
          latencies: message.latencies,
          elapsedMs: message.elapsedMs,
          throughput: (message.latencies.length * 1000) / message.elapsedMs,
        });
      });
      this.worker.postMessage({
        url: this.url,
        token: options.token,
        bodies: requests.map((request) => JSON.stringify(request)),
        concurrency: options.concurrency,
        seconds: options.seconds,
        count: options.count,
      });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
