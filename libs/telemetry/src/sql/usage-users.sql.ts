import { Day } from '@greenlight/common';
import { sql, sqlStatements } from '@greenlight/identity';

const EXAMPLE_ACCOUNT = '00000000-0000-4000-8000-0000000000a1';

export const usageUsersSql = sqlStatements('telemetry.usage-users', {
  /**
   * Events per generator user (user email) of an account, or of the workspace, over [from, to],
   * most first, from the per-user rollups; spend is each day and model's spend shared by events
   * (the user rollups keep counts only). `contact_id` is a contact with that address, if any.
   */
  byUser: {
    examples: [
      [EXAMPLE_ACCOUNT, '2026-01-01', '2026-03-31', 20],
      [null, '2026-01-01', '2026-03-31', 20],
    ],
    build: (accountId: string | null, from: Day, to: Day, limit: number) => {
      const where = sql`workspace_id = ${sql.workspace} AND day BETWEEN ${from}::date AND ${to}::date
        ${accountId ? sql`AND account_id = ${accountId}::uuid` : sql.empty}`;
      const [users, days] = accountId
        ? [sql`usage_rollup_account_user`, sql`usage_rollup_account_day`]
        : [sql`usage_rollup_workspace_user`, sql`usage_rollup_workspace_day`];
      return sql`
        WITH cells AS (
          SELECT day, model, user_key, sum(events) AS events FROM ${users} WHERE ${where} AND events > 0 GROUP BY 1, 2, 3
        ),
        spend AS (
          SELECT day, model, sum(events) AS events, sum(cost_usd) AS cost_usd FROM ${days} WHERE ${where} GROUP BY 1, 2
        ),
        ranked AS (
          SELECT c.user_key, sum(c.events)::float8 AS events,
            coalesce(sum(s.cost_usd * c.events / nullif(s.events, 0)), 0)::float8 AS cost_usd,
            array_agg(DISTINCT c.model ORDER BY c.model) FILTER (WHERE c.model <> '') AS models
          FROM cells c LEFT JOIN spend s USING (day, model)
          GROUP BY c.user_key ORDER BY 2 DESC, 1 LIMIT ${limit}
        )
        SELECT r.user_key AS "userEmail", r.events, r.cost_usd AS "costUsd", coalesce(r.models, '{}') AS models,
          (SELECT ct.id FROM contact ct WHERE ct.workspace_id = ${sql.workspace} AND ct.emails @> ARRAY[r.user_key]
           ORDER BY ct.archived_at IS NOT NULL, ct.created_at LIMIT 1) AS "contactId"
        FROM ranked r ORDER BY r.events DESC, r.user_key`;
    },
  },
});
