import { sql, SqlFragment } from '@greenlight/identity';
import { RENDER_BUCKETS, renderBucket } from './render-histogram';

/**
 * SQL shared by everything that turns usage events into rollup figures (ingestion, re-attribution,
 * rebuild), so that a delta and a recomputation always agree.
 */

/**
 * The advisory lock held by whoever applies pending deltas to the rollups (the worker, for one
 * transaction) or rewrites them (a rebuild, for one workspace): one at a time across processes.
 */
export const ROLLUP_LOCK = 'greenlight.usage_rollups';

/**
 * The grouping facts of a usage event row (columns without a qualifier, as in a RETURNING list):
 * its UTC day, model (`''` for none), user key (the email, `''` for none) and render bucket (1-based,
 * NULL without a render time).
 */
export const EVENT_FACTS = sql`(occurred_at AT TIME ZONE 'UTC')::date AS day, coalesce(model, '') AS model,
  coalesce(user_email, '') AS user_key, ${renderBucket(sql`properties`)} AS bucket`;

/** Per-bucket sums of event rows carrying `EVENT_FACTS` and their own columns, by `keys`. */
export function bucketSums(keys: SqlFragment, from: SqlFragment): SqlFragment {
  return sql`SELECT ${keys}, bucket, count(*) AS events,
      count(*) FILTER (WHERE kind = 'generation.completed') AS generations,
      count(*) FILTER (WHERE kind = 'generation.failed') AS failures,
      coalesce(sum(video_seconds), 0) AS video_seconds, coalesce(sum(gpu_seconds), 0) AS gpu_seconds,
      coalesce(sum(cost_usd), 0) AS cost_usd
    FROM ${from} GROUP BY ${keys}, bucket`;
}

/**
 * Rows of `bucketSums` (by `groups`, `user_key` and bucket) folded into one rollup delta per group:
 * the sums, the users with their event counts (`user_keys`, `user_events`) and the sparse render
 * histogram (`render_buckets`, `render_counts`). A user or bucket may appear more than once in a
 * delta; the worker sums them. `sign` is `-` to take the figures away.
 */
export function foldDeltas(groups: SqlFragment, from: SqlFragment, sign: '' | '-' = ''): SqlFragment {
  const minus = sign === '-' ? sql`-` : sql.empty;
  return sql`SELECT ${groups}, ${minus}sum(events)::bigint AS events, ${minus}sum(generations)::bigint AS generations,
      ${minus}sum(failures)::bigint AS failures, ${minus}sum(video_seconds) AS video_seconds,
      ${minus}sum(gpu_seconds) AS gpu_seconds, ${minus}sum(cost_usd) AS cost_usd,
      coalesce(array_agg(user_key) FILTER (WHERE user_key <> ''), '{}') AS user_keys,
      coalesce(array_agg((${minus}events)::bigint) FILTER (WHERE user_key <> ''), '{}') AS user_events,
      coalesce(array_agg(bucket) FILTER (WHERE bucket IS NOT NULL), '{}') AS render_buckets,
      coalesce(array_agg((${minus}events)::bigint) FILTER (WHERE bucket IS NOT NULL), '{}') AS render_counts
    FROM ${from} GROUP BY ${groups}`;
}

/** The columns of `usage_rollup_pending` that a delta fills. */
export const PENDING_COLUMNS = sql`workspace_id, account_id, day, model, in_workspace, events, generations, failures,
  video_seconds, gpu_seconds, cost_usd, user_keys, user_events, render_buckets, render_counts`;

/**
 * Appends the folded deltas of `from` (columns account_id, day, model, the figures and the arrays of
 * `foldDeltas`) to the pending table of the current workspace; `inWorkspace` says whether the
 * workspace rollups count them (not for re-attributions: those events are counted there already).
 */
export function appendPending(from: SqlFragment, inWorkspace: boolean): SqlFragment {
  return sql`INSERT INTO usage_rollup_pending (${PENDING_COLUMNS})
    SELECT ${sql.workspace}, account_id, day, model, ${inWorkspace}, events, generations, failures,
      video_seconds, gpu_seconds, cost_usd, user_keys, user_events, render_buckets, render_counts
    FROM ${from}`;
}

/** Rows of `bucketSums` folded by `keys` into rollup figures, the render histogram dense (or NULL). */
export function foldFigures(keys: SqlFragment, from: SqlFragment): SqlFragment {
  return sql`SELECT ${keys}, sum(events)::bigint AS events, sum(generations)::bigint AS generations,
      sum(failures)::bigint AS failures, sum(video_seconds) AS video_seconds, sum(gpu_seconds) AS gpu_seconds,
      sum(cost_usd) AS cost_usd,
      usage_histogram_dense(array_agg(bucket) FILTER (WHERE bucket IS NOT NULL),
        array_agg(events::bigint) FILTER (WHERE bucket IS NOT NULL), ${RENDER_BUCKETS}::int) AS render_histogram
    FROM ${from} GROUP BY ${keys}`;
}

/** A histogram (or NULL) as the dense array a rollup row holds. */
export function fullHistogram(histogram: SqlFragment): SqlFragment {
  return sql`usage_histogram_add(array_fill(0, ARRAY[${RENDER_BUCKETS}::int]), ${histogram})`;
}

/** The periods every day rolls up into besides itself with its model: `usage_period_start` grains. */
export const PERIOD_GRAINS = sql`(VALUES ('day'), ('week'), ('month')) AS grains(grain)`;

/** The grains the period user tables keep: a day's users are the day user tables' rows. */
export const USER_PERIOD_GRAINS = sql`(VALUES ('week'), ('month')) AS grains(grain)`;

/** Whose users: one account's, the workspace's, or every account's together. */
export type PeriodUserTarget = 'account' | 'workspace' | 'attributed';

/**
 * The users of a target's periods, as rows (`workspace_id`, `account_id` for accounts, `grain`, `day`,
 * `user_key`, `events`): a week's or month's from its period user table (one row per user), a day's
 * from the day user table (one row per user and model). Distinct users are distinct `user_key`s; a
 * user's events in a period are the sum of its rows.
 */
export function periodUsers(target: PeriodUserTarget): SqlFragment {
  if (target === 'account')
    return sql`(SELECT workspace_id, account_id, grain, day, user_key, events FROM usage_rollup_account_period_user
      UNION ALL
      SELECT workspace_id, account_id, 'day'::text, day, user_key, events FROM usage_rollup_account_user)`;
  if (target === 'workspace')
    return sql`(SELECT workspace_id, grain, day, user_key, events FROM usage_rollup_workspace_period_user
      UNION ALL
      SELECT workspace_id, 'day'::text, day, user_key, events FROM usage_rollup_workspace_user)`;
  return sql`(SELECT workspace_id, grain, day, user_key, events FROM usage_rollup_attributed_period_user
      UNION ALL
      SELECT workspace_id, 'day'::text, day, user_key, events FROM usage_rollup_account_user)`;
}

const PERIOD_SCOPES = [
  { target: 'account', source: 'account', keys: sql`workspace_id, account_id, grain, day`, key: sql`r.workspace_id AS workspace_id, r.account_id AS account_id, grains.grain AS grain, usage_period_start(grains.grain, r.day) AS day`, positions: sql`1, 2, 3, 4` },
  { target: 'workspace', source: 'workspace', keys: sql`workspace_id, grain, day`, key: sql`r.workspace_id AS workspace_id, grains.grain AS grain, usage_period_start(grains.grain, r.day) AS day`, positions: sql`1, 2, 3` },
  { target: 'attributed', source: 'account', keys: sql`workspace_id, grain, day`, key: sql`r.workspace_id AS workspace_id, grains.grain AS grain, usage_period_start(grains.grain, r.day) AS day`, positions: sql`1, 2, 3` },
] as const;

const rollupTable = (name: string) =>
  sql.identifier(name, [
    'usage_rollup_account_day',
    'usage_rollup_workspace_day',
    'usage_rollup_account_user',
    'usage_rollup_workspace_user',
    'usage_rollup_account_period',
    'usage_rollup_workspace_period',
    'usage_rollup_attributed_period',
    'usage_rollup_account_period_user',
    'usage_rollup_workspace_period_user',
    'usage_rollup_attributed_period_user',
  ]);

/**
 * Statements that rewrite the current workspace's period rollups for every period touching the days
 * [from, to) (possibly infinite) from its day rollups, which must be complete for those periods:
 * the same rows the worker keeps incrementally.
 */
export function periodRollupsFromDays(from: string, to: string): SqlFragment[] {
  // periods starting in [usage_period_start(grain, from), to); the days they hold
  const periods = sql`grain IN ('day', 'week', 'month') AND day >= usage_period_start(grain, ${from}::date)
    AND day < ${to}::date`;
  const days = sql`r.day >= usage_period_start(grains.grain, ${from}::date)
    AND usage_period_start(grains.grain, r.day) < ${to}::date`;
  const statements = PERIOD_SCOPES.flatMap(({ target }) => [
    sql`DELETE FROM ${rollupTable(`usage_rollup_${target}_period_user`)} WHERE workspace_id = ${sql.workspace} AND ${periods}`,
    sql`DELETE FROM ${rollupTable(`usage_rollup_${target}_period`)} WHERE workspace_id = ${sql.workspace} AND ${periods}`,
  ]);
  for (const { target, source, keys, key, positions } of PERIOD_SCOPES) {
    statements.push(
      sql`INSERT INTO ${rollupTable(`usage_rollup_${target}_period_user`)} (${keys}, user_key, events)
        SELECT ${key}, r.user_key, sum(r.events) FROM ${rollupTable(`usage_rollup_${source}_user`)} r CROSS JOIN ${USER_PERIOD_GRAINS}
        WHERE r.workspace_id = ${sql.workspace} AND ${days} GROUP BY ${positions}, r.user_key`,
      sql`INSERT INTO ${rollupTable(`usage_rollup_${target}_period`)} (${keys}, events, generations, failures, video_seconds,
          gpu_seconds, cost_usd, render_histogram, distinct_users)
        SELECT s.*, coalesce(n.users, 0) FROM (
          SELECT ${key}, sum(r.events) AS events, sum(r.generations) AS generations, sum(r.failures) AS failures,
            sum(r.video_seconds) AS video_seconds, sum(r.gpu_seconds) AS gpu_seconds, sum(r.cost_usd) AS cost_usd,
            usage_histogram_sum(r.render_histogram) AS render_histogram
          FROM ${rollupTable(`usage_rollup_${source}_day`)} r CROSS JOIN ${PERIOD_GRAINS}
          WHERE r.workspace_id = ${sql.workspace} AND ${days} GROUP BY ${positions}) s
        LEFT JOIN (SELECT ${keys}, count(*)::int AS users FROM (
                     SELECT ${keys}, user_key FROM ${periodUsers(target)} u WHERE workspace_id = ${sql.workspace} AND ${periods}
                     GROUP BY ${keys}, user_key HAVING sum(events) > 0) x
                   GROUP BY ${keys}) n USING (${keys})`,
    );
  }
  return statements;
}
