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
