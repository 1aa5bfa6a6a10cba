/**
 * `npm run bench:ingest`: the same N generated usage events (default 2,000,000) stored twice into the
 * same partitioned table, with the same indexes and deduplication keys:
 * (A) COPY straight into `usage_event_key` and `usage_event` (the floor any ingestion path pays), and
 * (B) posted over HTTP to `/v1/usage/batch` by concurrent clients in batches of 1,000: parsed,
 *     validated, attributed, deduplicated, rolled up and acknowledged by the real server process.
 * Reports events/s of both and B/A, rollup freshness (acknowledgement → visible in the rollup) and
 * the server's peak memory. While B runs, the server's database sessions are sampled every 100 ms
 * (pg_stat_activity) to show what they wait on, and the statements that took the database's time are
 * listed (pg_stat_statements). `BENCH_PROFILE=<dir>` writes the server's CPU
 * profile there (`--cpu-prof`, open it in Chrome DevTools); `BENCH_EXPLAIN=<dir>` writes there the
 * plans (`EXPLAIN (ANALYZE, BUFFERS)`) of the batch store statement and of the worker's turn. `BENCH_EVENTS` runs a smaller scale, over
 * as many fewer days (`BENCH_DAYS`), so each day holds as many events. Writes docs/benchmarks.md.
 */
import { createDataSource, EmbeddedPostgres, runMigrations } from '@greenlight/db';
import { ApiKeyScope, compileSql, SqlFragment, systemPrincipal } from '@greenlight/identity';
import { identityServices } from '../support/identity-context';
import { migrations } from '@greenlight/migrations';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../apps/api/src/database';
import { parseUsageEvent } from '../../libs/telemetry/src/ingestion/usage-event';
import { ROLLUP_APPLY_BATCH } from '../../libs/telemetry/src/rollups/usage-rollup.applier';
import { RENDER_BUCKETS } from '../../libs/telemetry/src/rollups/render-histogram';
import { byEventId, eventColumns, ingestionSql } from '../../libs/telemetry/src/sql/ingestion.sql';
import { rollupWorkerSql } from '../../libs/telemetry/src/sql/rollup-worker.sql';
import { freePort, spawnServer, waitUntilReady } from '../support/server-process';
import { keepAliveClient } from './support/http-client';
import { percentile, writeSection } from './support/report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000_000);
const BATCH = 1000;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 6);
const ACCOUNTS = 200;
/** One batch in this many carries a probe event with a model of its own, to time rollup freshness. */
const PROBE_EVERY = 20;
const MODELS = ['veo-3', 'gen-4', 'kling-2', 'sora-2'];
const DAY_MS = 86_400_000;
/** Days the events span: 84 at full scale; a smaller run keeps the events per day (what the rollups pay for). */
const DAYS = Number(process.env.BENCH_DAYS ?? Math.max(1, Math.round((84 * EVENTS) / 2_000_000)));
const START = Date.now() - (DAYS + 1) * DAY_MS;

interface GeneratedEvent {
  eventId: string;
  occurredAt: string;
  kind: string;
  orgId: string;
  userEmail: string;
  model: string;
  videoSeconds: number;
  resolution: string;
  gpuSeconds: number;
  costUsd: number;
  status: string;
  properties: { renderSeconds: number };
}

/** Event i, the same for both paths. */
function eventAt(i: number): GeneratedEvent {
  const account = i % ACCOUNTS;
  const failed = i % 17 === 0;
  return {
    eventId: `bench-${i}`,
    occurredAt: new Date(START + Math.floor((i / EVENTS) * DAYS * DAY_MS)).toISOString(),
    kind: failed ? 'generation.failed' : 'generation.completed',
    orgId: `org-${account}`,
    userEmail: `user${i % 7}@acct${account}.example`,
    model: MODELS[i % MODELS.length],
    videoSeconds: 4 + (i % 12),
    resolution: i % 3 === 0 ? '4k' : '1080p',
    gpuSeconds: 30 + (i % 90),
    costUsd: Number((0.2 + (i % 50) / 100).toFixed(2)),
    status: failed ? 'failed' : 'succeeded',
    properties: { renderSeconds: 20 + (i % 60) },
  };
}

/** COPY text format: backslash, tab and newline escaped. */
const field = (value: string | number | null) =>
  value === null ? '\\N' : String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

function copyRows(count: number, line: (i: number) => string): Readable {
  let i = 0;
  return new Readable({
    read() {
      let chunk = '';
      for (let n = 0; n < 2000 && i < count; n++, i++) chunk += line(i);
      this.push(i < count || chunk ? chunk : null);
      if (i >= count && chunk) this.push(null);
    },
  });
}

async function copyPath(dataSource: DataSource, workspaceId: string): Promise<number> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const client = (runner as unknown as { databaseConnection: import('pg').PoolClient }).databaseConnection;
  const started = performance.now();
  await client.query('BEGIN');
  const receivedAt = new Date().toISOString();
  await pipeline(
    copyRows(EVENTS, (i) => `${workspaceId}\tbench-${i}\t${receivedAt}\n`),
    client.query(copyFrom('COPY usage_event_key (workspace_id, event_id, received_at) FROM STDIN')),
  );
  await pipeline(
    copyRows(EVENTS, (i) => {
      const e = eventAt(i);
      return (
        [
          workspaceId, e.eventId, e.occurredAt, receivedAt, e.kind, e.orgId, null, e.userEmail, e.model,
          e.videoSeconds, e.resolution, e.gpuSeconds, e.costUsd, e.status, JSON.stringify(e.properties),
        ]
          .map(field)
          .join('\t') + '\n'
      );
    }),
    client.query(
      copyFrom(
        `COPY usage_event (workspace_id, event_id, occurred_at, received_at, kind, org_id, project_id, user_email,
           model, video_seconds, resolution, gpu_seconds, cost_usd, status, properties) FROM STDIN`,
      ),
    ),
  );
  await client.query('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  await runner.release();
  return seconds;
}

/** CPU seconds (user + system) a process has used, with its exited children's if `children` (Linux). */
function cpuSeconds(pid: number, children = false): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ').map(Number);
  // after the name: state is field 3 of stat(5), so utime (14) is at 11, stime 12, cutime 13, cstime 14
  const ticks = fields[11] + fields[12] + (children ? fields[13] + fields[14] : 0);
  return ticks / 100;
}

/** CPU seconds used by PostgreSQL: the postmaster, its live processes and those that exited. */
function postgresCpuSeconds(postmaster: number): number {
  let total = cpuSeconds(postmaster, true);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      if (Number(stat[1]) === postmaster) total += cpuSeconds(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Peak resident memory of a process, from /proc (Linux). */
function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

async function httpPath(
  dataSource: DataSource,
  workspaceId: string,
  baseUrl: string,
  key: string,
): Promise<{ seconds: number; freshness: number[]; retries: number }> {
  const batches = Math.ceil(EVENTS / BATCH);
  const post = keepAliveClient(baseUrl, CLIENTS);
  const freshness: number[] = [];
  const probes: Promise<void>[] = [];
  let next = 0;
  let retries = 0;
  const probe = async (model: string, ackedAt: number) => {
    for (;;) {
      const [row] = await dataSource.query(
        'SELECT 1 FROM usage_rollup_workspace_day WHERE workspace_id = $1 AND model = $2',
        [workspaceId, model],
      );
      if (row) return void freshness.push(performance.now() - ackedAt);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < batches) {
        const b = next++;
        const events = [];
        for (let i = b * BATCH; i < Math.min(EVENTS, (b + 1) * BATCH); i++) events.push(eventAt(i));
        const probeModel = b % PROBE_EVERY === 0 ? `probe-${b}` : null;
        if (probeModel) events[0] = { ...events[0], model: probeModel };
        const body = JSON.stringify({ sentAt: new Date().toISOString(), events });
        for (;;) {
          const response = await post('/v1/usage/batch', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body,
          });
          const result = JSON.parse(response.body) as { accepted?: number };
          if (response.status === 200 && result.accepted === events.length) break;
          if (response.status !== 429 && response.status < 500)
            throw new Error(`batch ${b}: ${response.status} ${JSON.stringify(result).slice(0, 500)}`);
          retries++;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        if (probeModel) probes.push(probe(probeModel, performance.now()));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(probes);
  return { seconds, freshness, retries };
}

/**
 * Samples what the other sessions of the database are doing every 100 ms until stopped: the share
 * of busy session samples per state (running on CPU, or the wait event), largest first.
 */
function sampleWaits(dataSource: DataSource): { stop(): Promise<string> } {
  const counts = new Map<string, number>();
  let total = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows: { what: string }[] = await dataSource.query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU')
                || CASE WHEN state = 'idle in transaction'
                     THEN ' (between statements, after ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 30) || '…)'
                     ELSE '' END AS what
           FROM pg_stat_activity
          WHERE state <> 'idle' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
            AND datname = current_database() AND query NOT LIKE '%pg_stat_activity%'`,
      );
      for (const { what } of rows) counts.set(what, (counts.get(what) ?? 0) + 1);
      total += rows.length;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([what, n]) => `${what} ${((100 * n) / Math.max(1, total)).toFixed(0)}%`)
        .join(', ');
    },
  };
}

/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of the batch store statement (one more batch of 1,000 events of the
 * same days) and of the worker's turn over as many batches as one turn claims, in a transaction
 * rolled back: what each part of the two statements costs, written to `dir`.
 */
async function explainPlans(dataSource: DataSource, workspaceId: string, dir: string): Promise<void> {
  const receivedAt = new Date();
  const batch = (b: number) =>
    eventColumns(
      byEventId(
        Array.from({ length: BATCH }, (_, n) =>
          parseUsageEvent({ ...eventAt(n + b * BATCH), eventId: `explain-${b}-${n}` }, { receivedAt, sentAt: receivedAt }),
        ),
      ),
    );
  const run = async (statement: SqlFragment, explain = false) => {
    const { text, values } = compileSql(statement, workspaceId);
    const rows: Record<string, string>[] = await runner.query(explain ? `EXPLAIN (ANALYZE, BUFFERS) ${text}` : text, values);
    return rows.map((row) => Object.values(row)[0]).join('\n');
  };
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  fs.mkdirSync(dir, { recursive: true });
  try {
    await runner.query('BEGIN');
    const store = (b: number, explain = false) => run(ingestionSql.store(receivedAt, batch(b), ACCOUNTS, null), explain);
    fs.writeFileSync(path.join(dir, 'store.txt'), await store(0, true));
    // a turn's worth of batches (each holds a delta per account), then the turn itself
    const batches = Math.min(Math.ceil(ROLLUP_APPLY_BATCH / ACCOUNTS), Math.ceil(EVENTS / BATCH));
    for (let b = 1; b < batches; b++) await store(b);
    fs.writeFileSync(path.join(dir, 'worker-turn.txt'), await run(rollupWorkerSql.claimAndApply(ROLLUP_APPLY_BATCH, RENDER_BUCKETS), true));
  } finally {
    await runner.query('ROLLBACK');
    await runner.release();
  }
  console.log(`    plans of the store statement and the worker's turn written to ${dir}`);
}

/** The statements that took the database's time since the last reset, largest share first. */
async function topStatements(dataSource: DataSource): Promise<string[]> {
  const rows: { query: string; calls: number; totalMs: number; share: number }[] = await dataSource.query(
    `SELECT query, calls::int AS calls, total_exec_time AS "totalMs",
            100 * total_exec_time / sum(total_exec_time) OVER () AS share
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time DESC LIMIT 6`,
  );
  return rows.map(
    (row) =>
      `${row.share.toFixed(0)}% ${row.calls} × ${(row.totalMs / row.calls).toFixed(1)} ms \`${row.query.replace(/\s+/g, ' ').slice(0, 70)}…\``,
  );
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-bench-'));
  const pg = await EmbeddedPostgres.start({ dataDir, port: 0, ephemeral: true });
  const dataSource = createDataSource({ url: pg.url, entities: ENTITIES, migrations, poolSize: 4 });
  await dataSource.initialize();
  await runMigrations(dataSource);
  const { workspaces, apiKeys, context } = await identityServices(dataSource);
  const workspace = async (slug: string) =>
    (
      await workspaces.create({
        name: `Ingest ${slug}`,
        slug,
        admin: { email: `admin@${slug}.example`, name: 'Bench Admin', password: 'benchmark password 2026' },
      })
    ).workspace.id;
  const copyWorkspace = await workspace('ingest-copy');
  const httpWorkspace = await workspace('ingest-http');
  // accounts whose domains match the events' user emails, so the HTTP path attributes every event
  const [stage] = await dataSource.query(
    `INSERT INTO stage (workspace_id, key, name, position, category)
     VALUES ($1, 'pilot', 'Pilot', 0, (enum_range(NULL::stage_category))[1]) RETURNING id`,
    [httpWorkspace],
  );
  await dataSource.query(
    `INSERT INTO account (workspace_id, name, kind, stage_id, stage_entered_at, domains)
     SELECT $1, 'Account ' || g, 'studio', $3, now(), ARRAY['acct' || g || '.example']
       FROM generate_series(0, $2 - 1) g`,
    [httpWorkspace, ACCOUNTS, stage.id],
  );
  const { key } = await context.run(systemPrincipal(httpWorkspace), () =>
    apiKeys.create('ingest benchmark', [ApiKeyScope.USAGE_WRITE]),
  );

  console.log(`(A) COPY of ${EVENTS.toLocaleString('en-US')} events…`);
  const copySeconds = await copyPath(dataSource, copyWorkspace);
  console.log(`    ${(EVENTS / copySeconds).toFixed(0)} events/s`);

  const port = await freePort();
  const server = spawnServer(
    {
      NODE_ENV: 'production',
      DATABASE_URL: pg.url,
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'ingest-benchmark-secret-that-is-long-enough-0123456789',
      DATABASE_POOL_SIZE: '20',
    },
    port,
    process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [],
  );
  await waitUntilReady(server, 180_000); // a loaded machine starts it slowly
  const serverPid = server.child.pid as number;
  console.log(`(B) HTTP, ${CLIENTS} clients, batches of ${BATCH}…`);
  const loadBefore = os.loadavg()[0];
  await dataSource.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await dataSource.query('SELECT pg_stat_statements_reset()');
  const sampling = sampleWaits(dataSource);
  const cpuBefore = { server: cpuSeconds(serverPid), postgres: postgresCpuSeconds(pg.pid!), bench: process.cpuUsage() };
  const http = await httpPath(dataSource, httpWorkspace, `http://127.0.0.1:${port}`, key);
  // CPU per 1,000 events, whatever else shares the machine: where the time of the HTTP path goes
  const perThousand = (seconds: number) => ((seconds * 1000) / (EVENTS / 1000)).toFixed(0);
  const benchCpu = process.cpuUsage(cpuBefore.bench);
  const cpu = {
    server: perThousand(cpuSeconds(serverPid) - cpuBefore.server),
    postgres: perThousand(postgresCpuSeconds(pg.pid!) - cpuBefore.postgres),
    clients: perThousand((benchCpu.user + benchCpu.system) / 1e6),
  };
  const waits = await sampling.stop();
  const loadAfter = os.loadavg()[0];
  const peakMiB = peakRssMiB(serverPid);
  const statements = await topStatements(dataSource);
  console.log(`    ${(EVENTS / http.seconds).toFixed(0)} events/s; database sessions: ${waits}`);
  console.log(`    CPU ms per 1,000 events: server ${cpu.server}, PostgreSQL ${cpu.postgres}, load clients ${cpu.clients}`);
  for (const statement of statements) console.log(`    ${statement}`);

  if (process.env.BENCH_EXPLAIN) await explainPlans(dataSource, httpWorkspace, path.resolve(process.env.BENCH_EXPLAIN));

  const [{ stored, attributed }] = await dataSource.query(
    `SELECT count(*)::int AS stored, count(account_id)::int AS attributed FROM usage_event WHERE workspace_id = $1`,
    [httpWorkspace],
  );
  if (stored !== EVENTS) throw new Error(`HTTP path stored ${stored} events, expected ${EVENTS}`);
  server.child.kill('SIGTERM');
  await server.exited;
  await dataSource.destroy();
  await pg.stop();

  const copyRate = EVENTS / copySeconds;
  const httpRate = EVENTS / http.seconds;
  const ratio = httpRate / copyRate;
  const n = EVENTS.toLocaleString('en-US');
  writeSection(
    'ingest',
    `## Usage ingestion (\`npm run bench:ingest\`)

${n} generated events (200 accounts, 4 models, ${DAYS} days), stored twice into the same partitioned
\`usage_event\` table with the same indexes and the \`usage_event_key\` deduplication key, on one
embedded PostgreSQL. The HTTP server runs as its own process; the load clients share the machine
(1-minute load average ${loadBefore.toFixed(1)} when B started, ${loadAfter.toFixed(1)} when it ended).

| path | time | events/s |
| --- | ---: | ---: |
| (A) COPY into \`usage_event_key\` + \`usage_event\`, one transaction | ${copySeconds.toFixed(1)} s | ${copyRate.toFixed(0)} |
| (B) HTTP \`POST /v1/usage/batch\`, ${CLIENTS} clients, batches of ${BATCH}: validated, attributed, deduplicated, rolled up, acknowledged after commit | ${http.seconds.toFixed(1)} s | ${httpRate.toFixed(0)} |

- **B/A = ${ratio.toFixed(2)}** (target ≥ 0.25, goal 0.5).
- Rollup freshness under that load (acknowledgement → visible in \`usage_rollup_workspace_day\`, ${http.freshness.length} probes, polled every 25 ms): p50 ${percentile(http.freshness, 50).toFixed(0)} ms, p95 ${percentile(http.freshness, 95).toFixed(0)} ms, max ${Math.max(...http.freshness).toFixed(0)} ms (target ≤ 1 s).
- Peak server memory (resident, VmHWM): ${peakMiB.toFixed(0)} MiB.
- CPU per 1,000 events while B ran (user + system time, so the same on a busy machine): server process ${cpu.server} ms, PostgreSQL ${cpu.postgres} ms (every session, the sampling below included), load clients ${cpu.clients} ms.
- Server sessions in PostgreSQL while B ran (sampled every 100 ms, share of busy samples): ${waits}.
- Database time while B ran, by statement (pg_stat_statements: share, calls × mean):
${statements.map((statement) => `  - ${statement}`).join('\n')}
- Where the time goes and why: \`docs/telemetry.md\` (Where ingestion spends its time); \`BENCH_EXPLAIN=<dir>\` writes the plans of the store statement and of the worker's turn.
- ${stored.toLocaleString('en-US')} events stored by the HTTP path, ${attributed.toLocaleString('en-US')} attributed to an account; ${http.retries} requests retried (429 or 5xx).`,
  );
  console.log(
    `COPY ${copyRate.toFixed(0)} events/s, HTTP ${httpRate.toFixed(0)} events/s: B/A = ${ratio.toFixed(2)}; freshness p50 ${percentile(http.freshness, 50).toFixed(0)} ms, p95 ${percentile(http.freshness, 95).toFixed(0)} ms, max ${Math.max(...http.freshness).toFixed(0)} ms; peak server memory ${peakMiB.toFixed(0)} MiB`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
