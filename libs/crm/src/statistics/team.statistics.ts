import { sql, sqlStatements, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { accountCondition, AccountScope, narrowsAccounts } from './account-scope';
import { EXAMPLE_PERIOD, EXAMPLE_SCOPES } from './examples';
import { Interval, MemberWeekFigure, OverdueTasksFigure } from './statistics.types';

const teamSql = sqlStatements('crm.team', {
  // The period's interactions, their account links and their attendees are each one range of an
  // index on time (links and attendees carry a copy of their interaction's time), joined by hash.
  interactionsPerWeek: {
    examples: [[EXAMPLE_PERIOD, EXAMPLE_SCOPES.all], [EXAMPLE_PERIOD, EXAMPLE_SCOPES.narrowed]],
    build: (period: Interval, scope: AccountScope) => sql`
      WITH period AS MATERIALIZED (
        SELECT i.id, i.kind, i.logged_by_id, date_trunc('week', i.occurred_at AT TIME ZONE 'UTC') AS week
          FROM interaction i
         WHERE i.workspace_id = ${sql.workspace} AND i.occurred_at >= ${period.from} AND i.occurred_at < ${period.to}
      ),
      links AS (
        SELECT ia.interaction_id, bool_or(${accountCondition('la', scope)}) AS in_scope
          FROM interaction_account ia
          JOIN account la ON la.id = ia.account_id AND la.workspace_id = ${sql.workspace}
         WHERE ia.workspace_id = ${sql.workspace} AND ia.occurred_at >= ${period.from} AND ia.occurred_at < ${period.to}
         GROUP BY ia.interaction_id
      ),
      counted AS (
        SELECT p.* FROM period p LEFT JOIN links l ON l.interaction_id = p.id
         WHERE ${narrowsAccounts(scope) ? sql`l.in_scope` : sql`(l.in_scope OR l.interaction_id IS NULL)`}
      ),
      credited AS (
        -- The logger, then every attendee who is not the logger (attendees are distinct by key).
        SELECT c.week, c.kind, c.logged_by_id AS member_id FROM counted c WHERE c.logged_by_id IS NOT NULL
        UNION ALL
        SELECT c.week, c.kind, im.member_id
          FROM interaction_member im JOIN counted c ON c.id = im.interaction_id
         WHERE im.workspace_id = ${sql.workspace} AND im.occurred_at >= ${period.from} AND im.occurred_at < ${period.to}
           AND im.member_id IS DISTINCT FROM c.logged_by_id
      )
      SELECT member_id, to_char(week, 'YYYY-MM-DD') AS week, kind::text AS kind, count(*)::int AS count
        FROM credited
       GROUP BY member_id, credited.week, kind
       ORDER BY 2, 1, 3`,
  },
  /** Open tasks due before `now`, per assignee. */
  overdueTasks: {
    examples: [[EXAMPLE_PERIOD.to, EXAMPLE_SCOPES.all], [EXAMPLE_PERIOD.to, EXAMPLE_SCOPES.narrowed]],
    build: (now: Date, scope: AccountScope) => {
      const account = sql`EXISTS (SELECT 1 FROM account a WHERE a.id = t.account_id AND a.workspace_id = ${sql.workspace}
        AND ${accountCondition('a', scope)})`;
      return sql`
        SELECT t.assignee_id, count(*)::int AS count, min(t.due_at) AS oldest
          FROM task t
         WHERE t.workspace_id = ${sql.workspace} AND t.status = 'open' AND t.due_at < ${now}
           AND ${narrowsAccounts(scope) ? account : sql`(t.account_id IS NULL OR ${account})`}
         GROUP BY t.assignee_id
         ORDER BY count(*) DESC, t.assignee_id NULLS LAST`;
    },
  },
});

/**
 * Team activity. An interaction counts once for each member who attended it or logged it, in the
 * UTC week (from Monday) it took place; it counts when one of its accounts is in scope, or when the
 * scope names no owner, kind or region and it has no account. Tasks follow the same rule.
 */
@Injectable()
export class TeamStatistics {
  constructor(private readonly db: TenantSql) {}

  async interactionsPerWeek(period: Interval, scope: AccountScope): Promise<MemberWeekFigure[]> {
    const rows = await this.db.query<{ member_id: string; week: string; kind: string; count: number }>(
      teamSql.interactionsPerWeek(period, scope),
    );
    return rows.map((row) => ({ memberId: row.member_id, week: row.week, kind: row.kind, count: row.count }));
  }

  /** Open tasks due before `now`, per assignee (null: unassigned). */
  async overdueTasks(now: Date, scope: AccountScope): Promise<OverdueTasksFigure[]> {
    const rows = await this.db.query<{ assignee_id: string | null; count: number; oldest: Date }>(
      teamSql.overdueTasks(now, scope),
    );
    return rows.map((row) => ({ assigneeId: row.assignee_id, count: row.count, oldestDueAt: row.oldest }));
  }
}
