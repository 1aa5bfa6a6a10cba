import { sql, sqlStatements, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { accountCondition, AccountScope } from './account-scope';
import { EXAMPLE_PERIOD, EXAMPLE_SCOPES } from './examples';
import { AccountPage, AccountPageRequest, pageAccountsByKey } from './account-pages';
import { FunnelStepFigure, Interval, StageDurationFigure } from './statistics.types';

function cohorts(period: Interval, scope: AccountScope) {
  return sql`steps AS (
        SELECT id, position, lead(id) OVER (ORDER BY position, id) AS next_id
          FROM stage
         WHERE workspace_id = ${sql.workspace} AND archived_at IS NULL AND category IN ('open', 'won')
      ),
      per_stage AS MATERIALIZED (
        SELECT account_id, to_stage_id AS stage_id,
               min(at) FILTER (WHERE at >= ${period.from} AND at < ${period.to}) AS entered_at,
               max(at) AS last_at
          FROM stage_transition WHERE workspace_id = ${sql.workspace}
         GROUP BY account_id, to_stage_id
      ),
      entries AS (
        SELECT e.account_id, e.stage_id, e.entered_at
          FROM per_stage e JOIN account a ON a.id = e.account_id AND a.workspace_id = ${sql.workspace}
         WHERE e.entered_at IS NOT NULL AND ${accountCondition('a', scope)}
      ),
      cohort AS (
        SELECT s.id AS stage_id, s.next_id, s.position, e.account_id,
               COALESCE(l.last_at > e.entered_at, FALSE) AS converted
          FROM steps s
          JOIN entries e ON e.stage_id = s.id
          LEFT JOIN per_stage l ON l.account_id = e.account_id AND l.stage_id = s.next_id
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
