import { TenantContext } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CompetitorStatus } from '../enums';
import { accountCondition, AccountScope } from './account-scope';
import { AccountPage, AccountPageRequest, pageAccountsByKey } from './account-pages';
import { SqlParams } from './sql-params';
import { CompetitorFigure } from './statistics.types';

/** Accounts evaluating each rival vendor (names compared without case), by their current stage. */
@Injectable()
export class CompetitorStatistics {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
  ) {}

  private evaluations(workspace: string, statuses: CompetitorStatus[], scope: AccountScope, params: SqlParams): string {
    return `SELECT lower(c.vendor) AS vendor_key, c.vendor, a.id AS account_id, a.stage_id
              FROM account_competitor c JOIN account a ON a.id = c.account_id AND a.workspace_id = ${workspace}
             WHERE c.workspace_id = ${workspace} AND c.status = ANY(${params.add(statuses)}::competitor_status[])
               AND ${accountCondition('a', scope, params)}`;
  }

  async byVendor(statuses: CompetitorStatus[], scope: AccountScope): Promise<CompetitorFigure[]> {
    const params = new SqlParams();
    const workspace = params.add(this.context.currentWorkspaceId());
    const rows: { vendor_key: string; vendor: string; stage_id: string; accounts: number }[] =
      await this.dataSource.query(
        `WITH evaluated AS (
           SELECT e.vendor_key, e.stage_id, e.account_id, min(e.vendor) AS vendor
             FROM (${this.evaluations(workspace, statuses, scope, params)}) e
            GROUP BY e.vendor_key, e.stage_id, e.account_id
         ),
         counted AS (
           SELECT vendor_key, stage_id, min(vendor) AS vendor, count(*)::int AS accounts
             FROM evaluated GROUP BY vendor_key, stage_id
         )
         SELECT c.vendor_key, c.vendor, c.stage_id, c.accounts
           FROM counted c JOIN stage s ON s.id = c.stage_id AND s.workspace_id = ${workspace}
          ORDER BY c.vendor_key, s.position`,
        params.values,
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
    const params = new SqlParams();
    const workspace = params.add(this.context.currentWorkspaceId());
    const members = `SELECT DISTINCT e.vendor_key || '|' || e.stage_id AS key, e.account_id
      FROM (${this.evaluations(workspace, statuses, scope, params)}) e`;
    const lowered = keys.map((key) => key.replace(/^(.*)\|/, (_match, vendor: string) => `${vendor.toLowerCase()}|`));
    return pageAccountsByKey(this.dataSource, workspace, members, params, lowered, page).then(
      (pages) => new Map(keys.map((key, i) => [key, pages.get(lowered[i])!])),
    );
  }
}
