import { TenantContext } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Pilots that reached an outcome in one UTC month (`YYYY-MM`), from the status history. */
export interface PilotOutcomeMonth {
  month: string;
  succeeded: number;
  failed: number;
  converted: number;
}

/** Read-only aggregates over pilots and their status history, for dashboards. */
@Injectable()
export class PilotStatistics {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
  ) {}

  /** Those of `accountIds` that have an active, unarchived pilot. */
  async accountsWithActivePilots(accountIds: string[]): Promise<string[]> {
    const rows: { account_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT p.account_id FROM pilot p
        WHERE p.workspace_id = $1 AND p.status = 'active' AND p.archived_at IS NULL AND p.account_id = ANY($2::uuid[])
        ORDER BY p.account_id`,
      [this.context.currentWorkspaceId(), accountIds],
    );
    return rows.map((row) => row.account_id);
  }

  /**
   * Moves into SUCCEEDED, FAILED and CONVERTED within `[from, to)` per UTC month, for pilots of
   * `accountIds` (archived pilots included: archiving does not undo an outcome). Every month the
   * interval touches is listed, zeros included.
   */
  async outcomesByMonth(from: Date, to: Date, accountIds: string[]): Promise<PilotOutcomeMonth[]> {
    const rows: PilotOutcomeMonth[] = await this.dataSource.query(
      `WITH months AS (
         SELECT to_char(m, 'YYYY-MM') AS month
         FROM generate_series(date_trunc('month', $2::timestamptz AT TIME ZONE 'UTC'),
                              ($3::timestamptz AT TIME ZONE 'UTC') - interval '1 millisecond', interval '1 month') m
       ),
       outcomes AS (
         SELECT to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
           count(*) FILTER (WHERE c.to_status = 'succeeded')::int AS succeeded,
           count(*) FILTER (WHERE c.to_status = 'failed')::int AS failed,
           count(*) FILTER (WHERE c.to_status = 'converted')::int AS converted
         FROM pilot_status_change c
         WHERE c.workspace_id = $1 AND c.at >= $2 AND c.at < $3 AND c.account_id = ANY($4::uuid[])
           AND c.to_status IN ('succeeded', 'failed', 'converted')
         GROUP BY 1
       )
       SELECT m.month, coalesce(o.succeeded, 0) AS succeeded, coalesce(o.failed, 0) AS failed,
              coalesce(o.converted, 0) AS converted
       FROM months m LEFT JOIN outcomes o USING (month) ORDER BY m.month`,
      [this.context.currentWorkspaceId(), from, to, accountIds],
    );
    return rows;
  }
}
