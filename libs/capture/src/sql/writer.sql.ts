import { sql, sqlStatements } from '@greenlight/identity';

const EXAMPLE_INTERACTION = '00000000-0000-4000-8000-0000000000c1';
const EXAMPLE_ITEM = '00000000-0000-4000-8000-0000000000c2';
const EXAMPLE_MEMBER = '00000000-0000-4000-8000-0000000000c3';

/** One changed occurrence, as the batched update takes it. */
export interface CapturedChange {
  itemId: string;
  interactionId: string;
  occurredAt: string;
  timeZone: string;
  durationMinutes: number | null;
  location: string | null;
  summary: string;
  sequence: number;
  fingerprint: string;
  notes: string | null;
  participants: string[];
  cancelled: boolean;
}

const exampleChange: CapturedChange = {
  itemId: EXAMPLE_ITEM,
  interactionId: EXAMPLE_INTERACTION,
  occurredAt: '2026-04-01T15:00:00.000Z',
  timeZone: 'Europe/London',
  durationMinutes: 30,
  location: 'Studio 4',
  summary: 'Weekly sync',
  sequence: 2,
  fingerprint: 'abc',
  notes: 'Agenda',
  participants: ['dana@northlight.example'],
  cancelled: false,
};

/** The set-based statements of CaptureWriter: one per batch, whatever its size. */
export const writerSql = sqlStatements('capture.writer', {
  /** Rewrites the interactions of changed occurrences. */
  updateInteractions: {
    examples: [[[exampleChange]]],
    build: (changes: CapturedChange[]) =>
      sql`UPDATE interaction i
             SET occurred_at = t.occurred_at, time_zone = t.time_zone, duration_minutes = t.duration_minutes,
                 location = t.location, summary = t.summary
            FROM unnest(${changes.map((c) => c.interactionId)}::uuid[], ${changes.map((c) => c.occurredAt)}::timestamptz[],
                        ${changes.map((c) => c.timeZone)}::text[], ${changes.map((c) => c.durationMinutes)}::int[],
                        ${changes.map((c) => c.location)}::text[], ${changes.map((c) => c.summary)}::text[])
              AS t(id, occurred_at, time_zone, duration_minutes, location, summary)
           WHERE i.workspace_id = ${sql.workspace} AND i.id = t.id`,
  },

  /** Unlinks the accounts and contacts of interactions about to be linked again. */
  unlinkAccounts: {
    examples: [[[EXAMPLE_INTERACTION]]],
    build: (interactionIds: string[]) =>
      sql`DELETE FROM interaction_account WHERE workspace_id = ${sql.workspace} AND interaction_id = ANY(${interactionIds}::uuid[])`,
  },
  unlinkContacts: {
    examples: [[[EXAMPLE_INTERACTION]]],
    build: (interactionIds: string[]) =>
      sql`DELETE FROM interaction_contact WHERE workspace_id = ${sql.workspace} AND interaction_id = ANY(${interactionIds}::uuid[])`,
  },

  /** Records the new state of changed occurrences (a cancellation keeps its first time). */
  updateItems: {
    examples: [[[exampleChange]]],
    build: (changes: CapturedChange[]) =>
      sql`UPDATE captured_item c
             SET sequence = t.sequence, fingerprint = t.fingerprint, occurred_at = t.occurred_at, notes = t.notes,
                 participants = ARRAY(SELECT jsonb_array_elements_text(t.participants)),
                 cancelled_at = CASE WHEN t.cancelled THEN coalesce(c.cancelled_at, now()) END, updated_at = now()
            FROM unnest(${changes.map((c) => c.itemId)}::uuid[], ${changes.map((c) => c.sequence)}::int[],
                        ${changes.map((c) => c.fingerprint)}::text[], ${changes.map((c) => c.occurredAt)}::timestamptz[],
                        ${changes.map((c) => c.notes)}::text[], ${changes.map((c) => JSON.stringify(c.participants))}::jsonb[],
                        ${changes.map((c) => c.cancelled)}::boolean[])
              AS t(id, sequence, fingerprint, occurred_at, notes, participants, cancelled)
           WHERE c.workspace_id = ${sql.workspace} AND c.id = t.id`,
  },

  /** Links a member to interactions logged before (the same message BCC'd again). */
  addMember: {
    examples: [[[EXAMPLE_INTERACTION], EXAMPLE_MEMBER]],
    build: (interactionIds: string[], memberId: string) =>
      sql`INSERT INTO interaction_member (workspace_id, interaction_id, member_id)
          SELECT ${sql.workspace}, id, ${memberId} FROM unnest(${interactionIds}::uuid[]) AS t(id)
          ON CONFLICT DO NOTHING`,
  },
});
