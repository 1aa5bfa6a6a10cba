import { Role, systemPrincipal, TenantContext } from '@greenlight/identity';
import { UsageRollupReader, UsageRollupRebuilder } from '@greenlight/telemetry';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bearer, codes, createWorkspace, signIn, WorkspaceFixture } from '../identity/fixtures';
import { spawnCli } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';
import { eventually, rollupSnapshot, waitForRollups } from './rollup-support';
import { createApiKey, postUsage } from './support';

const today = new Date().toISOString().slice(0, 10);
/** The bound a fresh event must be visible within, whatever else the rollups are doing. */
const FRESH_MS = 5_000;

const QUARANTINE = `{ usageRollupQuarantine { id day accountId model events costUsd error quarantinedAt } }`;
const FRESHNESS = `query ($day: String!) { usageSummary(from: $day, to: $day) {
  totals { events costUsd } freshness { pendingDeltas quarantinedDeltas } } }`;

interface Tenant {
  workspace: WorkspaceFixture;
  token: string;
  key: string;
}

describe('usage rollups: isolation of failing deltas, sums without overflow, rebuild beside fresh events', () => {
  let api: TestApp;
  let db: DataSource;

  const tenant = async (label: string): Promise<Tenant> => {
    const workspace = await createWorkspace(api, label);
    const token = (await signIn(api, workspace.members.ADMIN.email)).accessToken;
    return { workspace, token, key: await createApiKey(api, token) };
  };
  const gql = async <T = any>(query: string, variables: Record<string, unknown>, token: string) => {
    const response = await api.graphql<T>(query, variables, bearer(token));
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data as T;
  };
  /** Events of `model` today in the workspace rollups, once there are any. */
  const rolledUp = async (workspaceId: string, model: string) => {
    const [row] = await db.query(
      `SELECT events::int AS events FROM usage_rollup_workspace_day
       WHERE workspace_id = $1 AND day = $2::date AND model = $3`,
      [workspaceId, today, model],
    );
    return row?.events as number | undefined;
  };
  /** The workspace's event count in the rollups and in the raw events. */
  const reconcile = async (workspaceId: string) => {
    const [row] = await db.query(
      `SELECT (SELECT count(*)::int FROM usage_event WHERE workspace_id = $1) AS raw,
         (SELECT coalesce(sum(events), 0)::int FROM usage_rollup_workspace_day WHERE workspace_id = $1) AS rolled,
         (SELECT coalesce(sum(cost_usd), 0)::text FROM usage_event WHERE workspace_id = $1) AS "rawCost",
         (SELECT coalesce(sum(cost_usd), 0)::text FROM usage_rollup_workspace_day WHERE workspace_id = $1) AS "rolledCost"`,
      [workspaceId],
    );
    return row;
  };

  beforeAll(async () => {
    api = await startTestApp();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  it('rolls up a day of 11 events of 1e11 USD each exactly, in the worker and in `usage:rebuild-rollups`', async () => {
    const big = await tenant('Big Spender');
    const events = Array.from({ length: 11 }, (_, i) => ({
      eventId: `big-${i}`,
      kind: 'generation.completed',
      occurredAt: `${today}T08:00:00Z`,
      model: 'expensive',
      userEmail: `u${i}@big.example`,
      costUsd: 1e11,
    }));
    const answer = await postUsage(api, big.key, { events });
    expect(answer.body.accepted).toBe(11);
    await waitForRollups(db);
    const [row] = await db.query(
      `SELECT events::int AS events, cost_usd::text AS cost FROM usage_rollup_workspace_day
       WHERE workspace_id = $1 AND model = 'expensive'`,
      [big.workspace.id],
    );
    expect(row).toEqual({ events: 11, cost: '1100000000000.000000' });
    const summary = await gql(FRESHNESS, { day: today }, big.token);
    expect(summary.usageSummary).toEqual({
      totals: { events: 11, costUsd: 1.1e12 },
      freshness: { pendingDeltas: 0, quarantinedDeltas: 0 },
    });

    const incremental = await rollupSnapshot(db, big.workspace.id);
    const cli = spawnCli(['usage:rebuild-rollups', '--workspace', big.workspace.slug], {
      DATABASE_URL: api.db.url,
    });
    expect((await cli.exited).code).toBe(0);
    expect(cli.output()).toMatch(/11 events rolled up/);
    expect(await rollupSnapshot(db, big.workspace.id)).toEqual(incremental);
  });

  it("quarantines a delta that cannot be applied, once, and keeps every other workspace's rollups fresh", async () => {
    const poisoned = await tenant('Poisoned');
    const healthy = await tenant('Healthy');
    const logged = jest.spyOn(Logger.prototype, 'error');
    try {
      expect(
        (await postUsage(api, poisoned.key, { events: [{ eventId: 'p-1', kind: 'x', model: 'm' }] })).body
          .accepted,
      ).toBe(1);
      await waitForRollups(db);
      // a delta the rollups cannot take (its count overflows bigint), older than anything after it
      await db.query(
        `INSERT INTO usage_rollup_pending (workspace_id, account_id, day, model, in_workspace, events,
           generations, failures, video_seconds, gpu_seconds, cost_usd)
         VALUES ($1, NULL, $2::date, 'm', true, 9223372036854775807, 0, 0, 0, 0, 0)`,
        [poisoned.workspace.id, today],
      );
      const ingested = await postUsage(api, healthy.key, {
        events: [
          { eventId: 'h-1', kind: 'generation.completed', model: 'fresh' },
          { eventId: 'h-2', kind: 'generation.completed', model: 'fresh' },
        ],
      });
      expect(ingested.body.accepted).toBe(2);
      expect(await eventually(() => rolledUp(healthy.workspace.id, 'fresh'), FRESH_MS)).toBe(2);
      // the poisoned workspace's own later events go on too
      await postUsage(api, poisoned.key, { events: [{ eventId: 'p-2', kind: 'x', model: 'later' }] });
      expect(await eventually(() => rolledUp(poisoned.workspace.id, 'later'), FRESH_MS)).toBe(1);
      await waitForRollups(db);

      const { usageRollupQuarantine } = await gql(QUARANTINE, {}, poisoned.token);
      expect(usageRollupQuarantine).toEqual([
        expect.objectContaining({ day: today, accountId: null, model: 'm', events: 2 ** 63 }),
      ]);
      expect(usageRollupQuarantine[0].error).toMatch(
        /^usage_rollup_workspace_day, usage_rollup_workspace_user, usage_rollup_workspace_period, usage_rollup_workspace_period_user: bigint out of range/,
      );
      expect((await gql(QUARANTINE, {}, healthy.token)).usageRollupQuarantine).toEqual([]);
      const member = (await signIn(api, poisoned.workspace.members[Role.ACCOUNT_MANAGER].email)).accessToken;
      expect(codes(await api.graphql(QUARANTINE, {}, bearer(member)))).toEqual(['FORBIDDEN']);
      expect((await gql(FRESHNESS, { day: today }, poisoned.token)).usageSummary.freshness).toEqual({
        pendingDeltas: 0,
        quarantinedDeltas: 1,
      });

      // set aside once: later runs of the worker neither retry it nor log it again
      await postUsage(api, healthy.key, { events: [{ eventId: 'h-3', kind: 'x', model: 'again' }] });
      await eventually(() => rolledUp(healthy.workspace.id, 'again'), FRESH_MS);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const quarantineLogs = logged.mock.calls.filter(([message]) => /quarantined/.test(String(message)));
      expect(quarantineLogs).toHaveLength(1);
      expect(String(quarantineLogs[0][0])).toContain(poisoned.workspace.id);
    } finally {
      logged.mockRestore();
    }

    // a rebuild replaces it by the figures of the raw events
    const result = await api.app.get(UsageRollupRebuilder).rebuild({ workspaceId: poisoned.workspace.id });
    expect(result).toMatchObject({ superseded: 1, retried: 0, quarantined: 0 });
    const quarantine = await db.query('SELECT id FROM usage_rollup_quarantine WHERE workspace_id = $1', [
      poisoned.workspace.id,
    ]);
    expect(quarantine).toEqual([]);
    const figures = await reconcile(poisoned.workspace.id);
    expect(figures.rolled).toBe(figures.raw);
    expect(figures.rolledCost).toBe(figures.rawCost);
  });

  it('applies again, on a rebuild, quarantined deltas of days the raw events no longer cover', async () => {
    const retained = await tenant('Retained');
    const reader = () =>
      api.app
        .get(TenantContext)
        .run(systemPrincipal(retained.workspace.id), () =>
          api.app.get(UsageRollupReader).totalsForWorkspace('2020-01-01', '2020-01-31'),
        );
    // a delta of a day before the retention horizon, set aside by a failure since gone
    await db.query(
      `INSERT INTO usage_rollup_quarantine (id, workspace_id, account_id, day, model, user_keys, user_events,
         in_workspace, events, generations, failures, video_seconds, gpu_seconds, cost_usd, created_at, error)
       VALUES (-1, $1, NULL, '2020-01-15', 'old', '{ann@old.example}', '{3}', true, 3, 3, 0, 0, 0, 1.5, now(),
         'out of disk')`,
      [retained.workspace.id],
    );
    const [horizon] = await db.query(
      `SELECT value FROM app_metadata WHERE key = 'telemetry.usageRetainedFrom'`,
    );
    await db.query(
      `INSERT INTO app_metadata (key, value) VALUES ('telemetry.usageRetainedFrom', '"2021-01-01"')
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    );
    try {
      const result = await api.app.get(UsageRollupRebuilder).rebuild({ workspaceId: retained.workspace.id });
      expect(result).toMatchObject({ superseded: 0, retried: 1, quarantined: 0 });
    } finally {
      if (horizon)
        await db.query(`UPDATE app_metadata SET value = $1 WHERE key = 'telemetry.usageRetainedFrom'`, [
          JSON.stringify(horizon.value),
        ]);
      else await db.query(`DELETE FROM app_metadata WHERE key = 'telemetry.usageRetainedFrom'`);
    }
    expect(await reader()).toMatchObject({ events: 3, generations: 3, costUsd: 1.5, activeUsers: 1 });
  });

  it('keeps fresh events visible within seconds while a rebuild of a large workspace runs', async () => {
    const large = await tenant('Large');
    // 60 days of 2,000 events each, stored directly
    await db.query(
      `WITH e AS (
         SELECT 'bulk-' || n AS event_id,
           (current_date - 1 - (n % 60)) + make_interval(secs => n % 86000) AS occurred_at, n
         FROM generate_series(1, 120000) n
       ),
       keys AS (INSERT INTO usage_event_key (workspace_id, event_id, received_at) SELECT $1, event_id, now() FROM e)
       INSERT INTO usage_event (workspace_id, event_id, occurred_at, received_at, kind, user_email, model,
         video_seconds, gpu_seconds, cost_usd, properties)
       SELECT $1, event_id, occurred_at AT TIME ZONE 'UTC', now(), 'generation.completed',
         'user' || (n % 40) || '@large.example', 'model-' || (n % 3), 4, 30, 0.25,
         jsonb_build_object('renderSeconds', n % 200)
       FROM e`,
      [large.workspace.id],
    );
    const rebuilder = api.app.get(UsageRollupRebuilder);
    await rebuilder.rebuild({ workspaceId: large.workspace.id });

    let rebuilding = true;
    const rebuild = rebuilder
      .rebuild({ workspaceId: large.workspace.id, chunkEvents: 4_000 })
      .finally(() => (rebuilding = false));
    const seenDuringRebuild: string[] = [];
    let probe = 0;
    while (rebuilding) {
      const model = `probe-${++probe}`;
      const answer = await postUsage(api, large.key, {
        events: [
          { eventId: model, kind: 'generation.completed', model },
          ...Array.from({ length: 50 }, (_, i) => ({
            eventId: `${model}-load-${i}`,
            kind: 'x',
            model: 'load',
          })),
        ],
      });
      expect(answer.body.accepted).toBe(51);
      // acknowledged: in the rollups within the bound, rebuild or not
      await eventually(() => rolledUp(large.workspace.id, model), FRESH_MS);
      if (rebuilding) seenDuringRebuild.push(model);
    }
    await rebuild;
    expect(seenDuringRebuild.length).toBeGreaterThanOrEqual(2);

    await waitForRollups(db);
    const figures = await reconcile(large.workspace.id);
    expect(figures.rolled).toBe(figures.raw);
    expect(figures.rolledCost).toBe(figures.rawCost);
    const incremental = await rollupSnapshot(db, large.workspace.id);
    await rebuilder.rebuild({ workspaceId: large.workspace.id });
    expect(await rollupSnapshot(db, large.workspace.id)).toEqual(incremental);
  });
});
