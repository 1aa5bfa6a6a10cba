import { sql, SqlFragment, sqlStatements } from '@greenlight/identity';
import { appendPending, bucketSums, EVENT_FACTS, foldDeltas } from '../rollups/rollup-sql';

/** A window of an identity's events by occurred_at: after `lower` (or from it), before `upper` (or up to it). */
export interface EventWindow {
  lower: Date | null;
  /** The events at `lower` itself were moved already. */
  afterLower: boolean;
  upper: Date | null;
  /** More than a batch at one instant: up to `upper` included. */
  throughUpper: boolean;
}

function windowOf({ lower, afterLower, upper, throughUpper }: EventWindow): SqlFragment {
  return sql.and([
    lower !== null && (afterLower ? sql`occurred_at > ${lower}` : sql`occurred_at >= ${lower}`),
    upper !== null && (throughUpper ? sql`occurred_at <= ${upper}` : sql`occurred_at < ${upper}`),
  ]);
}

const EXAMPLE_ID = '00000000-0000-4000-8000-0000000000c1';
const EXAMPLE_WINDOW: EventWindow = {
  lower: new Date('2026-01-01T00:00:00Z'),
  afterLower: false,
  upper: new Date('2026-02-01T00:00:00Z'),
  throughUpper: false,
};

export const attributionSql = sqlStatements('telemetry.attribution', {
  /** The occurred_at `batch` events into the window from `lower` on: where the next window ends. */
  windowEnd: {
    examples: [[EXAMPLE_ID, { ...EXAMPLE_WINDOW, upper: null }, 5000]],
    build: (identityId: string, window: EventWindow, batch: number) => sql`
      SELECT occurred_at FROM usage_event
      WHERE workspace_id = ${sql.workspace} AND identity_id = ${identityId} AND ${windowOf(window)}
      ORDER BY occurred_at OFFSET ${batch} LIMIT 1`,
  },
  /**
   * Moves the identity's events of `window` to `accountId` and appends their rollup deltas (added to
   * the account, taken from the account they had), with the backfill's progress. Every CTE reads the
   * snapshot from before the UPDATE: `events` are the rows as they were.
   */
  moveWindow: {
    examples: [[EXAMPLE_ID, EXAMPLE_WINDOW, '00000000-0000-4000-8000-0000000000a1']],
    build: (identityId: string, window: EventWindow, accountId: string) => {
      const where = sql`workspace_id = ${sql.workspace} AND identity_id = ${identityId} AND ${windowOf(window)}`;
      return sql`
        WITH events AS (
          SELECT account_id AS old_account, kind, video_seconds, gpu_seconds, cost_usd, ${EVENT_FACTS}
          FROM usage_event WHERE ${where}
        ),
        moving AS (SELECT * FROM events WHERE old_account IS DISTINCT FROM ${accountId}::uuid),
        moved AS (
          UPDATE usage_event SET account_id = ${accountId}::uuid
          WHERE ${where} AND account_id IS DISTINCT FROM ${accountId}::uuid
          RETURNING 1
        ),
        gained AS (${bucketSums(sql`day, model, user_key`, sql`moving`)}),
        lost AS (${bucketSums(sql`old_account, day, model, user_key`, sql`moving WHERE old_account IS NOT NULL`)}),
        deltas AS (
          SELECT ${accountId}::uuid AS account_id, g.* FROM (${foldDeltas(sql`day, model`, sql`gained`)}) AS g
          UNION ALL
          SELECT l.* FROM (${foldDeltas(sql`old_account, day, model`, sql`lost`, '-')}) AS l
        ),
        pending AS (${appendPending(sql`deltas`, false)} RETURNING 1),
        progress AS (
          UPDATE generator_identity
          SET backfill_scanned = backfill_scanned + (SELECT count(*) FROM events),
              backfill_moved = backfill_moved + (SELECT count(*) FROM moved)
          WHERE id = ${identityId} AND workspace_id = ${sql.workspace}
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM events)::int AS scanned, (SELECT count(*) FROM moved)::int AS moved`;
    },
  },
  /** The account the identity has now (read under the backfill's lock before each window). */
  accountOf: {
    examples: [[EXAMPLE_ID]],
    build: (identityId: string) =>
      sql`SELECT account_id FROM generator_identity WHERE id = ${identityId} AND workspace_id = ${sql.workspace}`,
  },
  /** The backfill went through every event of the identity. */
  finishBackfill: {
    examples: [[EXAMPLE_ID]],
    build: (identityId: string) =>
      sql`UPDATE generator_identity SET backfill_finished_at = now() WHERE id = ${identityId} AND workspace_id = ${sql.workspace}`,
  },
});
