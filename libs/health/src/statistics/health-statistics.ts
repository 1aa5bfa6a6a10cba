import { AccountScope, accountScopeSql, EXAMPLE_SCOPES } from '@greenlight/crm';
import { sql, sqlStatements, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
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

const healthStatisticsSql = sqlStatements('health.statistics', {
  /** The lowest `limit` scores under `threshold`, with how many there are in all. */
  atRisk: {
    examples: [[60, EXAMPLE_SCOPES.all, 10], [60, EXAMPLE_SCOPES.narrowed, 10]],
    build: (threshold: number, scope: AccountScope, limit: number) => sql`
      SELECT h.account_id, h.score, h.reasons, h.computed_at, count(*) OVER ()::int AS total
        FROM account_health h
        JOIN account a ON a.workspace_id = ${sql.workspace} AND a.id = h.account_id AND ${accountScopeSql(scope)}
       WHERE h.workspace_id = ${sql.workspace} AND h.score < ${threshold}
       ORDER BY h.score, h.account_id
       LIMIT ${limit}`,
  },
  unresolvedAlertsByKind: {
    examples: [[EXAMPLE_SCOPES.all]],
    build: (scope: AccountScope) => sql`
      SELECT al.kind::text AS kind,
        count(*) FILTER (WHERE al.status = 'open')::int AS open,
        count(*) FILTER (WHERE al.status = 'acknowledged')::int AS acknowledged,
        count(*) FILTER (WHERE al.severity = 'critical')::int AS critical
      FROM alert al
      JOIN account a ON a.workspace_id = ${sql.workspace} AND a.id = al.account_id AND ${accountScopeSql(scope)}
      WHERE al.workspace_id = ${sql.workspace} AND al.status <> 'resolved'
      GROUP BY al.kind`,
  },
});

/** Read-only aggregates over stored health scores and alerts, for dashboards. */
@Injectable()
export class HealthStatistics {
  constructor(private readonly db: TenantSql) {}

  /** Accounts of `scope` whose last evaluated score is below `threshold`, read from `account_health`. */
  async atRisk(threshold: number, scope: AccountScope, limit: number): Promise<AtRiskFigure> {
    const rows = await this.db.query<{
      account_id: string;
      score: number;
      reasons: HealthReason[];
      computed_at: Date;
      total: number;
    }>(healthStatisticsSql.atRisk(threshold, scope, limit));
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

  /** Open and acknowledged alerts of the accounts of `scope` per kind, every kind listed. */
  async unresolvedAlertsByKind(scope: AccountScope): Promise<UnresolvedAlertsFigure[]> {
    const rows = await this.db.query<{ kind: AlertKind; open: number; acknowledged: number; critical: number }>(
      healthStatisticsSql.unresolvedAlertsByKind(scope),
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
