import { sql, sqlStatements } from '@greenlight/identity';

export const pilotsSql = sqlStatements('pilots', {
  lastCriterionPosition: {
    examples: [['00000000-0000-4000-8000-0000000000f1']],
    build: (pilotId: string) => sql`
      SELECT COALESCE(max(position), 0) AS last FROM pilot_criterion
       WHERE workspace_id = ${sql.workspace} AND pilot_id = ${pilotId}`,
  },
});
