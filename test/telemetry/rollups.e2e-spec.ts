import { withAdvisoryLock } from '@greenlight/db';
import {
  medianFromHistogram,
  RENDER_BUCKETS,
  ROLLUP_LOCK,
  UsageRollupReader,
  UsageRollupRebuilder,
  UsageTotals,
} from '@greenlight/telemetry';
import { systemPrincipal, TenantContext } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { bearer, codes, createWorkspace, signIn, WorkspaceFixture } from '../identity/fixtures';
import { spawnCli } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey, postUsage } from './support';
import { eventually, rollupSnapshot, waitForRollups } from './rollup-support';

const DAY_MS = 86_400_000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
const today = dayOf(Date.now());

const LINK = `mutation ($i: ID!, $a: ID!) { linkGeneratorIdentity(identityId: $i, accountId: $a) {
  attributedEvents identity { id account { id } backfill { totalEvents scannedEvents attributedEvents progress finishedAt } } } }`;
const SUMMARY = `query ($from: String!, $to: String!, $accountId: ID) { usageSummary(from: $from, to: $to, accountId: $accountId) {
  from to accountId account { id name }
  totals { events generations failures videoSeconds gpuSeconds costUsd activeUsers successRate medianRenderSeconds }
  daily { day events generations activeUsers costUsd }
  byModel { model events generations activeUsers }
  freshness { pendingDeltas oldestPendingAt lagSeconds } } }`;

/**
 * Deterministic, varied events: several users and identities (two matched by domain, one unknown
 * organisation, one event with no identifiers), models (one none), kinds, render times (some
 * unusable), days from today back to 40 days and one in 2020 (the default partition). Amounts are
 * exact in binary so that sums in any order agree to the last bit.
 */
function eventsOf(prefix: string, count: number, offset = 0): Record<string, unknown>[] {
  const users = [
    { orgId: 'org-lumen', userEmail: 'ana@lumen.example' },
    { orgId: 'org-lumen', userEmail: 'bo@vfx.lumen.example' },
    { orgId: 'org-nova', userEmail: 'cy@nova.example' },
    { orgId: 'org-mystery', projectId: 'p1', userEmail: 'dee@gmail.example' },
    { orgId: 'org-mystery', projectId: 'p1', userEmail: 'eve@gmail.example' },
    { orgId: null, projectId: null, userEmail: null },
  ];
  const kinds = ['generation.completed', 'generation.completed', 'generation.failed', 'generation.started'];
  const models = ['vidgen-2', 'vidgen-3', undefined];
  const renders: unknown[] = [0.25, 3, 7.5, 45, 300, 5000, '12', -1, null, undefined];
  return Array.from({ length: count }, (_, n) => {
    const i = n + offset;
    const daysAgo = i % 17 === 0 ? 40 : i % 5;
    const occurredAt =
      i % 53 === 0
        ? '2020-03-01T12:00:00Z'
        : new Date(Date.now() - daysAgo * DAY_MS - (i % 7) * 60_000).toISOString();
    const render = renders[i % renders.length];
    return {
      eventId: `${prefix}-${i}`,
      occurredAt,
      kind: kinds[i % kinds.length],
      ...users[i % users.length],
      model: models[i % models.length],
      videoSeconds: i % 4 === 0 ? null : (i % 9) * 0.25,
      gpuSeconds: (i % 11) * 1.5,
      costUsd: Number(((i % 13) * 0.125).toFixed(3)),
      properties: render === undefined ? { seq: i } : { seq: i, renderSeconds: render },
    };
  });
}

describe('usage rollups', () => {
  let api: TestApp;
  let a: WorkspaceFixture;
  let token: string;
  let key: string;
  let db: DataSource;
  let accounts: { lumen: string; nova: string; orbit: string };

  const gql = async <T = any>(query: string, variables?: Record<string, unknown>, as = token) => {
    const response = await api.graphql<T>(query, variables, bearer(as));
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data as T;
  };
  const createAccount = async (name: string, domains: string[]) =>
    (
      await gql<{ createAccount: { id: string } }>(
        'mutation ($n: String!, $d: [String!]) { createAccount(input: { name: $n, kind: STUDIO, domains: $d }) { id } }',
        { n: name, d: domains },
      )
    ).createAccount.id;
  const asWorkspace = <T>(work: (reader: UsageRollupReader) => Promise<T>) =>
    api.app.get(TenantContext).run(systemPrincipal(a.id), () => work(api.app.get(UsageRollupReader)));

  /** The same figures straight from the raw events: the oracle the rollups are held to. */
  const rawTotals = async (
    filter: string,
    parameters: unknown[],
  ): Promise<Omit<UsageTotals, 'medianRenderSeconds'>> => {
    const [row] = await db.query(
      `SELECT count(*)::int AS events,
         count(*) FILTER (WHERE kind = 'generation.completed')::int AS generations,
         count(*) FILTER (WHERE kind = 'generation.failed')::int AS failures,
         coalesce(sum(video_seconds), 0)::float8 AS "videoSeconds", coalesce(sum(gpu_seconds), 0)::float8 AS "gpuSeconds",
         coalesce(sum(cost_usd), 0)::float8 AS "costUsd", count(DISTINCT user_email)::int AS "activeUsers"
       FROM usage_event WHERE workspace_id = $1 ${filter}`,
      [a.id, ...parameters],
    );
    const judged = row.generations + row.failures;
    return { ...row, successRate: judged ? row.generations / judged : null };
  };

  beforeAll(async () => {
    api = await startTestApp();
    a = await createWorkspace(api, 'Rollups');
    token = (await signIn(api, a.members.ADMIN.email)).accessToken;
    key = await createApiKey(api, token);
    db = api.app.get(DataSource);
    accounts = {
      lumen: await createAccount('Lumen Pictures', ['lumen.example']),
      nova: await createAccount('Nova Streaming', ['nova.example']),
      orbit: await createAccount('Orbit Media', []),
    };
  });
  afterAll(() => api.close());

  it('shows an acknowledged event in the rollups soon, without being asked', async () => {
    const answer = await postUsage(api, key, {
      events: [
        {
          eventId: 'fresh-1',
          kind: 'generation.completed',
          model: 'freshness-probe',
          userEmail: 'ana@lumen.example',
        },
      ],
    });
    expect(answer.body.accepted).toBe(1);
    // nothing measured by time: the worker, woken by the commit (or its poll), gets there
    const row = await eventually(async () => {
      const [found] = await db.query(
        `SELECT events::int AS events FROM usage_rollup_workspace_day WHERE workspace_id = $1 AND model = 'freshness-probe'`,
        [a.id],
      );
      return found;
    });
    expect(row).toEqual({ events: 1 });
    const byModel = await asWorkspace((reader) => reader.byModel(accounts.lumen, today, today));
    expect(byModel.find((entry) => entry.model === 'freshness-probe')).toMatchObject({
      events: 1,
      activeUsers: 1,
    });
  });

  it('appends one delta per account, day and model of a batch, its users and render buckets inside', async () => {
    const at = `${today}T09:00:00Z`;
    const event = (i: number, userEmail: string, renderSeconds: number) => ({
      eventId: `grouped-${i}`,
      kind: 'generation.completed',
      occurredAt: at,
      orgId: 'org-lumen',
      userEmail,
      model: 'grouped',
      properties: { renderSeconds },
    });
    // the worker is kept out (it skips its turn while the lock is held), so the deltas stay pending
    const pending = await withAdvisoryLock(db, ROLLUP_LOCK, async () => {
      const answer = await postUsage(api, key, {
        events: [
          event(1, 'ana@lumen.example', 3),
          event(2, 'ana@lumen.example', 3),
          event(3, 'bo@vfx.lumen.example', 45),
          event(4, 'ana@lumen.example', 45),
        ],
      });
      expect(answer.body.accepted).toBe(4);
      return db.query(
        `SELECT events::int, user_keys, user_events::int[], render_buckets, render_counts::int[]
         FROM usage_rollup_pending WHERE workspace_id = $1 AND model = 'grouped'`,
        [a.id],
      );
    });
    expect(pending).toHaveLength(1);
    const [delta] = pending;
    expect(delta.events).toBe(4);
    const perUser = new Map<string, number>();
    delta.user_keys.forEach((user: string, i: number) => perUser.set(user, (perUser.get(user) ?? 0) + delta.user_events[i]));
    expect(Object.fromEntries(perUser)).toEqual({ 'ana@lumen.example': 3, 'bo@vfx.lumen.example': 1 });
    const perBucket = new Map<number, number>();
    delta.render_buckets.forEach((bucket: number, i: number) =>
      perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + delta.render_counts[i]),
    );
    expect(Object.fromEntries(perBucket)).toEqual({ 6: 2, 13: 2 }); // [3, 4) and [32, 48)

    await waitForRollups(db);
    const [row] = await db.query(
      `SELECT events::int, distinct_users, render_histogram FROM usage_rollup_account_day
       WHERE workspace_id = $1 AND account_id = $2 AND day = $3::date AND model = 'grouped'`,
      [a.id, accounts.lumen, today],
    );
    expect(row.events).toBe(4);
    expect(row.distinct_users).toBe(2);
    expect(row.render_histogram[5]).toBe(2);
    expect(row.render_histogram[12]).toBe(2);
  });

  it('keeps rollups equal to the raw events, through duplicates, late events, links and relinks, and a rebuild', async () => {
    // another workspace's usage, with the same event ids and identifiers: it must not show here
    const other = await createWorkspace(api, 'Elsewhere');
    const otherKey = await createApiKey(api, (await signIn(api, other.members.ADMIN.email)).accessToken);
    expect((await postUsage(api, otherKey, { events: eventsOf('r', 120) })).body.accepted).toBe(120);

    const first = eventsOf('r', 400);
    for (let i = 0; i < first.length; i += 100) {
      expect((await postUsage(api, key, { events: first.slice(i, i + 100) })).body.accepted).toBe(100);
    }
    // a retried batch: all duplicates, nothing counted twice
    expect((await postUsage(api, key, { events: first.slice(100, 200) })).body.duplicates).toBe(100);
    // late events, days and months back
    const late = eventsOf('late', 60, 1000).map((event, i) => ({
      ...event,
      occurredAt: new Date(Date.now() - (20 + (i % 3) * 30) * DAY_MS).toISOString(),
    }));
    expect((await postUsage(api, key, { events: late })).body.accepted).toBe(60);
    await waitForRollups(db);

    const from = dayOf(Date.now() - 120 * DAY_MS);
    const window = [from, today];
    const within = 'AND occurred_at >= $2::date AND occurred_at < ($3::date + 1)';
    const lumen = (
      await asWorkspace((reader) => reader.totalsForAccounts([accounts.lumen], from, today))
    ).get(accounts.lumen);
    const { medianRenderSeconds: lumenMedian, ...lumenFigures } = lumen!;
    expect(lumenFigures).toEqual(
      await rawTotals(`AND account_id = $4 ${within}`, [...window, accounts.lumen]),
    );
    expect(lumenMedian).toBeGreaterThan(0);
    const workspace = await asWorkspace((reader) => reader.totalsForWorkspace(from, today));
    const { medianRenderSeconds: _median, ...workspaceFigures } = workspace;
    expect(workspaceFigures).toEqual(await rawTotals(within, window));

    // the unknown organisation waits unmatched; linking it attributes its events and their rollups
    const [mystery] = await db.query(
      `SELECT id, event_count::int AS events FROM generator_identity WHERE workspace_id = $1 AND org_id = 'org-mystery'`,
      [a.id],
    );
    expect(
      (await asWorkspace((reader) => reader.totalsForAccounts([accounts.orbit], from, today))).get(
        accounts.orbit,
      ),
    ).toMatchObject({ events: 0, activeUsers: 0, successRate: null, medianRenderSeconds: null });
    const linked = (await gql(LINK, { i: mystery.id, a: accounts.orbit })).linkGeneratorIdentity;
    expect(linked.attributedEvents).toBe(mystery.events);
    expect(linked.identity.backfill).toMatchObject({
      totalEvents: mystery.events,
      scannedEvents: mystery.events,
      attributedEvents: mystery.events,
      progress: 1,
      finishedAt: expect.any(String),
    });
    await waitForRollups(db);
    const orbit = (
      await asWorkspace((reader) => reader.totalsForAccounts([accounts.orbit], from, today))
    ).get(accounts.orbit)!;
    const { medianRenderSeconds: _orbitMedian, ...orbitFigures } = orbit;
    expect(orbitFigures).toEqual(
      await rawTotals(`AND account_id = $4 ${within}`, [...window, accounts.orbit]),
    );
    expect(orbit.activeUsers).toBe(2);

    // relinked to another account: out of Orbit's rollups, into Nova's
    const novaBefore = (
      await asWorkspace((reader) => reader.totalsForAccounts([accounts.nova], from, today))
    ).get(accounts.nova)!;
    expect(
      (await gql(LINK, { i: mystery.id, a: accounts.nova })).linkGeneratorIdentity.attributedEvents,
    ).toBe(mystery.events);
    await waitForRollups(db);
    const after = await asWorkspace((reader) =>
      reader.totalsForAccounts([accounts.orbit, accounts.nova], from, today),
    );
    expect(after.get(accounts.orbit)).toMatchObject({ events: 0, activeUsers: 0, costUsd: 0 });
    expect(after.get(accounts.nova)!.events).toBe(novaBefore.events + orbit.events);
    expect(after.get(accounts.nova)!.activeUsers).toBe(novaBefore.activeUsers + 2);
    const [{ orbitRows }] = await db.query(
      `SELECT (SELECT count(*) FROM usage_rollup_account_day WHERE account_id = $1)::int
            + (SELECT count(*) FROM usage_rollup_account_user WHERE account_id = $1)::int AS "orbitRows"`,
      [accounts.orbit],
    );
    expect(orbitRows).toBe(0);
    // a new event of the identity, after the relink
    expect(
      (
        await postUsage(api, key, {
          events: eventsOf('after-relink', 6, 3).filter((e) => e.orgId === 'org-mystery'),
        })
      ).body.accepted,
    ).toBeGreaterThan(0);
    await waitForRollups(db);

    // everything the worker built, against a rebuild from the raw events
    const incremental = await rollupSnapshot(db, a.id);
    expect(incremental.accountDays.length).toBeGreaterThan(10);
    expect(
      incremental.accountDays.every(
        (row: { render_histogram: number[] }) => row.render_histogram.length === RENDER_BUCKETS,
      ),
    ).toBe(true);
    const progress: string[] = [];
    const rebuilt = await api.app
      .get(UsageRollupRebuilder)
      .rebuild({ workspaceId: a.id, onProgress: (p) => progress.push(p.message) });
    expect(rebuilt.events).toBe((await rawTotals('', [])).events);
    expect(progress.at(-1)).toContain(`${rebuilt.events} events rolled up`);
    expect(await rollupSnapshot(db, a.id)).toEqual(incremental);

    // distinct users of every period row, days included (counted from the day user rows), are the raw events'
    const periodUsers = (table: string, account: string) =>
      db.query(
        `SELECT ${account} AS account, grain, day::text, distinct_users AS users FROM ${table}
         WHERE workspace_id = $1 ORDER BY 1, 2, 3`,
        [a.id],
      );
    const rawPeriodUsers = (account: string, filter: string) =>
      db.query(
        `SELECT ${account} AS account, g.grain, usage_period_start(g.grain, (occurred_at AT TIME ZONE 'UTC')::date)::text AS day,
           count(DISTINCT user_email)::int AS users
         FROM usage_event CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(grain)
         WHERE workspace_id = $1 ${filter} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        [a.id],
      );
    expect(await periodUsers('usage_rollup_account_period', 'account_id')).toEqual(
      await rawPeriodUsers('account_id', 'AND account_id IS NOT NULL'),
    );
    expect(await periodUsers('usage_rollup_attributed_period', 'NULL::uuid')).toEqual(
      await rawPeriodUsers('NULL::uuid', 'AND account_id IS NOT NULL'),
    );
    expect(await periodUsers('usage_rollup_workspace_period', 'NULL::uuid')).toEqual(await rawPeriodUsers('NULL::uuid', ''));

    // the median is the histogram's, built from properties.renderSeconds when a non-negative number
    const renders: { seconds: number }[] = await db.query(
      `SELECT (properties ->> 'renderSeconds')::float8 AS seconds FROM usage_event
       WHERE workspace_id = $1 AND account_id = $2 AND jsonb_typeof(properties -> 'renderSeconds') = 'number'
         AND (properties ->> 'renderSeconds')::float8 >= 0`,
      [a.id, accounts.lumen],
    );
    const [{ histogram }] = await db.query(
      `SELECT usage_histogram_sum(render_histogram) AS histogram FROM usage_rollup_account_day WHERE account_id = $1`,
      [accounts.lumen],
    );
    expect(histogram.reduce((sum: number, n: number) => sum + n, 0)).toBe(renders.length);
    const allDays = await asWorkspace((reader) =>
      reader.totalsForAccounts([accounts.lumen], '2000-01-01', today),
    );
    expect(allDays.get(accounts.lumen)!.medianRenderSeconds).toBe(medianFromHistogram(histogram));
  });

  it('answers usageSummary over GraphQL for the workspace and for an account', async () => {
    const from = dayOf(Date.now() - 6 * DAY_MS);
    const workspace = (await gql(SUMMARY, { from, to: today })).usageSummary;
    expect(workspace).toMatchObject({ from, to: today, accountId: null, account: null });
    expect(workspace.daily).toHaveLength(7);
    expect(workspace.daily.map((d: { day: string }) => d.day)).toEqual(
      Array.from({ length: 7 }, (_, i) => dayOf(Date.parse(`${from}T00:00:00Z`) + i * DAY_MS)),
    );
    expect(workspace.daily.reduce((sum: number, d: { events: number }) => sum + d.events, 0)).toBe(
      workspace.totals.events,
    );
    expect(workspace.byModel.reduce((sum: number, m: { events: number }) => sum + m.events, 0)).toBe(
      workspace.totals.events,
    );
    expect(workspace.byModel.map((m: { model: string | null }) => m.model)).toEqual(
      expect.arrayContaining(['vidgen-2', 'vidgen-3', null]),
    );
    expect(workspace.freshness).toEqual({ pendingDeltas: 0, oldestPendingAt: null, lagSeconds: 0 });

    const account = (await gql(SUMMARY, { from, to: today, accountId: accounts.lumen })).usageSummary;
    expect(account.account).toEqual({ id: accounts.lumen, name: 'Lumen Pictures' });
    expect(account.totals.events).toBeGreaterThan(0);
    expect(account.totals.events).toBeLessThan(workspace.totals.events);
    expect(account.totals.successRate).toBeGreaterThan(0);

    // read-only members read it too
    const executive = (await signIn(api, a.members.EXECUTIVE.email)).accessToken;
    expect((await gql(SUMMARY, { from, to: today }, executive)).usageSummary.totals).toEqual(
      workspace.totals,
    );

    const bad = await api.graphql(SUMMARY, { from: '2026-02-30', to: today }, bearer(token));
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].message).toContain('from must be a date');
    const reversed = await api.graphql(SUMMARY, { from: today, to: from }, bearer(token));
    expect(reversed.errors![0].message).toContain('to must not be before from');
    const tooLong = await api.graphql(SUMMARY, { from: '2020-01-01', to: today }, bearer(token));
    expect(tooLong.errors![0].message).toContain('at most');
    const unknown = await api.graphql(
      SUMMARY,
      { from, to: today, accountId: '00000000-0000-4000-8000-000000000000' },
      bearer(token),
    );
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
  });

  it('stays exact with two instances ingesting and a rebuild running meanwhile', async () => {
    // a second instance on the same database: two workers, one lock
    const second = await startTestApp({}, { db: api.db });
    try {
      const post = (instance: TestApp, batch: number) =>
        fetch(`${instance.baseUrl}/v1/usage/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ events: eventsOf(`multi-${batch}`, 50, batch * 50) }),
        }).then(async (response) => {
          expect(response.status).toBe(200);
          expect(((await response.json()) as { accepted: number }).accepted).toBe(50);
        });
      const rebuilder = api.app.get(UsageRollupRebuilder);
      const posting = Promise.all(
        Array.from({ length: 24 }, (_, batch) => post(batch % 2 ? second : api, batch)),
      );
      // rebuilds in the middle of the load: each sees a snapshot, the deltas after it still apply
      await rebuilder.rebuild({ workspaceId: a.id });
      await Promise.all([posting, rebuilder.rebuild({ workspaceId: a.id })]);
      await waitForRollups(db);
      const incremental = await rollupSnapshot(db, a.id);
      await rebuilder.rebuild({ workspaceId: a.id });
      expect(await rollupSnapshot(db, a.id)).toEqual(incremental);
      const [{ raw }] = await db.query(
        'SELECT count(*)::int AS raw FROM usage_event WHERE workspace_id = $1',
        [a.id],
      );
      const [{ rolled }] = await db.query(
        'SELECT sum(events)::int AS rolled FROM usage_rollup_workspace_day WHERE workspace_id = $1',
        [a.id],
      );
      expect(rolled).toBe(raw);
    } finally {
      await second.close();
    }
  });

  it('rolls up, once, events stored before the rollups existed (after an upgrade)', async () => {
    await waitForRollups(db);
    const before = await rollupSnapshot(db, a.id);
    // as the migration leaves a database that already held events: no rollups, and the flag
    for (const table of ['account_day', 'workspace_day', 'account_user', 'workspace_user'])
      await db.query(`DELETE FROM usage_rollup_${table} WHERE workspace_id = $1`, [a.id]);
    await db.query(`INSERT INTO app_metadata (key, value) VALUES ('telemetry.rollupRebuildNeeded', 'true')`);
    const upgraded = await startTestApp({}, { db: api.db });
    try {
      await eventually(async () => {
        const [flag] = await db.query(
          `SELECT 1 FROM app_metadata WHERE key = 'telemetry.rollupRebuildNeeded'`,
        );
        return flag ? undefined : true;
      });
      expect(await rollupSnapshot(db, a.id)).toEqual(before);
    } finally {
      await upgraded.close();
    }
  });

  it('rebuilds from the command line, with progress, to the same rollups', async () => {
    await waitForRollups(db);
    const before = await rollupSnapshot(db, a.id);
    // rollups damaged on purpose: the rebuild must restore them
    await db.query('UPDATE usage_rollup_account_day SET events = events + 1000 WHERE workspace_id = $1', [
      a.id,
    ]);
    await db.query('DELETE FROM usage_rollup_workspace_user WHERE workspace_id = $1', [a.id]);
    const cli = spawnCli(['usage:rebuild-rollups', '--workspace', a.slug], { DATABASE_URL: api.db.url });
    expect((await cli.exited).code).toBe(0);
    expect(cli.output()).toMatch(/\[1\/1\] rollups-studio .*events rolled up into \d+ rows/);
    expect(cli.output()).toMatch(/rebuilt the usage rollups of 1 workspace\(s\)/);
    expect(await rollupSnapshot(db, a.id)).toEqual(before);
  });
});
