import { sql, SqlFragment } from '@greenlight/identity';

/**
 * Lower edges, in seconds, of the render-time histogram kept in every rollup row: bucket `i` (0-based)
 * holds the render times in `[RENDER_BUCKET_EDGES[i], RENDER_BUCKET_EDGES[i + 1])`, the last one
 * everything from 4096 s (about 68 minutes) up. The edges are log-spaced, alternately ×1.5 and ×4/3
 * (so about ×√2 each), and exact in binary. Fixed: rollups written with other edges could not be
 * added together.
 */
export const RENDER_BUCKET_EDGES: readonly number[] = Object.freeze([
  0, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048,
  3072, 4096,
]);

/** The number of buckets (= edges) of a render-time histogram. */
export const RENDER_BUCKETS = RENDER_BUCKET_EDGES.length;

/**
 * SQL for the 1-based bucket of an event's render time, or NULL without one, from its `properties`
 * column: bucket `i + 1` holds `[edges[i], edges[i + 1])`; only a non-negative number counts as a
 * render time.
 */
export function renderBucket(properties: SqlFragment, edges: readonly number[] = RENDER_BUCKET_EDGES): SqlFragment {
  return sql`CASE WHEN jsonb_typeof(${properties} -> 'renderSeconds') = 'number'
            AND (${properties} ->> 'renderSeconds')::float8 >= 0
          THEN width_bucket((${properties} ->> 'renderSeconds')::float8, ${[...edges]}::float8[]) END`;
}

/**
 * The median render time estimated from a histogram: the bucket holding the middle rank, with linear
 * interpolation inside it (the open last bucket answers its lower edge). Null when it counts nothing.
 */
export function medianFromHistogram(
  histogram: readonly number[] | null | undefined,
  edges: readonly number[] = RENDER_BUCKET_EDGES,
): number | null {
  if (!histogram) return null;
  const total = histogram.reduce((sum, count) => sum + Math.max(0, count), 0);
  if (total <= 0) return null;
  const middle = total / 2;
  let below = 0;
  for (let bucket = 0; bucket < histogram.length; bucket++) {
    const count = Math.max(0, histogram[bucket]);
    if (count > 0 && below + count >= middle) {
      const low = edges[bucket] ?? edges[edges.length - 1];
      const high = edges[bucket + 1];
      if (high === undefined) return low;
      return low + ((middle - below) / count) * (high - low);
    }
    below += count;
  }
  return null;
}
