import { RENDER_BUCKET_EDGES, RENDER_BUCKETS, renderBucketSql } from './render-histogram';

/**
 * SQL shared by everything that turns usage events into rollup figures (ingestion, re-attribution,
 * rebuild), so that a delta and a recomputation always agree.
 */

/**
 * The advisory lock held by whoever applies pending deltas to the rollups (the worker, for one
 * transaction) or rewrites them (a rebuild, for one workspace): one at a time across processes.
 */
export const ROLLUP_LOCK = 'greenlight.usage_rollups';

/** The parameters every statement using these fragments passes: the bucket edges and their count. */
export const histogramParameters = (): [number[], number] => [[...RENDER_BUCKET_EDGES], RENDER_BUCKETS];

/**
 * The grouping facts of a usage event row (columns without a qualifier, as in a RETURNING list):
 * its UTC day, model (`''` for none), user key (the email, `''` for none) and render bucket (1-based,
 * NULL without a render time). `edges` is the parameter holding RENDER_BUCKET_EDGES.
 */
export function eventFactsSql(edges: string): string {
  return `(occurred_at AT TIME ZONE 'UTC')::date AS day, coalesce(model, '') AS model,
          coalesce(user_email, '') AS user_key, ${renderBucketSql('properties', edges)} AS bucket`;
}

/** Per-bucket sums of event rows carrying `eventFactsSql` and their own columns, by `keys`. */
export function bucketSumsSql(keys: string, from: string): string {
  return `SELECT ${keys}, bucket, count(*) AS events,
            count(*) FILTER (WHERE kind = 'generation.completed') AS generations,
            count(*) FILTER (WHERE kind = 'generation.failed') AS failures,
            coalesce(sum(video_seconds), 0) AS video_seconds, coalesce(sum(gpu_seconds), 0) AS gpu_seconds,
            coalesce(sum(cost_usd), 0) AS cost_usd
          FROM ${from} GROUP BY ${keys}, bucket`;
}

/**
 * Rows of `bucketSumsSql` folded by `keys`: the sums, and the render histogram as a dense array of
 * `size` buckets (NULL when no event had a render time). `sign` is `-` to take the figures away.
 */
export function foldBucketsSql(keys: string, from: string, size: string, sign: '' | '-' = ''): string {
  return `SELECT ${keys}, ${sign}sum(events)::bigint AS events, ${sign}sum(generations)::bigint AS generations,
            ${sign}sum(failures)::bigint AS failures, ${sign}sum(video_seconds) AS video_seconds,
            ${sign}sum(gpu_seconds) AS gpu_seconds, ${sign}sum(cost_usd) AS cost_usd,
            usage_histogram_dense(array_agg(bucket) FILTER (WHERE bucket IS NOT NULL),
              array_agg((${sign}events)::bigint) FILTER (WHERE bucket IS NOT NULL), ${size}::int) AS render_histogram
          FROM ${from} GROUP BY ${keys}`;
}

/** A histogram (or NULL) as the dense array of `size` buckets a rollup row holds. */
export function fullHistogramSql(histogram: string, size: string): string {
  return `usage_histogram_add(array_fill(0, ARRAY[${size}::int]), ${histogram})`;
}

/** The columns of `usage_rollup_pending` that a delta fills, in the order `foldBucketsSql` gives them. */
export const PENDING_COLUMNS = `workspace_id, account_id, day, model, user_key, in_workspace,
  events, generations, failures, video_seconds, gpu_seconds, cost_usd, render_histogram`;

/**
 * Appends the folded deltas of `from` (columns account_id, day, model, user_key and the figures) to
 * the pending table for workspace `workspace`; `inWorkspace` says whether the workspace rollups
 * count them (not for re-attributions: those events are counted there already).
 */
export function appendPendingSql(workspace: string, from: string, inWorkspace: boolean): string {
  return `INSERT INTO usage_rollup_pending (${PENDING_COLUMNS})
          SELECT ${workspace}, account_id, day, model, user_key, ${inWorkspace}, events, generations, failures,
            video_seconds, gpu_seconds, cost_usd, render_histogram
          FROM ${from}`;
}

/** The periods every day rolls up into besides itself with its model: `usage_period_start` grains. */
export const PERIOD_GRAINS = `(VALUES ('day'), ('week'), ('month')) AS grains(grain)`;

/**
 * Statements that rewrite the period rollups of workspace $1 for every period touching the days
 * [$2, $3) (dates, possibly infinite) from its day rollups, which must be complete for those periods:
 * the same rows the worker keeps incrementally.
 */
export function periodRollupsFromDaysSql(): string[] {
  // periods starting in [usage_period_start(grain, $2), $3); the days they hold
  const periods = `grain IN ('day', 'week', 'month') AND day >= usage_period_start(grain, $2::date) AND day < $3::date`;
  const days = `r.day >= usage_period_start(grains.grain, $2::date) AND usage_period_start(grains.grain, r.day) < $3::date`;
  const scopes = [
    { target: 'account', source: 'account', keys: 'workspace_id, account_id, grain, day', positions: '1, 2, 3, 4' },
    { target: 'workspace', source: 'workspace', keys: 'workspace_id, grain, day', positions: '1, 2, 3' },
    { target: 'attributed', source: 'account', keys: 'workspace_id, grain, day', positions: '1, 2, 3' },
  ];
  const statements = scopes.flatMap(({ target }) => [
    `DELETE FROM usage_rollup_${target}_period_user WHERE workspace_id = $1 AND ${periods}`,
    `DELETE FROM usage_rollup_${target}_period WHERE workspace_id = $1 AND ${periods}`,
  ]);
  for (const { target, source, keys, positions } of scopes) {
    const key = keys
      .replace('grain, day', 'grains.grain AS grain, usage_period_start(grains.grain, r.day) AS day')
      .replace(/(workspace_id|account_id)/g, 'r.$1 AS $1');
    statements.push(
      `INSERT INTO usage_rollup_${target}_period_user (${keys}, user_key, events)
       SELECT ${key}, r.user_key, sum(r.events) FROM usage_rollup_${source}_user r CROSS JOIN ${PERIOD_GRAINS}
       WHERE r.workspace_id = $1 AND ${days} GROUP BY ${positions}, r.user_key`,
      `INSERT INTO usage_rollup_${target}_period (${keys}, events, generations, failures, video_seconds, gpu_seconds,
         cost_usd, render_histogram, distinct_users)
       SELECT s.*, coalesce(n.users, 0) FROM (
         SELECT ${key}, sum(r.events) AS events, sum(r.generations) AS generations, sum(r.failures) AS failures,
           sum(r.video_seconds) AS video_seconds, sum(r.gpu_seconds) AS gpu_seconds, sum(r.cost_usd) AS cost_usd,
           usage_histogram_sum(r.render_histogram) AS render_histogram
         FROM usage_rollup_${source}_day r CROSS JOIN ${PERIOD_GRAINS}
         WHERE r.workspace_id = $1 AND ${days} GROUP BY ${positions}) s
       LEFT JOIN (SELECT ${keys}, count(*)::int AS users FROM usage_rollup_${target}_period_user
                  WHERE workspace_id = $1 AND ${periods} GROUP BY ${keys}) n USING (${keys})`,
    );
  }
  return statements;
}
