import { EmbeddedPostgres } from '@greenlight/db';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, ServerProcess, spawnServer, waitUntilReady } from '../support/server-process';
import {
  connect,
  expectRollupsToMatchRebuild,
  prepareUsageDatabase,
  runLoad,
  stopLoads,
  sleep,
  storedEvents,
  until,
  UsageDatabase,
} from './fault-support';

const CLIENTS = 4;
const BATCHES = 25;
const BATCH_SIZE = 40;
const TOTAL = CLIENTS * BATCHES * BATCH_SIZE;

/**
 * A fault test with a PostgreSQL of its own (the shared test server cannot be stopped): the server
 * process ingests from four clients, the database is stopped in the middle and started again, and
 * the clients retry whatever was not acknowledged, with the same event ids.
 */
describe('ingestion across a PostgreSQL restart', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-fault-pg-'));
  let pg: EmbeddedPostgres;
  let port: number;
  let usage: UsageDatabase;
  let server: ServerProcess;
  const url = (route: string) => `http://127.0.0.1:${server.port}${route}`;

  beforeAll(async () => {
    port = await freePort();
    pg = await EmbeddedPostgres.start({ dataDir, port, database: 'greenlight' });
    // the server migrates the new database as it starts
    // production: no demo data, the events are the test's only
    server = spawnServer(
      { DATABASE_URL: pg.url, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      await freePort(),
    );
    await waitUntilReady(server, 90_000);
    usage = await prepareUsageDatabase(pg.url);
  }, 120_000);

  afterAll(async () => {
    await stopLoads();
    // FAULT_LOG=<file>: keep the server's log, to see what it answered while the database was away
    if (process.env.FAULT_LOG) fs.writeFileSync(process.env.FAULT_LOG, server?.output() ?? '');
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await usage?.dataSource.destroy().catch(() => undefined);
    await pg?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores exactly the events sent, none lost or doubled, answers 503 while the database is away, and rolls them up', async () => {
    const { done } = runLoad({
      baseUrl: () => url(''),
      key: usage.key,
      clients: CLIENTS,
      batches: BATCHES,
      batchSize: BATCH_SIZE,
      deadline: Date.now() + 100_000,
    });
    const stored = async () =>
      (
        await usage.dataSource.query('SELECT count(*)::int AS n FROM usage_event WHERE workspace_id = $1', [
          usage.workspaceId,
        ])
      )[0].n as number;
    await until(async () => (await stored()) >= TOTAL / 4, 'a quarter of the events to be stored');
    await usage.dataSource.destroy();
    await pg.stop(); // fast shutdown: open transactions roll back, connections drop

    // meanwhile the server stays up and tells clients to come back later
    const probe = await fetch(url('/v1/usage/batch'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${usage.key}` },
      body: JSON.stringify({ events: [{ eventId: 'probe-while-down', kind: 'generation.completed' }] }),
    });
    expect(probe.status).toBe(503);
    expect(Number(probe.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await probe.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect((await fetch(url('/health/ready'))).status).toBe(503);
    const graphql = await fetch(url('/graphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${usage.readKey}` },
      body: JSON.stringify({
        query: '{ usageSummary(from: "2026-01-01", to: "2026-01-31") { totals { events } } }',
      }),
    });
    const answer = (await graphql.json()) as {
      errors?: { extensions?: { code?: string; retryAfter?: number } }[];
    };
    expect(answer.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfter: 2 });
    await sleep(1000);
    expect(server.child.exitCode).toBeNull();

    pg = await EmbeddedPostgres.start({ dataDir, port, database: 'greenlight' });
    usage.dataSource = await connect(pg.url);
    const report = await done;
    expect(server.child.exitCode).toBeNull();
    expect(report.acknowledged.size).toBe(TOTAL);
    expect(report.statuses[503]).toBeGreaterThan(0);
    expect(report.unavailableWithoutRetryAfter).toBe(0);

    const events = await storedEvents(usage.dataSource, usage.workspaceId);
    expect(events.has('probe-while-down')).toBe(false);
    const lost = [...report.sent].filter((id) => !events.has(id));
    const doubled = [...events].filter(([, copies]) => copies > 1).map(([id]) => id);
    const unknown = [...events.keys()].filter((id) => !report.sent.has(id));
    expect({ sent: report.sent.size, lost, doubled, unknown }).toEqual({
      sent: TOTAL,
      lost: [],
      doubled: [],
      unknown: [],
    });
    expect((await fetch(url('/health/ready'))).status).toBe(200);

    await expectRollupsToMatchRebuild(usage.dataSource, usage.workspaceId);
    const [{ events: rolledUp }] = await usage.dataSource.query(
      'SELECT sum(events)::int AS events FROM usage_rollup_workspace_day WHERE workspace_id = $1',
      [usage.workspaceId],
    );
    expect(rolledUp).toBe(TOTAL);
  }, 150_000);
});
