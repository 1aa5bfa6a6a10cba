import { sql, sqlStatements } from '@greenlight/identity';
import { EXAMPLE_ID } from './examples';

const EXAMPLE_NOTIFICATIONS = [`TASK_DUE:${EXAMPLE_ID}`, `MENTION:${EXAMPLE_ID}`];

/** Each member's read notifications (`notification_read`); unread ones have no row. */
export const notificationsSql = sqlStatements('crm.notifications', {
  /** Which of `ids` the member has read. */
  read: {
    examples: [[EXAMPLE_ID, EXAMPLE_NOTIFICATIONS]],
    build: (memberId: string, ids: readonly string[]) => sql`
      SELECT notification_id AS id FROM notification_read
      WHERE workspace_id = ${sql.workspace} AND member_id = ${memberId} AND notification_id = ANY(${ids}::text[])`,
  },
  markRead: {
    examples: [[EXAMPLE_ID, EXAMPLE_NOTIFICATIONS]],
    build: (memberId: string, ids: readonly string[]) => sql`
      INSERT INTO notification_read (workspace_id, member_id, notification_id)
      SELECT ${sql.workspace}, ${memberId}, id FROM unnest(${ids}::text[]) AS id
      ON CONFLICT (workspace_id, member_id, notification_id) DO NOTHING`,
  },
  markUnread: {
    examples: [[EXAMPLE_ID, EXAMPLE_NOTIFICATIONS]],
    build: (memberId: string, ids: readonly string[]) => sql`
      DELETE FROM notification_read
      WHERE workspace_id = ${sql.workspace} AND member_id = ${memberId} AND notification_id = ANY(${ids}::text[])`,
  },
  /** Forgets read marks of notifications no longer shown, so a member keeps about as many rows as they see. */
  forgetAllBut: {
    examples: [[EXAMPLE_ID, EXAMPLE_NOTIFICATIONS]],
    build: (memberId: string, current: readonly string[]) => sql`
      DELETE FROM notification_read
      WHERE workspace_id = ${sql.workspace} AND member_id = ${memberId} AND NOT (notification_id = ANY(${current}::text[]))`,
  },
});
