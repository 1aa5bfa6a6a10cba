import { sql, sqlStatements } from '@greenlight/identity';

export const calendarSql = sqlStatements('capture.calendar', {
  /** Moves every due, unpaused subscription's next poll on, answering which they are (at most 1,000). */
  claimDuePolls: {
    acrossWorkspaces: 'the poll schedule serves every workspace',
    examples: [[10]],
    build: (pollMinutes: number) =>
      sql`UPDATE calendar_subscription s SET next_poll_at = now() + make_interval(mins => ${pollMinutes})
            FROM (SELECT workspace_id, id FROM calendar_subscription
                   WHERE url IS NOT NULL AND paused_at IS NULL AND next_poll_at <= now() ORDER BY next_poll_at LIMIT 1000
                     FOR UPDATE SKIP LOCKED) d
           WHERE s.workspace_id = d.workspace_id AND s.id = d.id
          RETURNING s.workspace_id, s.id`,
  },

  /** The event a captured interaction came from, with its title. */
  capturedEvent: {
    examples: [['00000000-0000-4000-8000-0000000000b1']],
    build: (interactionId: string) =>
      sql`SELECT c.external_id, c.recurrence_id, i.summary
            FROM captured_item c JOIN interaction i ON i.workspace_id = c.workspace_id AND i.id = c.interaction_id
           WHERE c.workspace_id = ${sql.workspace} AND c.interaction_id = ${interactionId} AND c.source = 'calendar'`,
  },

  /** Remembers an excluded occurrence (or a series: recurrence id ''). */
  exclude: {
    examples: [['weekly@calendar.example', '', 'Weekly sync']],
    build: (uid: string, recurrenceId: string, label: string) =>
      sql`INSERT INTO capture_exclusion (workspace_id, uid, recurrence_id, label)
          VALUES (${sql.workspace}, ${uid}, ${recurrenceId}, ${label}) ON CONFLICT DO NOTHING`,
  },
});
