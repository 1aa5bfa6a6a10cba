import { sql, sqlStatements, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { accountCondition, AccountScope } from './account-scope';
import { EXAMPLE_PERIOD, EXAMPLE_SCOPES } from './examples';
import { AccountPage, AccountPageRequest, pageAccountsByKey } from './account-pages';
import { FunnelStepFigure, Interval, StageDurationFigure } from './statistics.types';

/**
 * `cohort (stage_id, account_id, converted)`: one row per account that entered a funnel stage in the
 * period. The transitions since the period's start are read as entries into their stage (those in the
 * period) and as moves onward from the stage before it, grouped per stage and account: hash joins and hash
 * aggregates only, whatever the planner guesses of the (account, stage) pairs.
 */
function cohorts(period: Interval, scope: AccountScope) {
  return sql`steps AS (
        SELECT id, position, lead(id) OVER (ORDER BY position, id) AS next_id
          FROM stage
         WHERE workspace_id = ${sql.workspace} AND archived_at IS NULL AND category IN ('open', 'won')
      ),
      moves AS (
        SELECT s.id AS stage_id, t.account_id, TRUE AS entry, t.at
          FROM stage_transition t JOIN steps s ON s.id = t.to_stage_id
         WHERE t.workspace_id = ${sql.workspace} AND t.at >= ${period.from} AND t.at < ${period.to}
        UNION ALL
        SELECT s.id, t.account_id, FALSE, t.at
          FROM stage_transition t JOIN steps s ON s.next_id = t.to_stage_id
         WHERE t.workspace_id = ${sql.workspace} AND t.at >= ${period.from}
      ),
      cohort AS (
        SELECT m.stage_id, m.account_id,
               COALESCE(max(m.at) FILTER (WHERE NOT m.entry) > min(m.at) FILTER (WHERE m.entry), FALSE) AS converted
          FROM moves m JOIN account a ON a.id = m.account_id AND a.workspace_id = ${sql.workspace}
         WHERE ${accountCondition('a', scope)}
         GROUP BY m.stage_id, m.account_id
        HAVING bool_or(m.entry)
      )`;
}

const funnelSql = sqlStatements('crm.funnel', {
  steps: {
    examples: [[EXAMPLE_PERIOD, EXAMPLE_SCOPES.all], [EXAMPLE_PERIOD, EXAMPLE_SCOPES.narrowed]],
    build: (period: Interval, scope: AccountScope) => sql`
      WITH ${cohorts(period, scope)}
      , counted AS (
        SELECT stage_id, count(*)::int AS entered, count(*) FILTER (WHERE converted)::int AS converted
          FROM cohort GROUP BY stage_id
      )
      SELECT s.id AS stage_id, s.next_id, COALESCE(c.entered, 0) AS entered, COALESCE(c.converted, 0) AS converted
        FROM steps s LEFT JOIN counted c ON c.stage_id = s.id
       ORDER BY s.position, s.id`,
  },
  /** `(key, account_id)`: the accounts that entered each stage (or only those that then converted). */
  cohortMembers: {
    examples: [[EXAMPLE_PERIOD, EXAMPLE_SCOPES.all, true]],
    build: (period: Interval, scope: AccountScope, converted: boolean) => sql`
      WITH ${cohorts(period, scope)}
      SELECT stage_id::text AS key, account_id FROM cohort ${converted ? sql`WHERE converted` : sql.empty}`,
  },
  durations: {
    examples: [[EXAMPLE_PERIOD, EXAMPLE_SCOPES.all]],
    build: (period: Interval, scope: AccountScope) => sql`
      WITH moves AS (
        SELECT t.account_id, t.to_stage_id AS stage_id, t.at,
               lead(t.at) OVER (PARTITION BY t.account_id ORDER BY t.at, t.id) AS next_at
          FROM stage_transition t
         WHERE t.workspace_id = ${sql.workspace} AND t.at >= ${period.from}
      ),
      stays AS (
        SELECT m.stage_id, extract(epoch FROM (m.next_at - m.at))::float8 AS seconds
          FROM moves m JOIN account a ON a.id = m.account_id AND a.workspace_id = ${sql.workspace}
         WHERE m.at < ${period.to} AND ${accountCondition('a', scope)}
      )
      SELECT st.stage_id, count(st.seconds)::int AS completed, (count(*) - count(st.seconds))::int AS open,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY st.seconds) AS median,
             percentile_cont(0.75) WITHIN GROUP (ORDER BY st.seconds) AS p75
        FROM stays st JOIN stage s ON s.id = st.stage_id AND s.workspace_id = ${sql.workspace}
       GROUP BY st.stage_id, s.position, s.archived_at
       ORDER BY s.archived_at IS NOT NULL, s.position, st.stage_id`,
  },
});

/**
 * Conversion and time in stage, from the stage-transition history.
 * - Funnel steps: the active open and won stages in position order; each step's next stage is the
 *   following one. Cohort: accounts whose first entry into the stage falls in the period; converted:
 *   those that entered the next stage at any later time (up to now).
 * - Time in stage: every entry into a stage within the period is a stay, ending at the account's
 *   next transition. Stays still open are counted apart and left out of the median and p75.
 */
@Injectable()
export class FunnelStatistics {
  constructor(private readonly db: TenantSql) {}

  async steps(period: Interval, scope: AccountScope): Promise<FunnelStepFigure[]> {
    const rows = await this.db.query<{ stage_id: string; next_id: string | null; entered: number; converted: number }>(
      funnelSql.steps(period, scope),
    );
    return rows.map((row) => ({
      stageId: row.stage_id,
      nextStageId: row.next_id,
      entered: row.entered,
      converted: row.next_id ? row.converted : null,
    }));
  }

  /** The accounts that entered each stage in the period (or only those that then converted). */
  accounts(
    stageIds: readonly string[],
    converted: boolean,
    period: Interval,
    scope: AccountScope,
    page: AccountPageRequest,
  ): Promise<Map<string, AccountPage>> {
    return pageAccountsByKey(this.db, funnelSql.cohortMembers(period, scope, converted), stageIds, page);
  }

  async durations(period: Interval, scope: AccountScope): Promise<StageDurationFigure[]> {
    const rows = await this.db.query<{
      stage_id: string;
      completed: number;
      open: number;
      median: number | null;
      p75: number | null;
    }>(funnelSql.durations(period, scope));
    return rows.map((row) => ({
      stageId: row.stage_id,
      completedStays: row.completed,
      openStays: row.open,
      medianSeconds: row.median,
      p75Seconds: row.p75,
    }));
  }
}
