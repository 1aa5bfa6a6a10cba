import { sql, sqlStatements } from '@greenlight/identity';

export const demoSql = sqlStatements('api.demo', {
  stageCount: {
    examples: [[]],
    build: () => sql`SELECT count(*)::int AS count FROM stage WHERE workspace_id = ${sql.workspace}`,
  },
  /** The active accounts with a domain in these stages, by name. */
  accountsInStages: {
    examples: [[['pilot', 'won']]],
    build: (stageKeys: string[]) => sql`
      SELECT a.id, a.domains[1] AS domain, s.key AS stage FROM account a JOIN stage s ON s.id = a.stage_id
       WHERE a.workspace_id = ${sql.workspace} AND a.archived_at IS NULL AND cardinality(a.domains) > 0 AND s.key = ANY(${stageKeys})
       ORDER BY a.name`,
  },
});
