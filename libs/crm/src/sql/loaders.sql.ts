import { sql, sqlStatements } from '@greenlight/identity';
import { EXAMPLE_IDS } from './examples';

export const loadersSql = sqlStatements('crm.loaders', {
  /** The latest `limit` interactions of each account (a window per account). */
  recentInteractions: {
    examples: [[[...EXAMPLE_IDS], 5]],
    build: (accountIds: readonly string[], limit: number) => sql`
      SELECT account_id, interaction_id FROM (
        SELECT ia.account_id, ia.interaction_id,
               row_number() OVER (PARTITION BY ia.account_id ORDER BY ia.occurred_at DESC, ia.interaction_id DESC) AS n
          FROM interaction_account ia
         WHERE ia.workspace_id = ${sql.workspace} AND ia.account_id = ANY(${accountIds})
      ) ranked WHERE n <= ${limit} ORDER BY account_id, n`,
  },
});
