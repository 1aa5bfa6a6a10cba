import { TenantContext } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertKind } from '../alerts/alert.enums';
import type { HealthReason } from '../score/health-score';

/** An account whose stored health score is under a threshold. */
export interface StoredHealth {
  accountId: string;
  score: number;
  reasons: HealthReason[];
  computedAt: Date;
}

export interface AtRiskFigure {
  /** Every account of the set under the threshold. */
  total: number;
  /** The lowest `limit` of them, lowest score first (then by account id). */
  accounts: StoredHealth[];
}

/** Unresolved alerts of one kind. */
export interface UnresolvedAlertsFigure {
  kind: AlertKind;
  open: number;
  acknowledged: number;
  /** Of those (open or acknowledged), the critical ones. */
  critical: number;
}

/** Read-only aggregates over stored health scores and alerts, for dashboards. */
@Injectable()
export class HealthStatistics {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
  ) {}

  /** Accounts of `accountIds` whose last evaluated score is below `threshold`, read from `account_health`. */
  async atRisk(threshold: number, accountIds: string[], limit: number): Promise<AtRiskFigure> {
    const rows: { account_id: string; score: number; reasons: HealthReason[]; computed_at: Date; total: number }[] =
      await this.dataSource.query(
        `SELECT h.account_id, h.score, h.reasons, h.computed_at, count(*) OVER ()::int AS total
           FROM account_health h
          WHERE h.workspace_id = $1 AND h.score < $2 AND h.account_id = ANY($3::uuid[])
          ORDER BY h.score, h.account_id
          LIMIT $4`,
        [this.context.currentWorkspaceId(), threshold, accountIds, limit],
      );
    return {
      total: rows[0]?.total ?? 0,
      accounts: rows.map((row) => ({
        accountId: row.account_id,
        score: row.score,
        reasons: [...row.reasons].sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact)),
        computedAt: row.computed_at,
      })),
    };
  }

  /** Open and acknowledged alerts of `accountIds` per kind, every kind listed. */
  async unresolvedAlertsByKind(accountIds: string[]): Promise<UnresolvedAlertsFigure[]> {
    const rows: { kind: AlertKind; open: number; acknowledged: number; critical: number }[] =
      await this.dataSource.query(
        `SELECT a.kind::text AS kind,
           count(*) FILTER (WHERE a.status = 'open')::int AS open,
           count(*) FILTER (WHERE a.status = 'acknowledged')::int AS acknowledged,
           count(*) FILTER (WHERE a.severity = 'critical')::int AS critical
         FROM alert a
         WHERE a.workspace_id = $1 AND a.status <> 'resolved' AND a.account_id = ANY($2::uuid[])
         GROUP BY a.kind`,
        [this.context.currentWorkspaceId(), accountIds],
      );
    const byKind = new Map(rows.map((row) => [row.kind, row]));
    return Object.values(AlertKind).map((kind) => ({
      kind,
      open: byKind.get(kind)?.open ?? 0,
      acknowledged: byKind.get(kind)?.acknowledged ?? 0,
      critical: byKind.get(kind)?.critical ?? 0,
    }));
  }
}
