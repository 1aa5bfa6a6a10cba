import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { DataSource, QueryRunner } from 'typeorm';
import { freePort, ServerProcess, spawnServer, waitUntilReady } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';
import {
  connect,
  expectRollupsToMatchRebuild,
  prepareUsageDatabase,
  runLoad,
  stopLoads,
  storedEvents,
  until,
  UsageDatabase,
} from './fault-support';

const ROLLUP_LOCK = `hashtext('greenlight.usage_rollups')`;

/**
 * SIGTERM to the server process in the middle of a load: every event it acknowledged is stored, and
 * its rollup deltas, still pending when it stopped (another holder of the rollup lock kept its worker
 * from applying them), are applied once an instance runs again.
 */
describe('ingestion when the server is stopped with SIGTERM mid-load', () => {
  let db: TestDatabase;
  let usage: UsageDatabase;
  let server: ServerProcess;
  let lockHolder: DataSource;
  let lock: QueryRunner;
  let restarted: TestApp | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    usage = await prepareUsageDatabase(db.url);
    // another instance (or a rebuild) holds the rollup lock: this server's worker must leave deltas pending
    lockHolder = await connect(db.url);
    lock = lockHolder.createQueryRunner();
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(${ROLLUP_LOCK})`);
    // production: no demo data, the events are the test's only
    server = spawnServer(
      { DATABASE_URL: db.url, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      await freePort(),
    );
    await waitUntilReady(server, 90_000);
  }, 120_000);

  afterAll(async () => {
    await stopLoads();
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await restarted?.close();
    await lock?.release().catch(() => undefined);
    await lockHolder?.destroy().catch(() => undefined);
    await usage?.dataSource.destroy().catch(() => undefined);
    await db?.drop();
  });

  it('keeps every acknowledged event, and rolls it up after the restart', async () => {
    let stopping = false;
    const { report, done } = runLoad({
      baseUrl: () => `http://127.0.0.1:${server.port}`,
      key: usage.key,
      clients: 4,
      batches: 200,
      batchSize: 25,
      deadline: Date.now() + 90_000,
      stop: () => stopping,
    });
    await until(() => report.acknowledged.size >= 1500, 'some events to be acknowledged');
    server.child.kill('SIGTERM');
    stopping = true; // requests in flight finish; no new ones
    expect(await server.exited).toEqual({ code: 0, signal: null });
    await done;

    const stored = await storedEvents(usage.dataSource, usage.workspaceId);
    const missing = [...report.acknowledged].filter((id) => !stored.has(id));
    const doubled = [...stored].filter(([, copies]) => copies > 1).map(([id]) => id);
    expect({ missing, doubled }).toEqual({ missing: [], doubled: [] });
    expect(report.acknowledged.size).toBeGreaterThanOrEqual(1500);
    const [{ pending }] = await usage.dataSource.query(
      'SELECT count(*)::int AS pending FROM usage_rollup_pending WHERE workspace_id = $1',
      [usage.workspaceId],
    );
    expect(pending).toBeGreaterThan(0);

    // the lock is free again and an instance starts: the deltas left behind are applied, exactly once
    await lock.query(`SELECT pg_advisory_unlock(${ROLLUP_LOCK})`);
    restarted = await startTestApp({}, { db });
    await expectRollupsToMatchRebuild(usage.dataSource, usage.workspaceId);
    const [{ events }] = await usage.dataSource.query(
      'SELECT sum(events)::int AS events FROM usage_rollup_workspace_day WHERE workspace_id = $1',
      [usage.workspaceId],
    );
    expect(events).toBe(stored.size);
  }, 150_000);
});
