import { sql, sqlStatements } from '@greenlight/identity';

export const reviewSql = sqlStatements('capture.review', {
  /** Adds a contact to every captured interaction that had their address among its participants. */
  addContactToCaptured: {
    examples: [['00000000-0000-4000-8000-0000000000c1', 'ana@studio.example']],
    build: (contactId: string, address: string) =>
      sql`INSERT INTO interaction_contact (workspace_id, interaction_id, contact_id)
          SELECT workspace_id, interaction_id, ${contactId} FROM captured_item
           WHERE workspace_id = ${sql.workspace} AND participants @> ARRAY[${address}::text]
          ON CONFLICT DO NOTHING`,
  },
});
