import { sql, sqlStatements } from '@greenlight/identity';

const SUBSCRIPTION = '00000000-0000-4000-8000-0000000000b2';

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
  /** Removes the interactions capture logged for an event (one occurrence, or the series: recurrence id ''). */
  removeCapturedEvent: {
    examples: [['weekly@calendar.example', '']],
    build: (uid: string, recurrenceId: string) =>
      sql`DELETE FROM interaction i USING captured_item c
           WHERE c.workspace_id = ${sql.workspace} AND c.source = 'calendar' AND c.external_id = ${uid}
             AND (${recurrenceId} = '' OR c.recurrence_id = ${recurrenceId})
             AND i.workspace_id = c.workspace_id AND i.id = c.interaction_id`,
  },

  /** A poll that found the feed unchanged. */
  pollUnchanged: {
    examples: [[SUBSCRIPTION, 10]],
    build: (subscriptionId: string, pollMinutes: number) =>
      sql`UPDATE calendar_subscription
             SET last_polled_at = now(), last_success_at = now(),
                 status = CASE WHEN status = 'pending' THEN 'ok' ELSE status END,
                 next_poll_at = now() + make_interval(mins => ${pollMinutes})
           WHERE workspace_id = ${sql.workspace} AND id = ${subscriptionId}`,
  },

  /** Holds the subscription for one import at a time, across instances. */
  lockSubscription: {
    examples: [[SUBSCRIPTION]],
    build: (subscriptionId: string) =>
      sql`SELECT id FROM calendar_subscription WHERE workspace_id = ${sql.workspace} AND id = ${subscriptionId} FOR UPDATE`,
  },

  /** An import that went through: its notes, count and the feed's validators; polled feeds poll again later. */
  importSucceeded: {
    examples: [[SUBSCRIPTION, { notes: 'skipped 1 event', imported: 12, etag: '"abc"', lastModified: null }, 10]],
    build: (
      subscriptionId: string,
      outcome: { notes: string | null; imported: number; etag: string | null; lastModified: string | null },
      pollMinutes: number,
    ) =>
      sql`UPDATE calendar_subscription
             SET status = 'ok', last_error = ${outcome.notes}, last_polled_at = now(),
                 last_success_at = now(), events_imported = ${outcome.imported}, etag = ${outcome.etag},
                 last_modified = ${outcome.lastModified},
                 next_poll_at = CASE WHEN url IS NULL THEN next_poll_at
                                     ELSE now() + make_interval(mins => ${pollMinutes}) END
           WHERE workspace_id = ${sql.workspace} AND id = ${subscriptionId}`,
  },

  /** A poll or import that failed or was refused; the next poll is not brought forward. */
  pollFailed: {
    examples: [[SUBSCRIPTION, 'failing', 'the server answered 503', 10]],
    build: (subscriptionId: string, status: 'failing' | 'refused', error: string, pollMinutes: number) =>
      sql`UPDATE calendar_subscription
             SET status = ${status}, last_error = ${error}, last_polled_at = now(),
                 next_poll_at = greatest(next_poll_at, now() + make_interval(mins => ${pollMinutes}))
           WHERE workspace_id = ${sql.workspace} AND id = ${subscriptionId}`,
  },
});
