import { Day } from '@greenlight/common';
import { sql, SqlFragment, sqlStatements } from '@greenlight/identity';

/** Which rollups a figure reads: some accounts' (attributed usage) or the whole workspace's. */
export type RollupScope = { kind: 'account'; accountIds: string[] } | { kind: 'workspace' };

/** What a figure is grouped by. */
export type FigureKey = 'account' | 'day' | 'model' | 'total';
const KEYS: Record<FigureKey, SqlFragment> = {
  account: sql`account_id::text`,
  day: sql`to_char(day, 'YYYY-MM-DD')`,
  model: sql`model`,
  total: sql`''`,
};

const EXAMPLE_ACCOUNTS: RollupScope = { kind: 'account', accountIds: ['00000000-0000-4000-8000-0000000000a1'] };

export const rollupReaderSql = sqlStatements('telemetry.rollup-reader', {
  /**
   * Sums of the day rollups and distinct users of the user rollups over [from, to], grouped by
   * `key`.
   */
  figures: {
    examples: [
      [EXAMPLE_ACCOUNTS, 'account', '2026-01-01', '2026-03-31'],
      [{ kind: 'workspace' }, 'day', '2026-01-01', '2026-03-31'],
    ],
    build: (scope: RollupScope, key: FigureKey, from: Day, to: Day) => {
      const where = sql`workspace_id = ${sql.workspace} AND day BETWEEN ${from}::date AND ${to}::date
        ${scope.kind === 'account' ? sql`AND account_id = ANY(${scope.accountIds}::uuid[])` : sql.empty}`;
      const table = (suffix: 'day' | 'user') =>
        sql.identifier(`usage_rollup_${scope.kind}_${suffix}`, [
          'usage_rollup_account_day',
          'usage_rollup_account_user',
          'usage_rollup_workspace_day',
          'usage_rollup_workspace_user',
        ]);
      return sql`
        WITH figures AS (
          SELECT ${KEYS[key]} AS key, sum(events)::float8 AS events, sum(generations)::float8 AS generations,
            sum(failures)::float8 AS failures, sum(video_seconds) AS video_seconds, sum(gpu_seconds) AS gpu_seconds,
            sum(cost_usd)::float8 AS cost_usd, usage_histogram_sum(render_histogram) AS histogram
          FROM ${table('day')} WHERE ${where} GROUP BY 1
        ),
        users AS (
          SELECT ${KEYS[key]} AS key, count(DISTINCT user_key)::int AS users
          FROM ${table('user')} WHERE ${where} AND events > 0 GROUP BY 1
        )
        SELECT f.*, u.users FROM figures f LEFT JOIN users u USING (key)`;
    },
  },
  /** How many deltas wait for the worker (counted up to `limit`), and since when. */
  freshness: {
    examples: [[10_000]],
    build: (limit: number) => sql`
      SELECT count(*)::int AS pending, min(created_at) AS oldest, extract(epoch FROM now() - min(created_at))::float8 AS lag,
        (SELECT count(*)::int FROM usage_rollup_quarantine WHERE workspace_id = ${sql.workspace}) AS quarantined
      FROM (SELECT created_at FROM usage_rollup_pending WHERE workspace_id = ${sql.workspace} ORDER BY created_at LIMIT ${limit}) AS p`,
  },
  quarantine: {
    examples: [[100]],
    build: (limit: number) => sql`
      SELECT id::text, to_char(day, 'YYYY-MM-DD') AS day, account_id AS "accountId", nullif(model, '') AS model,
        events::float8 AS events, cost_usd::float8 AS "costUsd", error, quarantined_at AS "quarantinedAt"
      FROM usage_rollup_quarantine WHERE workspace_id = ${sql.workspace} ORDER BY quarantined_at DESC, id DESC LIMIT ${limit}`,
  },
});
