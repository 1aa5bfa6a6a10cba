/**
 * `npm run bench:request-path`: the cost of what every route shares (middleware, guard, interceptors,
 * Apollo plugins, logging, the request context), on three requests that do almost nothing else:
 * anonymous `GET /health/live`, anonymous `{ __typename }` and signed-in `{ me { user { email } } }`,
 * each at 1 and 8 closed-loop clients. The API runs as its own process (`NODE_ENV=production`, every
 * request logged to /dev/null); the clients run in a worker thread of this process.
 *
 * `BENCH_COMPARE=<dir>`: another checkout of the repository (e.g. a `git worktree` of main, with its
 * node_modules) runs as a second server on the same database; the two are measured in turns, row by
 * row, and each row's server CPU time per request (from /proc), throughput and p95 are given as
 * ratios to the other's: CPU per request is the figure that holds best on a shared machine. `BENCH_PROFILE=<dir>`: the servers' CPU profiles (`--cpu-prof`) go there, and the
 * top self-time functions of each 8-client run are printed. `BENCH_SECONDS` per run (default 5).
 * Prints only; writes nothing.
 */
import { createDataSource, EmbeddedPostgres, runMigrations } from '@greenlight/db';
import { migrations } from '@greenlight/migrations';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ENTITIES } from '../../apps/api/src/database';
import { identityServices } from '../support/identity-context';
import { freePort, ROOT, ServerProcess, waitUntilReady } from '../support/server-process';
import { CpuProfile, selfTimes } from './support/cpu-profile';
import { percentile } from './support/report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PASSWORD = 'benchmark password 2026';

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  signedIn: boolean;
}

const ROWS: [string, Call][] = [
  ['anonymous GET /health/live', { method: 'GET', path: '/health/live', signedIn: false }],
  [
    'anonymous { __typename }',
    { method: 'POST', path: '/graphql', body: '{"query":"{ __typename }"}', signedIn: false },
  ],
  [
    'signed-in { me { user { email } } }',
    { method: 'POST', path: '/graphql', body: '{"query":"{ me { user { email } } }"}', signedIn: true },
  ],
];

/** Closed-loop clients in a worker thread: each sends its next request when the previous answer arrived. */
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ url, method, headers, body, concurrency, seconds }) => {
  try {
    const latencies = [];
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const sent = performance.now();
        const response = await fetch(url, { method, headers, body });
        const text = await response.text();
        if (response.status !== 200 || text.includes('"errors"')) throw new Error(response.status + ' ' + text.slice(0, 300));
        latencies.push(performance.now() - sent);
      }
    }));
    parentPort.postMessage({ latencies, elapsedMs: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
});
`;

function load(
  worker: Worker,
  url: string,
  call: Call,
  token: string,
  concurrency: number,
  seconds: number,
): Promise<{ latencies: number[]; throughput: number }> {
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { error?: string; latencies: number[]; elapsedMs: number }) => {
      if (message.error) return reject(new Error(message.error));
      resolve({
        latencies: message.latencies,
        throughput: (message.latencies.length * 1000) / message.elapsedMs,
      });
    });
    const headers: Record<string, string> = call.body ? { 'content-type': 'application/json' } : {};
    if (call.signedIn) headers.authorization = `Bearer ${token}`;
    worker.postMessage({
      url: url + call.path,
      method: call.method,
      headers,
      body: call.body,
      concurrency,
      seconds,
    });
  });
}

interface Server {
  label: string;
  process: ServerProcess;
  url: string;
  token: string;
  profileDir?: string;
}

async function startServer(label: string, root: string, databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const profileDir = process.env.BENCH_PROFILE
    ? path.resolve(process.env.BENCH_PROFILE, label.replace(/\W+/g, '-'))
    : undefined;
  const child = spawn(
    process.execPath,
    [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      'tools/run.js',
      'apps/api/src/main.ts',
    ],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: '20',
        JWT_SECRET: 'request-path-benchmark-secret-that-is-long-enough-0123456789',
        HEALTH_SCHEDULE_ENABLED: 'false',
      },
      // every request's log line is written, as in production, and thrown away here
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let output = '';
  child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-8000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: ServerProcess = { child, port, output: () => output, exited };
  await waitUntilReady(server, 240_000);
  const url = `http://127.0.0.1:${port}`;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }',
      variables: { e: 'admin@bench.example', p: PASSWORD },
    }),
  });
  const body = (await response.json()) as { data?: { signIn: { accessToken: string } } };
  if (!body.data) throw new Error(`sign-in failed on ${label}: ${JSON.stringify(body)}`);
  return { label, process: server, url, token: body.data.signIn.accessToken, profileDir };
}

/**
 * CPU time the server process has used so far (all its threads: JavaScript, GC, I/O), in ms: on a
 * shared machine, its growth per request is steadier than any latency.
 */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime (fields 14 and 15 of the line), in clock ticks (100 per second on Linux)
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The monotonic clock V8's profiler stamps its samples with, in µs. */
const now = () => Number(process.hrtime.bigint() / 1000n);

/** The samples of `profile` taken between `from` and `to` (µs, monotonic clock). */
function window(profile: CpuProfile, from: number, to: number): CpuProfile {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let at = profile.startTime;
  profile.samples.forEach((sample, i) => {
    at += profile.timeDeltas[i];
    if (at >= from && at <= to) {
      samples.push(sample);
      timeDeltas.push(profile.timeDeltas[i]);
    }
  });
  return { nodes: profile.nodes, startTime: from, endTime: to, samples, timeDeltas };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-bench-request-path-'));
  const pg = await EmbeddedPostgres.start({ dataDir, port: 0, ephemeral: true });
  const dataSource = createDataSource({ url: pg.url, entities: ENTITIES, migrations, poolSize: 2 });
  await dataSource.initialize();
  await runMigrations(dataSource);
  const { workspaces } = await identityServices(dataSource);
  await workspaces.create({
    name: 'Benchmark Partnerships',
    slug: 'bench',
    admin: { email: 'admin@bench.example', name: 'Bench Admin', password: PASSWORD },
  });
  const roots: [string, string][] = [['this checkout', ROOT]];
  if (process.env.BENCH_COMPARE) roots.push(['compared', path.resolve(process.env.BENCH_COMPARE)]);
  const servers: Server[] = [];
  const worker = new Worker(WORKER, { eval: true });
  const windows: { server: Server; row: string; from: number; to: number }[] = [];
  try {
    for (const [label, root] of roots) servers.push(await startServer(label, root, pg.url));
    for (const server of servers)
      for (const [, call] of ROWS) await load(worker, server.url, call, server.token, 8, 2); // warm-up
    console.log(
      `load before: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const results = new Map<
      string,
      { throughput: number; p50: number; p95: number; cpuPerRequest: number }
    >();
    for (const [row, call] of ROWS)
      for (const clients of [1, 8])
        for (const server of servers) {
          // the pool closes connections idle for 10 s: open them again before measuring
          await load(worker, server.url, call, server.token, clients, 1);
          const from = now();
          const cpuBefore = cpuMs(server.process.child.pid!);
          const run = await load(worker, server.url, call, server.token, clients, SECONDS);
          const cpu = cpuMs(server.process.child.pid!) - cpuBefore;
          if (clients === 8) windows.push({ server, row, from, to: now() });
          const figures = {
            throughput: run.throughput,
            p50: percentile(run.latencies, 50),
            p95: percentile(run.latencies, 95),
            cpuPerRequest: cpu / run.latencies.length,
          };
          results.set(`${server.label}|${row}|${clients}`, figures);
          console.log(
            `${server.label.padEnd(14)} ${row}, ${clients} client${clients > 1 ? 's' : ' '}: ${Math.round(figures.throughput)} req/s, p50 ${figures.p50.toFixed(2)} ms, p95 ${figures.p95.toFixed(2)} ms, server CPU ${figures.cpuPerRequest.toFixed(3)} ms per request`,
          );
        }
    console.log(
      `load after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
    );
    for (const server of servers) {
      const anonymous = results.get(`${server.label}|${ROWS[1][0]}|8`)!.throughput;
      const me = results.get(`${server.label}|${ROWS[2][0]}|8`)!.throughput;
      console.log(
        `${server.label}: signed-in { me } ÷ anonymous { __typename } at 8 clients: ${(me / anonymous).toFixed(2)}`,
      );
    }
    if (servers.length === 2)
      for (const [row] of ROWS)
        for (const clients of [1, 8]) {
          const [mine, other] = servers.map((server) => results.get(`${server.label}|${row}|${clients}`)!);
          console.log(
            `${row}, ${clients} client${clients > 1 ? 's' : ' '}: server CPU per request ${(mine.cpuPerRequest / other.cpuPerRequest).toFixed(2)}× the compared checkout's, throughput ${(mine.throughput / other.throughput).toFixed(2)}×, p95 ${(mine.p95 / other.p95).toFixed(2)}×`,
          );
        }
  } finally {
    await worker.terminate();
    for (const server of servers) {
      server.process.child.kill('SIGTERM');
      await server.process.exited;
    }
    await dataSource.destroy();
    await pg.stop();
  }
  for (const server of servers) {
    if (!server.profileDir || !fs.existsSync(server.profileDir)) continue;
    const [file] = fs
      .readdirSync(server.profileDir)
      .filter((name) => name.endsWith('.cpuprofile'))
      .map((name) => path.join(server.profileDir!, name))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    if (!file) continue;
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    for (const { row, from, to } of windows.filter((w) => w.server === server)) {
      console.log(`\n${server.label}, ${row}, 8 clients: top 15 self-time functions (${file})`);
      for (const entry of selfTimes(window(profile, from, to)).slice(0, 15))
        console.log(`  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.name}`);
    }
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
