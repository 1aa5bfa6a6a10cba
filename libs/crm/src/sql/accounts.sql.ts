import { sql, sqlStatements } from '@greenlight/identity';
import { EXAMPLE_ID, OTHER_EXAMPLE_ID } from './examples';

export const accountsSql = sqlStatements('crm.accounts', {
  /** Whether `accountId` is among the ancestors of `parentId` (up to 100 levels). */
  wouldCycle: {
    examples: [[EXAMPLE_ID, OTHER_EXAMPLE_ID]],
    build: (parentId: string, accountId: string) => sql`
      WITH RECURSIVE ancestors(id, parent_id, depth) AS (
        SELECT id, parent_id, 1 FROM account WHERE id = ${parentId} AND workspace_id = ${sql.workspace}
        UNION ALL
        SELECT a.id, a.parent_id, ancestors.depth + 1 FROM account a JOIN ancestors ON a.id = ancestors.parent_id
        WHERE ancestors.depth < 100 AND a.workspace_id = ${sql.workspace}
      )
      SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = ${accountId}) AS cycle`,
  },
});
