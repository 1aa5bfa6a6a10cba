import { sql, sqlStatements } from '@greenlight/identity';

export const healthSql = sqlStatements('health', {
  /** Forgets the stored health of accounts an evaluation started at `since` did not reach. */
  forgetNotRefreshedSince: {
    examples: [[new Date('2026-04-01T00:00:00Z')]],
    build: (since: Date) =>
      sql`DELETE FROM account_health WHERE workspace_id = ${sql.workspace} AND computed_at < ${since}`,
  },
});
