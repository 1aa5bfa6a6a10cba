import { sql, SqlFragment, sqlStatements } from '@greenlight/identity';
import {
  bucketSums,
  EVENT_FACTS,
  foldFigures,
  fullHistogram,
  PENDING_COLUMNS,
  periodRollupsFromDays,
} from '../rollups/rollup-sql';

const EXAMPLE_ID = '00000000-0000-4000-8000-0000000000a1';

/** The days [from, to) of a range, `day` a date column. */
const inDays = (from: string, to: string) => sql`day >= ${from}::date AND day < ${to}::date`;

const DAY_TABLES = [
  'usage_rollup_account_user',
  'usage_rollup_workspace_user',
  'usage_rollup_account_day',
  'usage_rollup_workspace_day',
] as const;
type DayTable = (typeof DAY_TABLES)[number];

const SCOPES = {
  account: {
    keys: sql`account_id, day, model`,
    filter: sql`account_id IS NOT NULL`,
    day: sql`usage_rollup_account_day`,
  },
  workspace: {
    keys: sql`day, model`,
    filter: sql`TRUE`,
    day: sql`usage_rollup_workspace_day`,
  },
};

export const rollupRebuildSql = sqlStatements('telemetry.rollup-rebuild', {
  workspaces: {
    acrossWorkspaces: 'a rebuild goes through every workspace, or the one named',
    examples: [[null], [EXAMPLE_ID]],
    build: (workspaceId: string | null) =>
      sql`SELECT id, slug FROM workspace WHERE (${workspaceId}::uuid IS NULL OR id = ${workspaceId}) ORDER BY slug`,
  },
  /** Events per UTC day of the current workspace. */
  eventsPerDay: {
    examples: [[]],
    build: () => sql`
      SELECT to_char((occurred_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*)::int AS events
      FROM usage_event WHERE workspace_id = ${sql.workspace} GROUP BY 1 ORDER BY 1`,
  },
  /** The workspace's quarantined deltas, pending again (oldest first). */
  requeueQuarantined: {
    examples: [[]],
    build: () => sql`
      WITH moved AS (DELETE FROM usage_rollup_quarantine WHERE workspace_id = ${sql.workspace} RETURNING *),
      added AS (
        INSERT INTO usage_rollup_pending (${PENDING_COLUMNS}, created_at)
        SELECT ${PENDING_COLUMNS}, created_at FROM moved ORDER BY id RETURNING 1
      )
      SELECT count(*)::int AS retried FROM added`,
  },
  quarantined: {
    examples: [[]],
    build: () =>
      sql`SELECT count(*)::int AS quarantined FROM usage_rollup_quarantine WHERE workspace_id = ${sql.workspace}`,
  },
  /** Retention may not detach a partition under a rebuild (it waits, with a lock timeout of its own). */
  lockEvents: {
    acrossWorkspaces: 'a table lock, not a read',
    examples: [[]],
    build: () => sql`LOCK TABLE usage_event IN ACCESS SHARE MODE`,
  },
  retainedFrom: {
    examples: [['telemetry.usageRetainedFrom']],
    build: (key: string) => sql`SELECT value #>> '{}' AS day FROM app_metadata WHERE key = ${key}`,
  },
  deletePending: {
    examples: [['2026-01-01', '2026-02-01']],
    build: (from: string, to: string) =>
      sql`DELETE FROM usage_rollup_pending WHERE workspace_id = ${sql.workspace} AND ${inDays(from, to)}`,
  },
  deleteQuarantined: {
    examples: [['2026-01-01', '2026-02-01']],
    build: (from: string, to: string) =>
      sql`DELETE FROM usage_rollup_quarantine WHERE workspace_id = ${sql.workspace} AND ${inDays(from, to)}`,
  },
  /** The day rollups of days [from, to), to be written again (`writeDays`). */
  deleteDays: {
    examples: [['usage_rollup_account_day' as DayTable, '2026-01-01', '2026-02-01']],
    build: (table: DayTable, from: string, to: string) =>
      sql`DELETE FROM ${sql.identifier(table, DAY_TABLES)} WHERE workspace_id = ${sql.workspace} AND ${inDays(from, to)}`,
  },
  /**
   * The day rollups of days [from, to) written from the workspace's events (after `deleteDays`), in
   * one statement: the events summed per account, day, model, user and render bucket, the user rows
   * from those, and each scope's day rows with their distinct users counted from the user rows.
   */
  writeDays: {
    examples: [['2026-01-01', '2026-02-01']],
    build: (from: string, to: string) => {
      const scope = (name: keyof typeof SCOPES, users: SqlFragment) => {
        const { keys, filter, day } = SCOPES[name];
        const byBucket = sql`(SELECT ${keys}, bucket, sum(events) AS events, sum(generations) AS generations,
            sum(failures) AS failures, sum(video_seconds) AS video_seconds, sum(gpu_seconds) AS gpu_seconds,
            sum(cost_usd) AS cost_usd
          FROM cells WHERE ${filter} GROUP BY ${keys}, bucket) AS b`;
        return sql`
          INSERT INTO ${day} (workspace_id, ${keys}, events, generations, failures, video_seconds, gpu_seconds,
            cost_usd, distinct_users, render_histogram)
          SELECT ${sql.workspace}, ${keys}, f.events, f.generations, f.failures, f.video_seconds, f.gpu_seconds,
            f.cost_usd, coalesce(u.users, 0), ${fullHistogram(sql`f.render_histogram`)}
          FROM (${foldFigures(keys, byBucket)}) AS f
          LEFT JOIN (SELECT ${keys}, count(*)::int AS users FROM ${users} GROUP BY ${keys}) AS u USING (${keys})
          RETURNING 1`;
      };
      return sql`
        WITH e AS (
          SELECT account_id, kind, video_seconds, gpu_seconds, cost_usd, ${EVENT_FACTS}
          FROM usage_event WHERE workspace_id = ${sql.workspace}
            AND occurred_at >= (${from}::date::timestamp AT TIME ZONE 'UTC')
            AND occurred_at < (${to}::date::timestamp AT TIME ZONE 'UTC')
        ),
        cells AS MATERIALIZED (${bucketSums(sql`account_id, day, model, user_key`, sql`e`)}),
        account_users AS (
          INSERT INTO usage_rollup_account_user (workspace_id, account_id, day, model, user_key, events)
          SELECT ${sql.workspace}, account_id, day, model, user_key, sum(events) FROM cells
          WHERE account_id IS NOT NULL AND user_key <> '' GROUP BY account_id, day, model, user_key
          RETURNING account_id, day, model
        ),
        workspace_users AS (
          INSERT INTO usage_rollup_workspace_user (workspace_id, day, model, user_key, events)
          SELECT ${sql.workspace}, day, model, user_key, sum(events) FROM cells
          WHERE user_key <> '' GROUP BY day, model, user_key
          RETURNING day, model
        ),
        account_days AS (${scope('account', sql`account_users`)}),
        workspace_days AS (${scope('workspace', sql`workspace_users`)})
        SELECT (SELECT coalesce(sum(events), 0) FROM cells)::bigint AS read,
          (SELECT count(*) FROM account_users) + (SELECT count(*) FROM workspace_users)
            + (SELECT count(*) FROM account_days) + (SELECT count(*) FROM workspace_days) AS rows`;
    },
  },
  /** Cached dashboard answers of the workspace are stale: the range transaction's last statement. */
  raiseDataVersion: {
    examples: [[]],
    build: () => sql`
      INSERT INTO dashboard_data_version AS v (workspace_id) VALUES (${sql.workspace})
      ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1`,
  },
  /** The weeks and months around a range hold days outside it: rewritten whole, from the day rollups. */
  writePeriods: {
    examples: periodRollupsFromDays('2026-01-01', '2026-02-01').map((_, index): [number, string, string] => [
      index,
      '2026-01-01',
      '2026-02-01',
    ]),
    build: (index: number, from: string, to: string) => periodRollupsFromDays(from, to)[index],
  },
});

export const PERIOD_STATEMENTS = periodRollupsFromDays('-infinity', 'infinity').length;
export { DAY_TABLES };
