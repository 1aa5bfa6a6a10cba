import { sql, sqlStatements } from '@greenlight/identity';
import { EXAMPLE_ID, OTHER_EXAMPLE_ID } from './examples';

/** The accounts an interaction is linked to (`interaction_account`). */
export const interactionAccountsSql = sqlStatements('crm.interaction-accounts', {
  accountsOf: {
    examples: [[EXAMPLE_ID]],
    build: (interactionId: string) => sql`
      SELECT account_id AS "accountId" FROM interaction_account
      WHERE workspace_id = ${sql.workspace} AND interaction_id = ${interactionId} ORDER BY account_id`,
  },
  /** Unlinks every account of the interaction but `keep`. */
  unlinkAllBut: {
    examples: [[EXAMPLE_ID, OTHER_EXAMPLE_ID]],
    build: (interactionId: string, keep: string) => sql`
      DELETE FROM interaction_account
      WHERE workspace_id = ${sql.workspace} AND interaction_id = ${interactionId} AND account_id <> ${keep}`,
  },
  link: {
    examples: [[EXAMPLE_ID, OTHER_EXAMPLE_ID, new Date('2026-04-01T10:00:00Z')]],
    build: (interactionId: string, accountId: string, occurredAt: Date) => sql`
      INSERT INTO interaction_account (workspace_id, interaction_id, account_id, occurred_at)
      VALUES (${sql.workspace}, ${interactionId}, ${accountId}, ${occurredAt})
      ON CONFLICT DO NOTHING`,
  },
});
