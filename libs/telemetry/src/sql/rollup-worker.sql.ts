import { sql, SqlFragment, sqlStatements } from '@greenlight/identity';
import { PERIOD_GRAINS, USER_PERIOD_GRAINS } from '../rollups/rollup-sql';

const UPKEEP = 'one worker applies the rollup deltas of every workspace';

/**
 * Where one scope's figures go. `source` is the claimed deltas summed per account, day and model
 * (`base`), or those sums once per period grain (`base_period`: weeks and months, days included).
 * A period scope keeps user rows for weeks and months only; its days count their users in `dayUsers`
 * (the day user table, by `dayKeys`, the period keys with the grain left out).
 */
interface Scope {
  name: string;
  source: 'base' | 'base_period';
  keys: SqlFragment;
  filter: SqlFragment;
  day: string;
  user: string;
  dayUsers?: { table: string; dayKeys: SqlFragment; periodKeys: SqlFragment; match: SqlFragment; order?: SqlFragment };
}

const DAY_KEYS = sql`workspace_id, account_id, day, model`;
const WORKSPACE_DAY_KEYS = sql`workspace_id, day, model`;
const PERIOD_KEYS = sql`workspace_id, account_id, grain, day`;
const WORKSPACE_PERIOD_KEYS = sql`workspace_id, grain, day`;
const ACCOUNT_DAY_USERS = {
  dayKeys: sql`workspace_id, account_id, day`,
  periodKeys: sql`workspace_id, account_id, 'day'::text AS grain, day`,
  match: sql`t.workspace_id = touched.workspace_id AND t.account_id = touched.account_id AND t.day = touched.day`,
  // in the primary key's order: read by it, not by an index of the day's users, which holds every account's
  order: sql`ORDER BY t.workspace_id, t.account_id, t.day, t.model, t.user_key`,
};
const WORKSPACE_DAY_USERS = {
  dayKeys: sql`workspace_id, day`,
  periodKeys: sql`workspace_id, 'day'::text AS grain, day`,
  match: sql`t.workspace_id = touched.workspace_id AND t.day = touched.day`,
};
const ATTRIBUTED = sql`account_id IS NOT NULL`;
const IN_WORKSPACE = sql`in_workspace`;

export const SCOPES: Scope[] = [
  { name: 'account', source: 'base', keys: DAY_KEYS, filter: ATTRIBUTED, day: 'usage_rollup_account_day', user: 'usage_rollup_account_user' },
  { name: 'workspace', source: 'base', keys: WORKSPACE_DAY_KEYS, filter: IN_WORKSPACE, day: 'usage_rollup_workspace_day', user: 'usage_rollup_workspace_user' },
  { name: 'account_period', source: 'base_period', keys: PERIOD_KEYS, filter: ATTRIBUTED, day: 'usage_rollup_account_period', user: 'usage_rollup_account_period_user', dayUsers: { table: 'usage_rollup_account_user', ...ACCOUNT_DAY_USERS } },
  { name: 'workspace_period', source: 'base_period', keys: WORKSPACE_PERIOD_KEYS, filter: IN_WORKSPACE, day: 'usage_rollup_workspace_period', user: 'usage_rollup_workspace_period_user', dayUsers: { table: 'usage_rollup_workspace_user', ...WORKSPACE_DAY_USERS } },
  { name: 'attributed_period', source: 'base_period', keys: WORKSPACE_PERIOD_KEYS, filter: ATTRIBUTED, day: 'usage_rollup_attributed_period', user: 'usage_rollup_attributed_period_user', dayUsers: { table: 'usage_rollup_account_user', ...WORKSPACE_DAY_USERS } },
];

const ROLLUP_TABLES = SCOPES.flatMap((scope) => [scope.day, scope.user]);
const table = (name: string) => sql.identifier(name, ROLLUP_TABLES);
/**
 * The distinct users a period scope's days gain or lose: each user's events of the day (every model,
 * and for every account together every account) before this statement, read from the day user
 * table of the days the deltas touch, against the same plus the deltas.
 */
function dayUsers(scope: Scope): SqlFragment {
  if (!scope.dayUsers) return sql.empty;
  const { table: name, dayKeys, periodKeys, match, order = sql.empty } = scope.dayUsers;
  return sql`
    ${cte(scope, 'day_user_delta')} AS (
      SELECT ${dayKeys}, user_key, sum(events) AS events FROM base_users WHERE ${scope.filter} GROUP BY ${dayKeys}, user_key
    ),
    ${cte(scope, 'day_user_before')} AS (
      SELECT ${dayKeys}, t.user_key, sum(t.events) AS events
      FROM (SELECT DISTINCT ${dayKeys} FROM ${cte(scope, 'day_user_delta')}) touched
        CROSS JOIN LATERAL (SELECT user_key, events FROM ${table(name)} t WHERE ${match} ${order} OFFSET 0) t -- by its key, never a scan
      GROUP BY ${dayKeys}, t.user_key
    ),
    ${cte(scope, 'day_users')} AS (
      SELECT ${periodKeys}, sum(
        (CASE WHEN coalesce(b.events, 0) + d.events > 0 THEN 1 ELSE 0 END) - (CASE WHEN b.events > 0 THEN 1 ELSE 0 END))::int AS users
      FROM ${cte(scope, 'day_user_delta')} d LEFT JOIN ${cte(scope, 'day_user_before')} b USING (${dayKeys}, user_key)
      GROUP BY ${dayKeys}
    ),`;
}

const cte = (scope: Scope, part: string) =>
  sql.identifier(`${scope.name}_${part}`, SCOPES.map((s) => `${s.name}_${part}`));
const from = (scope: Scope, part: '' | '_users' | '_buckets') =>
  sql.identifier(`${scope.source}${part}`, ['base', 'base_users', 'base_buckets', 'base_period', 'base_period_users', 'base_period_buckets']);

/** The columns of a delta, as the claim returns them. */
const DELTA_COLUMNS = sql`workspace_id, account_id, day, model, in_workspace, events, generations, failures,
  video_seconds, gpu_seconds, cost_usd, user_keys, user_events, render_buckets, render_counts`;

/**
 * The CTEs applying the summed deltas to one scope's rollups. User rows count their events, so a
 * re-attribution can take users away: a user row going above zero adds a distinct user to its row,
 * one going down to zero (or below, until its positive delta arrives) takes one away. Sums stay
 * numeric until the scope casts them, so a figure out of range fails in the scopes it reaches only.
 */
function applyScope(scope: Scope, size: number): SqlFragment {
  const { keys, filter } = scope;
  return sql`${dayUsers(scope)}
    ${cte(scope, 'user_delta')} AS (
      SELECT ${keys}, user_key, sum(events)::bigint AS events FROM ${from(scope, '_users')}
      WHERE ${filter} GROUP BY ${keys}, user_key
    ),
    ${cte(scope, 'user')} AS (
      INSERT INTO ${table(scope.user)} AS u (${keys}, user_key, events) SELECT * FROM ${cte(scope, 'user_delta')}
      ON CONFLICT (${keys}, user_key) DO UPDATE SET events = u.events + EXCLUDED.events
      RETURNING ${keys}, user_key, events
    ),
    ${cte(scope, 'users')} AS (
      SELECT ${keys},
        sum((CASE WHEN n.events > 0 THEN 1 ELSE 0 END) - (CASE WHEN n.events - d.events > 0 THEN 1 ELSE 0 END))::int AS users
      FROM ${cte(scope, 'user')} n JOIN ${cte(scope, 'user_delta')} d USING (${keys}, user_key) GROUP BY ${keys}
      ${scope.dayUsers ? sql`UNION ALL SELECT * FROM ${cte(scope, 'day_users')}` : sql.empty}
    ),
    ${cte(scope, 'histogram')} AS (
      SELECT ${keys}, usage_histogram_dense(array_agg(bucket), array_agg(count), ${size}::int) AS render_histogram
      FROM (SELECT ${keys}, bucket, sum(count)::bigint AS count FROM ${from(scope, '_buckets')}
            WHERE ${filter} GROUP BY ${keys}, bucket) AS b
      GROUP BY ${keys}
    ),
    ${cte(scope, 'delta')} AS (
      SELECT ${keys}, sum(events)::bigint AS events, sum(generations)::bigint AS generations,
        sum(failures)::bigint AS failures, sum(video_seconds) AS video_seconds, sum(gpu_seconds) AS gpu_seconds,
        sum(cost_usd) AS cost_usd
      FROM ${from(scope, '')} WHERE ${filter} GROUP BY ${keys}
    ),
    ${cte(scope, 'rows')} AS (
      INSERT INTO ${table(scope.day)} AS r (${keys}, events, generations, failures, video_seconds, gpu_seconds, cost_usd,
        distinct_users, render_histogram, updated_at)
      SELECT ${keys}, d.events, d.generations, d.failures, d.video_seconds, d.gpu_seconds, d.cost_usd,
        coalesce(u.users, 0), usage_histogram_add(array_fill(0, ARRAY[${size}::int]), h.render_histogram), now()
      FROM ${cte(scope, 'delta')} d LEFT JOIN ${cte(scope, 'users')} u USING (${keys})
        LEFT JOIN ${cte(scope, 'histogram')} h USING (${keys})
      ON CONFLICT (${keys}) DO UPDATE SET
        events = r.events + EXCLUDED.events,
        generations = r.generations + EXCLUDED.generations,
        failures = r.failures + EXCLUDED.failures,
        video_seconds = r.video_seconds + EXCLUDED.video_seconds,
        gpu_seconds = r.gpu_seconds + EXCLUDED.gpu_seconds,
        cost_usd = r.cost_usd + EXCLUDED.cost_usd,
        distinct_users = r.distinct_users + EXCLUDED.distinct_users,
        render_histogram = usage_histogram_add(r.render_histogram, EXCLUDED.render_histogram),
        updated_at = EXCLUDED.updated_at
      RETURNING 1
    )`;
}

/**
 * Applies the deltas `claimed` selects to `scopes`, in one statement, set-based: the deltas are
 * summed once per account, day and model (their users and render buckets unnested and summed per
 * user and bucket), then once per period grain, and every scope reads those sums.
 */
function applyDeltas(
  claimed: SqlFragment,
  scopes: Scope[],
  size: number,
  result: SqlFragment = sql`SELECT ${takenAway(sql`claimed`)}`,
): SqlFragment {
  const periodKeys = sql`b.workspace_id, b.account_id, grains.grain, usage_period_start(grains.grain, b.day) AS day, b.in_workspace`;
  return sql`
    WITH claimed AS (${claimed}),
    base AS (
      SELECT workspace_id, account_id, day, model, in_workspace, sum(events) AS events, sum(generations) AS generations,
        sum(failures) AS failures, sum(video_seconds) AS video_seconds, sum(gpu_seconds) AS gpu_seconds,
        sum(cost_usd) AS cost_usd
      FROM claimed GROUP BY 1, 2, 3, 4, 5
    ),
    base_users AS (
      SELECT c.workspace_id, c.account_id, c.day, c.model, c.in_workspace, u.user_key, sum(u.events) AS events
      FROM claimed c CROSS JOIN LATERAL unnest(c.user_keys, c.user_events) AS u(user_key, events)
      GROUP BY 1, 2, 3, 4, 5, 6
    ),
    base_buckets AS (
      SELECT c.workspace_id, c.account_id, c.day, c.model, c.in_workspace, h.bucket, sum(h.count) AS count
      FROM claimed c CROSS JOIN LATERAL unnest(c.render_buckets, c.render_counts) AS h(bucket, count)
      GROUP BY 1, 2, 3, 4, 5, 6
    ),
    base_period AS (
      SELECT ${periodKeys}, b.events, b.generations, b.failures, b.video_seconds, b.gpu_seconds, b.cost_usd
      FROM base b CROSS JOIN ${PERIOD_GRAINS}
    ),
    base_period_users AS (SELECT ${periodKeys}, b.user_key, b.events FROM base_users b CROSS JOIN ${USER_PERIOD_GRAINS}),
    base_period_buckets AS (SELECT ${periodKeys}, b.bucket, b.count FROM base_buckets b CROSS JOIN ${PERIOD_GRAINS}),
    ${sql.join(scopes.map((scope) => applyScope(scope, size)))}
    ${result}`;
}

/**
 * Claims up to `limit` batches' pending identity counts (event count, first and last seen of each
 * identity, appended by ingestion) and adds them to their generator identities: CTEs
 * `identity_claimed`, `identity_counted`, `identity_updated`.
 */
const identityCounts = (limit: number) => sql`
  identity_claimed AS (
    DELETE FROM generator_identity_pending
    WHERE id = ANY(ARRAY(SELECT id FROM generator_identity_pending ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED))
    RETURNING workspace_id, identity_ids, event_counts, first_seen_ats, last_seen_ats
  ),
  identity_counted AS (
    SELECT c.workspace_id, i.identity_id, sum(i.events)::bigint AS events, min(i.first_seen) AS first_seen,
      max(i.last_seen) AS last_seen
    FROM identity_claimed c
      CROSS JOIN LATERAL unnest(c.identity_ids, c.event_counts, c.first_seen_ats, c.last_seen_ats)
        AS i(identity_id, events, first_seen, last_seen)
    GROUP BY c.workspace_id, i.identity_id
  ),
  identity_updated AS (
    UPDATE generator_identity g SET event_count = g.event_count + c.events,
      first_seen_at = LEAST(g.first_seen_at, c.first_seen), last_seen_at = GREATEST(g.last_seen_at, c.last_seen)
    FROM identity_counted c WHERE g.workspace_id = c.workspace_id AND g.id = c.identity_id
    RETURNING 1
  )`;

/** Raises the data version of workspaces `workspaceIds` (cached dashboard answers of theirs are stale). */
const raiseVersions = (workspaceIds: SqlFragment) => sql`
  INSERT INTO dashboard_data_version AS v (workspace_id)
  SELECT DISTINCT workspace_id FROM ${workspaceIds} ORDER BY 1
  ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1`;

const EXAMPLE_IDS = ['1', '2'];

/** An empty rollup row `r`: what a re-attribution leaves behind, and a rebuild would not write. */
const EMPTY_ROW = sql`r.events = 0 AND r.generations = 0 AND r.failures = 0 AND r.distinct_users = 0 AND r.cost_usd = 0
  AND 0 = ALL (r.render_histogram)`;

/** Where deltas took figures away (a re-attribution): one entry per delta, the account null for none. */
export interface TakenAway {
  workspaceIds: string[];
  accountIds: (string | null)[];
  days: string[];
}

/** The `TakenAway` columns of deltas `from` (text, as the driver reads arrays of text). */
const takenAway = (from: SqlFragment) => sql`
  coalesce(array_agg(workspace_id::text) FILTER (WHERE events < 0), '{}') AS "workspaceIds",
  coalesce(array_agg(account_id::text) FILTER (WHERE events < 0), '{}') AS "accountIds",
  coalesce(array_agg(day::text) FILTER (WHERE events < 0), '{}') AS days
  FROM ${from}`;

export const rollupWorkerSql = sqlStatements('telemetry.rollup-worker', {
  /**
   * The worker's usual turn in one statement: claims the oldest `limit` pending deltas and `limit`
   * identity counts, applies them to every rollup table and identity, deletes them and raises the
   * touched workspaces' data versions. A delta that cannot be applied fails the whole statement:
   * the worker then applies the same deltas again one step at a time (`claim`, `apply`), isolating it.
   */
  claimAndApply: {
    acrossWorkspaces: UPKEEP,
    examples: [[5000, 27]],
    build: (limit: number, size: number) =>
      applyDeltas(
        sql`DELETE FROM usage_rollup_pending
          WHERE id = ANY(ARRAY(SELECT id FROM usage_rollup_pending ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED))
          RETURNING ${DELTA_COLUMNS}`,
        SCOPES,
        size,
        sql`, ${identityCounts(limit)},
        versions AS (${raiseVersions(sql`claimed`)} RETURNING 1)
        SELECT count(*)::int AS deltas, (SELECT count(*)::int FROM identity_claimed) AS identities, ${takenAway(sql`claimed`)}`,
      ),
  },
  /** The oldest pending deltas, locked for this transaction (another claimer skips them). */
  claim: {
    acrossWorkspaces: UPKEEP,
    examples: [[5000]],
    build: (limit: number) =>
      sql`SELECT id, workspace_id FROM usage_rollup_pending ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
  },
  /** Applies the pending deltas `ids` to every rollup table and deletes them, in one statement. */
  apply: {
    acrossWorkspaces: UPKEEP,
    examples: [[EXAMPLE_IDS, 27]],
    build: (ids: string[], size: number) =>
      applyDeltas(
        sql`DELETE FROM usage_rollup_pending WHERE id = ANY(${ids}::bigint[]) RETURNING ${DELTA_COLUMNS}`,
        SCOPES,
        size,
      ),
  },
  /** Applies deltas `ids` to one scope without deleting them: run and rolled back to find what fails. */
  tryScope: {
    acrossWorkspaces: UPKEEP,
    examples: [[0, EXAMPLE_IDS, 27]],
    build: (scope: number, ids: string[], size: number) =>
      applyDeltas(
        sql`SELECT ${DELTA_COLUMNS} FROM usage_rollup_pending WHERE id = ANY(${ids}::bigint[])`,
        [SCOPES[scope]],
        size,
      ),
  },
  /** Moves delta `id` to the quarantine with its error. */
  quarantine: {
    acrossWorkspaces: UPKEEP,
    examples: [['1', 'usage_rollup_workspace_day: bigint out of range']],
    build: (id: string, error: string) => sql`
      WITH moved AS (DELETE FROM usage_rollup_pending WHERE id = ${id} RETURNING *)
      INSERT INTO usage_rollup_quarantine (id, ${DELTA_COLUMNS}, created_at, error)
      SELECT id, ${DELTA_COLUMNS}, created_at, ${error} FROM moved
      RETURNING workspace_id AS "workspaceId", to_char(day, 'YYYY-MM-DD') AS day`,
  },
  /**
   * Rows a re-attribution emptied: gone, as a rebuild would not write them. Only deltas taking
   * figures away empty rows, so only the rows of their workspaces, accounts and days (and those
   * days' periods) are looked at, by their keys.
   */
  dropEmpty: {
    acrossWorkspaces: UPKEEP,
    examples: [[{ workspaceIds: ['00000000-0000-4000-8000-0000000000a1'], accountIds: [null], days: ['2026-01-15'] }]],
    build: ({ workspaceIds, accountIds, days }: TakenAway) => sql`
      WITH taken AS (
        SELECT DISTINCT * FROM unnest(${workspaceIds}::uuid[], ${accountIds}::uuid[], ${days}::date[]) AS t(workspace_id, account_id, day)
      ),
      periods AS (
        SELECT DISTINCT t.workspace_id, t.account_id, grains.grain, usage_period_start(grains.grain, t.day) AS day
        FROM taken t CROSS JOIN ${PERIOD_GRAINS}
      ),
      account_users AS (DELETE FROM usage_rollup_account_user r USING taken t
        WHERE (r.workspace_id, r.account_id, r.day) = (t.workspace_id, t.account_id, t.day) AND r.events = 0),
      workspace_users AS (DELETE FROM usage_rollup_workspace_user r USING taken t
        WHERE (r.workspace_id, r.day) = (t.workspace_id, t.day) AND r.events = 0),
      account_days AS (DELETE FROM usage_rollup_account_day r USING taken t
        WHERE (r.workspace_id, r.account_id, r.day) = (t.workspace_id, t.account_id, t.day) AND ${EMPTY_ROW}),
      workspace_days AS (DELETE FROM usage_rollup_workspace_day r USING taken t
        WHERE (r.workspace_id, r.day) = (t.workspace_id, t.day) AND ${EMPTY_ROW}),
      account_period_users AS (DELETE FROM usage_rollup_account_period_user r USING periods p
        WHERE (r.workspace_id, r.account_id, r.grain, r.day) = (p.workspace_id, p.account_id, p.grain, p.day) AND r.events = 0),
      workspace_period_users AS (DELETE FROM usage_rollup_workspace_period_user r USING periods p
        WHERE (r.workspace_id, r.grain, r.day) = (p.workspace_id, p.grain, p.day) AND r.events = 0),
      attributed_period_users AS (DELETE FROM usage_rollup_attributed_period_user r USING periods p
        WHERE (r.workspace_id, r.grain, r.day) = (p.workspace_id, p.grain, p.day) AND r.events = 0),
      account_periods AS (DELETE FROM usage_rollup_account_period r USING periods p
        WHERE (r.workspace_id, r.account_id, r.grain, r.day) = (p.workspace_id, p.account_id, p.grain, p.day) AND ${EMPTY_ROW}),
      workspace_periods AS (DELETE FROM usage_rollup_workspace_period r USING periods p
        WHERE (r.workspace_id, r.grain, r.day) = (p.workspace_id, p.grain, p.day) AND ${EMPTY_ROW}),
      attributed_periods AS (DELETE FROM usage_rollup_attributed_period r USING periods p
        WHERE (r.workspace_id, r.grain, r.day) = (p.workspace_id, p.grain, p.day) AND ${EMPTY_ROW})
      SELECT 1`,
  },
  /**
   * Adds up to `limit` batches' pending identity counts (event count, first and last seen, appended
   * by ingestion) to their generator identities and deletes them, in one statement.
   */
  applyIdentityCounts: {
    acrossWorkspaces: UPKEEP,
    examples: [[5000]],
    build: (limit: number) => sql`
      WITH ${identityCounts(limit)}
      SELECT count(*)::int AS claimed FROM identity_claimed`,
  },
  /**
   * Raises the data version of the workspaces whose rollups changed (cached dashboard answers of
   * theirs are stale): the transaction's last statement, so the version rows are locked only while
   * it commits.
   */
  raiseDataVersions: {
    acrossWorkspaces: UPKEEP,
    examples: [[['00000000-0000-4000-8000-0000000000a1']]],
    build: (workspaceIds: string[]) => raiseVersions(sql`unnest(${workspaceIds}::uuid[]) AS w(workspace_id)`),
  },
  savepoint: { acrossWorkspaces: UPKEEP, examples: [[]], build: () => sql`SAVEPOINT rollup_delta` },
  releaseSavepoint: { acrossWorkspaces: UPKEEP, examples: [[]], build: () => sql`RELEASE SAVEPOINT rollup_delta` },
  rollbackToSavepoint: {
    acrossWorkspaces: UPKEEP,
    examples: [[]],
    build: () => sql`ROLLBACK TO SAVEPOINT rollup_delta`,
  },
});
