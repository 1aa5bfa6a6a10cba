import { GrantStatus } from '@greenlight/grants';
import { sql, sqlStatements } from '@greenlight/identity';

export const healthSql = sqlStatements('health', {
  /** Forgets the stored health of accounts an evaluation started at `since` did not reach. */
  forgetNotRefreshedSince: {
    examples: [[new Date('2026-04-01T00:00:00Z')]],
    build: (since: Date) =>
      sql`DELETE FROM account_health WHERE workspace_id = ${sql.workspace} AND computed_at < ${since}`,
  },
  /** The ACTIVE grants of accounts: their own, and those of people holding a current position there (holder). */
  activeGrantsOfAccounts: {
    examples: [[['00000000-0000-4000-8000-0000000000a1']]],
    build: (accountIds: readonly string[]) => sql`
      SELECT g.id::text, g.account_id::text, NULL AS holder FROM access_grant g
       WHERE g.workspace_id = ${sql.workspace} AND g.status = ${GrantStatus.ACTIVE} AND g.account_id = ANY(${accountIds}::uuid[])
      UNION ALL
      SELECT g.id::text, p.account_id::text, c.name FROM access_grant g
        JOIN contact c ON c.workspace_id = g.workspace_id AND c.id = g.contact_id
        JOIN position p ON p.workspace_id = g.workspace_id AND p.contact_id = g.contact_id AND p.ended_on IS NULL
       WHERE g.workspace_id = ${sql.workspace} AND g.status = ${GrantStatus.ACTIVE} AND p.account_id = ANY(${accountIds}::uuid[])`,
  },
});
