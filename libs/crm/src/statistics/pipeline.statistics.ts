import { sql, sqlStatements, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { accountCondition, AccountScope } from './account-scope';
import { AccountPage, AccountPageRequest, pageAccountsByKey } from './account-pages';
import { EXAMPLE_PERIOD, EXAMPLE_SCOPES } from './examples';
import { PipelineStageFigure } from './statistics.types';

/** `(account_id, stage_id)` of every account in scope at `at` (now when null). */
function stageOfAccounts(at: Date | null, scope: AccountScope) {
  const condition = accountCondition('a', scope);
  if (!at) {
    return sql`SELECT a.id AS account_id, a.stage_id, a.expected_annual_value, a.currency
                FROM account a WHERE a.workspace_id = ${sql.workspace} AND ${condition}`;
  }
  return sql`SELECT a.id AS account_id, last.to_stage_id AS stage_id, a.expected_annual_value, a.currency
              FROM account a
              JOIN LATERAL (
                SELECT t.to_stage_id FROM stage_transition t
                 WHERE t.workspace_id = ${sql.workspace} AND t.account_id = a.id AND t.at <= ${at}
                 ORDER BY t.at DESC, t.id DESC LIMIT 1
              ) last ON TRUE
             WHERE a.workspace_id = ${sql.workspace} AND ${condition}`;
}

const pipelineSql = sqlStatements('crm.pipeline', {
  byStage: {
    examples: [[null, EXAMPLE_SCOPES.all], [EXAMPLE_PERIOD.to, EXAMPLE_SCOPES.narrowed]],
    build: (at: Date | null, scope: AccountScope) => sql`
      WITH placed AS (${stageOfAccounts(at, scope)}),
           counted AS (
             SELECT stage_id, currency, count(*)::int AS accounts, sum(expected_annual_value)::float8 AS amount
               FROM placed GROUP BY stage_id, currency
           )
      SELECT s.id AS stage_id, c.currency, COALESCE(c.accounts, 0) AS accounts, c.amount
        FROM stage s LEFT JOIN counted c ON c.stage_id = s.id
       WHERE s.workspace_id = ${sql.workspace} AND (s.archived_at IS NULL OR c.accounts > 0)
       ORDER BY s.archived_at IS NOT NULL, s.position, s.id, c.currency`,
  },
  /** `(key, account_id)`: the accounts of each stage at `at`. */
  members: {
    examples: [[null, EXAMPLE_SCOPES.all]],
    build: (at: Date | null, scope: AccountScope) =>
      sql`SELECT stage_id::text AS key, account_id FROM (${stageOfAccounts(at, scope)}) placed`,
  },
});

/**
 * Accounts per stage now (the account's current stage) or at a past instant T (the `to_stage` of
 * its last transition at or before T, read through the (account, at) index).
 */
@Injectable()
export class PipelineStatistics {
  constructor(private readonly db: TenantSql) {}

  /** Every active stage in pipeline order (archived ones only when they hold accounts), with counts. */
  async byStage(at: Date | null, scope: AccountScope): Promise<PipelineStageFigure[]> {
    const rows = await this.db.query<{ stage_id: string; currency: string | null; accounts: number; amount: number | null }>(
      pipelineSql.byStage(at, scope),
    );
    const stages = new Map<string, PipelineStageFigure>();
    for (const row of rows) {
      const figure = stages.get(row.stage_id) ?? { stageId: row.stage_id, accountCount: 0, expectedAnnualValue: [] };
      stages.set(row.stage_id, figure);
      figure.accountCount += row.accounts;
      if (row.amount !== null && row.currency) {
        figure.expectedAnnualValue.push({ currency: row.currency, amount: Math.round(row.amount * 100) / 100 });
      }
    }
    return [...stages.values()];
  }

  /** The accounts in each of `stageIds` at `at`, one page per stage. */
  accounts(
    stageIds: readonly string[],
    at: Date | null,
    scope: AccountScope,
    page: AccountPageRequest,
  ): Promise<Map<string, AccountPage>> {
    return pageAccountsByKey(this.db, pipelineSql.members(at, scope), stageIds, page);
  }
}
