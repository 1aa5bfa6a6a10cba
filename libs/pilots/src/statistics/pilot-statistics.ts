import { AccountScope, accountScopeSql, EXAMPLE_PERIOD, EXAMPLE_SCOPES } from '@greenlight/crm';
import { sql, sqlStatements, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';

/** Pilots that reached an outcome in one UTC month (`YYYY-MM`), from the status history. */
export interface PilotOutcomeMonth {
  month: string;
  succeeded: number;
  failed: number;
  converted: number;
}

const pilotStatisticsSql = sqlStatements('pilots.statistics', {
  accountsWithActivePilots: {
    examples: [[EXAMPLE_SCOPES.all], [EXAMPLE_SCOPES.narrowed]],
    build: (scope: AccountScope) => sql`
      SELECT DISTINCT p.account_id FROM pilot p
        JOIN account a ON a.workspace_id = ${sql.workspace} AND a.id = p.account_id AND ${accountScopeSql(scope)}
       WHERE p.workspace_id = ${sql.workspace} AND p.status = 'active' AND p.archived_at IS NULL
       ORDER BY p.account_id`,
  },
  outcomesByMonth: {
    examples: [[EXAMPLE_PERIOD.from, EXAMPLE_PERIOD.to, EXAMPLE_SCOPES.all]],
    build: (from: Date, to: Date, scope: AccountScope) => sql`
      WITH months AS (
         SELECT to_char(m, 'YYYY-MM') AS month
         FROM generate_series(date_trunc('month', ${from}::timestamptz AT TIME ZONE 'UTC'),
                              (${to}::timestamptz AT TIME ZONE 'UTC') - interval '1 millisecond', interval '1 month') m
       ),
       outcomes AS (
         SELECT to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
           count(*) FILTER (WHERE c.to_status = 'succeeded')::int AS succeeded,
           count(*) FILTER (WHERE c.to_status = 'failed')::int AS failed,
           count(*) FILTER (WHERE c.to_status = 'converted')::int AS converted
         FROM pilot_status_change c
         JOIN account a ON a.workspace_id = ${sql.workspace} AND a.id = c.account_id AND ${accountScopeSql(scope)}
         WHERE c.workspace_id = ${sql.workspace} AND c.at >= ${from} AND c.at < ${to}
           AND c.to_status IN ('succeeded', 'failed', 'converted')
         GROUP BY 1
       )
       SELECT m.month, coalesce(o.succeeded, 0) AS succeeded, coalesce(o.failed, 0) AS failed,
              coalesce(o.converted, 0) AS converted
       FROM months m LEFT JOIN outcomes o USING (month) ORDER BY m.month`,
  },
});

/** Read-only aggregates over pilots and their status history, for dashboards. */
@Injectable()
export class PilotStatistics {
  constructor(private readonly db: TenantSql) {}

  /** The accounts of `scope` that have an active, unarchived pilot. */
  async accountsWithActivePilots(scope: AccountScope): Promise<string[]> {
    const rows = await this.db.query<{ account_id: string }>(pilotStatisticsSql.accountsWithActivePilots(scope));
    return rows.map((row) => row.account_id);
  }

  /**
   * Moves into SUCCEEDED, FAILED and CONVERTED within `[from, to)` per UTC month, for pilots of the
   * accounts of `scope` (archived pilots included: archiving does not undo an outcome). Every month the
   * interval touches is listed, zeros included.
   */
  async outcomesByMonth(from: Date, to: Date, scope: AccountScope): Promise<PilotOutcomeMonth[]> {
    return this.db.query<PilotOutcomeMonth>(pilotStatisticsSql.outcomesByMonth(from, to, scope));
  }
}
