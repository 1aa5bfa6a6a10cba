import { Client } from 'pg';
import { bearer, codes, createWorkspace, signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey } from '../telemetry/support';

const ME = '{ me { user { email } workspace { slug } } }';

/** `count` aliases of a workspace usage summary over [from, to]. */
function summaries(count: number, from: string, to: string, fields = 'totals { events }'): string {
  const aliases = Array.from({ length: count }, (_, i) => `s${i}: usageSummary(from: "${from}", to: "${to}") { ${fields} }`);
  return `{ ${aliases.join(' ')} }`;
}

/** Hang guard for polling: fails the test instead of waiting forever. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('one request cannot take the whole database', () => {
  let api: TestApp;
  let quick: TestApp;
  let blocker: Client;
  let observer: Client;
  let memberToken: string;
  let readKey: string;

  beforeAll(async () => {
    // four pooled connections, two of them at most for one request
    api = await startTestApp({ DATABASE_POOL_SIZE: '4', DATABASE_CONNECTIONS_PER_REQUEST: '2' });
    // a second instance on the same database whose statements may run 300 ms
    quick = await startTestApp(
      { DATABASE_POOL_SIZE: '4', DATABASE_CONNECTIONS_PER_REQUEST: '2', DATABASE_STATEMENT_TIMEOUT_MS: '300' },
      { db: api.db },
    );
    const workspace = await createWorkspace(api, 'Fairness');
    const admin = await signIn(api, workspace.members.ADMIN.email);
    memberToken = (await signIn(api, workspace.members.ACCOUNT_MANAGER.email)).accessToken;
    readKey = await createApiKey(api, admin.accessToken, ['READ']);
    blocker = new Client({ connectionString: api.db.url });
    await blocker.connect();
    // pg_stat_activity keeps one snapshot per transaction: watch from outside the locking one
    observer = new Client({ connectionString: api.db.url });
    await observer.connect();
  });

  afterAll(async () => {
    await blocker?.end();
    await observer?.end();
    await quick?.close();
    await api?.close();
  });

  /** Holds the workspace day rollups locked, so every usage summary statement waits on the lock. */
  async function lockRollups(): Promise<() => Promise<void>> {
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE usage_rollup_workspace_day IN ACCESS EXCLUSIVE MODE');
    return async () => {
      await blocker.query('COMMIT');
    };
  }

  /** Usage summary statements waiting on the lock (the rollup worker may wait too, not counted). */
  async function waitingOnLock(): Promise<number> {
    const { rows } = await observer.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND ltrim(query, E' \n') LIKE 'WITH figures AS%'`,
    );
    return rows[0].waiting;
  }

  it('refuses 300 aliases of a three-year usage summary, naming the limit', async () => {
    const response = await api.graphql(summaries(300, '2024-01-01', '2026-12-31'), {}, bearer(readKey));
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('at most 25 are allowed'),
        extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', rootFields: 300, maxRootFields: 25 }),
      }),
    ]);
  });

  it('costs a usage summary by the length of its window', async () => {
    // within the root field limit, but 25 three-year summaries cost far more than 25 monthly ones
    const long = await api.graphql(summaries(25, '2024-01-01', '2026-12-31', 'totals { events } daily { day events } byModel { model }'), {}, bearer(readKey));
    expect(codes(long)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(long.errors?.[0].extensions?.complexity).toBeGreaterThan(20_000);
    const short = await api.graphql(summaries(25, '2026-01-01', '2026-01-31', 'totals { events } daily { day events } byModel { model }'), {}, bearer(readKey));
    expect(short.errors).toBeUndefined();
    expect(Object.keys(short.data ?? {})).toHaveLength(25);
  });

  it('serves another user and the readiness check while one request waits on slow statements', async () => {
    const baseline = await api.graphql(ME, {}, bearer(memberToken));
    expect(baseline.errors).toBeUndefined();

    const unlock = await lockRollups();
    let heavyDone = false;
    const heavy = api.graphql(summaries(25, '2026-01-01', '2026-01-31'), {}, bearer(readKey)).finally(() => {
      heavyDone = true;
    });
    try {
      // the heavy request's statements are stuck on the lock, two of them: its share of the pool
      await eventually(async () => ((await waitingOnLock()) >= 2 ? true : undefined), 'statements waiting on the lock');

      const me = await api.graphql(ME, {}, bearer(memberToken));
      expect(me.status).toBe(200);
      expect(me.data).toEqual(baseline.data);
      const ready = await fetch(`${api.baseUrl}/health/ready`);
      expect(ready.status).toBe(200);

      // still blocked, and still holding no more than its two connections
      expect(heavyDone).toBe(false);
      expect(await waitingOnLock()).toBe(2);
    } finally {
      await unlock();
    }
    const answer = await heavy;
    expect(answer.errors).toBeUndefined();
    expect(Object.values(answer.data ?? {})).toHaveLength(25);
  });

  it('stops a statement that runs past the statement timeout with QUERY_TIMEOUT', async () => {
    const unlock = await lockRollups();
    try {
      const response = await quick.graphql(summaries(3, '2026-01-01', '2026-01-31'), {}, bearer(readKey));
      expect(response.status).toBe(200);
      // the first failed summary ends the operation (its fields are non-null)
      expect(codes(response)).toEqual(['QUERY_TIMEOUT']);
      expect(response.errors?.[0].message).toMatch(/took too long/);
      // the timeout ended the statements, not the lock: it is still held
      const { rows } = await blocker.query(`SELECT count(*)::int AS held FROM pg_locks WHERE granted AND mode = 'AccessExclusiveLock' AND pid = pg_backend_pid()`);
      expect(rows[0].held).toBeGreaterThan(0);
    } finally {
      await unlock();
    }
    // the same connections serve the next request normally
    const after = await quick.graphql(summaries(3, '2026-01-01', '2026-01-31'), {}, bearer(readKey));
    expect(after.errors).toBeUndefined();
  });
});
