import { sql, sqlStatements } from '@greenlight/identity';

export const pilotsSql = sqlStatements('pilots', {
  lastCriterionPosition: {
    examples: [['00000000-0000-4000-8000-0000000000f1']],
    build: (pilotId: string) => sql`
      SELECT COALESCE(max(position), 0) AS last FROM pilot_criterion
       WHERE workspace_id = ${sql.workspace} AND pilot_id = ${pilotId}`,
  },
  /** Pilot events on an account's timeline, from the status history. */
  timelineEntries: {
    examples: [['00000000-0000-4000-8000-0000000000f2']],
    build: (accountId: string) => sql`
      SELECT CASE WHEN c.from_status IS NULL THEN 'pilot_created' ELSE 'pilot_status_change' END AS kind,
             c.id, c.at FROM pilot_status_change c WHERE c.workspace_id = ${sql.workspace} AND c.account_id = ${accountId}`,
  },
});
