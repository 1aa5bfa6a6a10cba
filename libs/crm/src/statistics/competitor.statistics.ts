import { sql, sqlStatements, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { CompetitorStatus } from '../enums';
import { accountCondition, AccountScope } from './account-scope';
import { EXAMPLE_SCOPES } from './examples';
import { AccountPage, AccountPageRequest, pageAccountsByKey } from './account-pages';
import { CompetitorFigure } from './statistics.types';

function evaluations(statuses: CompetitorStatus[], scope: AccountScope) {
  return sql`SELECT lower(c.vendor) AS vendor_key, c.vendor, a.id AS account_id, a.stage_id
              FROM account_competitor c JOIN account a ON a.id = c.account_id AND a.workspace_id = ${sql.workspace}
             WHERE c.workspace_id = ${sql.workspace} AND c.status = ANY(${statuses}::competitor_status[])
               AND ${accountCondition('a', scope)}`;
}

const STATUSES = [CompetitorStatus.EVALUATING];

const competitorSql = sqlStatements('crm.competitors', {
  byVendor: {
    examples: [[STATUSES, EXAMPLE_SCOPES.all]],
    build: (statuses: CompetitorStatus[], scope: AccountScope) => sql`
      WITH evaluated AS (
        SELECT e.vendor_key, e.stage_id, e.account_id, min(e.vendor) AS vendor
          FROM (${evaluations(statuses, scope)}) e
         GROUP BY e.vendor_key, e.stage_id, e.account_id
      ),
      counted AS (
        SELECT vendor_key, stage_id, min(vendor) AS vendor, count(*)::int AS accounts
          FROM evaluated GROUP BY vendor_key, stage_id
      )
      SELECT c.vendor_key, c.vendor, c.stage_id, c.accounts
        FROM counted c JOIN stage s ON s.id = c.stage_id AND s.workspace_id = ${sql.workspace}
       ORDER BY c.vendor_key, s.position`,
  },
  /** `(key, account_id)` with keys `vendor|stageId`. */
  members: {
    examples: [[STATUSES, EXAMPLE_SCOPES.narrowed]],
    build: (statuses: CompetitorStatus[], scope: AccountScope) => sql`
      SELECT DISTINCT e.vendor_key || '|' || e.stage_id AS key, e.account_id
        FROM (${evaluations(statuses, scope)}) e`,
  },
});

/** Accounts evaluating each rival vendor (names compared without case), by their current stage. */
@Injectable()
export class CompetitorStatistics {
  constructor(private readonly db: TenantSql) {}

  async byVendor(statuses: CompetitorStatus[], scope: AccountScope): Promise<CompetitorFigure[]> {
    const rows = await this.db.query<{ vendor_key: string; vendor: string; stage_id: string; accounts: number }>(
      competitorSql.byVendor(statuses, scope),
    );
    const vendors = new Map<string, CompetitorFigure>();
    for (const row of rows) {
      const figure = vendors.get(row.vendor_key) ?? { vendor: row.vendor, accountCount: 0, byStage: [] };
      vendors.set(row.vendor_key, figure);
      if (row.vendor < figure.vendor) figure.vendor = row.vendor;
      figure.accountCount += row.accounts;
      figure.byStage.push({ stageId: row.stage_id, accountCount: row.accounts });
    }
    return [...vendors.values()].sort(
      (a, b) => b.accountCount - a.accountCount || a.vendor.localeCompare(b.vendor),
    );
  }

  /** Accounts evaluating a vendor in a stage; keys are `vendor|stageId` (vendor compared without case). */
  accounts(
    keys: readonly string[],
    statuses: CompetitorStatus[],
    scope: AccountScope,
    page: AccountPageRequest,
  ): Promise<Map<string, AccountPage>> {
    const lowered = keys.map((key) => key.replace(/^(.*)\|/, (_match, vendor: string) => `${vendor.toLowerCase()}|`));
    return pageAccountsByKey(this.db, competitorSql.members(statuses, scope), lowered, page).then(
      (pages) => new Map(keys.map((key, i) => [key, pages.get(lowered[i])!])),
    );
  }
}
