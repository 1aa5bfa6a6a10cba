import { sql, sqlStatements } from '@greenlight/identity';
import { EXAMPLE_IDS } from './examples';

export const interactionsSql = sqlStatements('crm.interactions', {
  /** When each account last had an interaction up to `asOf`. */
  lastInteractionTimes: {
    examples: [[[...EXAMPLE_IDS], new Date('2026-04-01T00:00:00Z')]],
    build: (accountIds: readonly string[], asOf: Date) => sql`
      SELECT account_id, max(occurred_at) AS at FROM interaction_account
       WHERE workspace_id = ${sql.workspace} AND account_id = ANY(${accountIds}) AND occurred_at <= ${asOf} GROUP BY account_id`,
  },
});
