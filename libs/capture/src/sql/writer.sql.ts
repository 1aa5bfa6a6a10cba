import { sql, sqlStatements } from '@greenlight/identity';

const EXAMPLE_INTERACTION = '00000000-0000-4000-8000-0000000000c1';
const EXAMPLE_ITEM = '00000000-0000-4000-8000-0000000000c2';
const EXAMPLE_MEMBER = '00000000-0000-4000-8000-0000000000c3';

const MEMBER = EXAMPLE_MEMBER;
const ACCOUNT = '00000000-0000-4000-8000-0000000000a1';
const AT = '2026-03-02T10:00:00.000Z';
const INTERACTION = EXAMPLE_INTERACTION;

/** Interactions to create, one entry per interaction in each list. */
interface NewInteractions {
  ids: string[];
  kinds: string[];
  occurredAt: string[];
  timeZones: string[];
  durations: (number | null)[];
  locations: (string | null)[];
  summaries: string[];
}

/** Captured items to create, one entry per item in each list (participants and attachments as JSON). */
interface NewCapturedItems {
  interactionIds: string[];
  sources: string[];
  externalIds: string[];
  recurrenceIds: string[];
  occurredAt: string[];
  sequences: number[];
  fingerprints: string[];
  notes: (string | null)[];
  participants: string[];
  threadKeys: (string | null)[];
  attachments: string[];
}

/** Suggestions to record for a member, one entry per suggestion in each list. */
interface NewSuggestions {
  kinds: string[];
  keys: string[];
  labels: string[];
  accountIds: (string | null)[];
  messages: (string | null)[];
}

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

  members: {
    examples: [[]],
    build: () =>
      sql`SELECT m.id, lower(u.email) AS email FROM membership m JOIN user_account u ON u.id = m.user_id
           WHERE m.workspace_id = ${sql.workspace}`,
  },

  contactsByEmail: {
    examples: [[['ana@studio.example']]],
    build: (emails: string[]) =>
      sql`SELECT c.id, c.emails,
                 coalesce(array_agg(p.account_id) FILTER (WHERE p.account_id IS NOT NULL), '{}') AS account_ids
            FROM contact c
            LEFT JOIN position p ON p.workspace_id = c.workspace_id AND p.contact_id = c.id AND p.ended_on IS NULL
           WHERE c.workspace_id = ${sql.workspace} AND c.emails && ${emails}::text[] AND c.archived_at IS NULL
           GROUP BY c.id, c.emails`,
  },

  accountsByDomain: {
    examples: [[['studio.example']]],
    build: (domains: string[]) =>
      sql`SELECT id, domains FROM account
           WHERE workspace_id = ${sql.workspace} AND domains && ${domains}::text[] AND archived_at IS NULL
           ORDER BY created_at`,
  },

  exclusions: {
    examples: [[['weekly@calendar.example']]],
    build: (uids: string[]) =>
      sql`SELECT uid, recurrence_id FROM capture_exclusion
           WHERE workspace_id = ${sql.workspace} AND uid = ANY(${uids}::text[])`,
  },

  existing: {
    examples: [[['calendar'], ['weekly@calendar.example']]],
    build: (sources: string[], externalIds: string[]) =>
      sql`SELECT id, interaction_id, source, external_id, recurrence_id, sequence, fingerprint, cancelled_at
            FROM captured_item
           WHERE workspace_id = ${sql.workspace}
             AND (source, external_id) IN (SELECT * FROM unnest(${sources}::text[], ${externalIds}::text[]))
             FOR UPDATE`,
  },

  insertInteractions: {
    examples: [
      [
        {
          ids: [INTERACTION],
          kinds: ['meeting'],
          occurredAt: [AT],
          timeZones: ['Europe/London'],
          durations: [30],
          locations: [null],
          summaries: ['Weekly sync'],
        },
        MEMBER,
      ],
    ],
    build: (rows: NewInteractions, loggedById: string) =>
      sql`INSERT INTO interaction (id, workspace_id, kind, occurred_at, time_zone, duration_minutes, location, summary, logged_by_id)
          SELECT id, ${sql.workspace}, kind::interaction_kind, occurred_at, time_zone, duration_minutes, location, summary, ${loggedById}
            FROM unnest(${rows.ids}::uuid[], ${rows.kinds}::text[], ${rows.occurredAt}::timestamptz[],
                        ${rows.timeZones}::text[], ${rows.durations}::int[], ${rows.locations}::text[], ${rows.summaries}::text[])
              AS t(id, kind, occurred_at, time_zone, duration_minutes, location, summary)`,
  },

  insertCapturedItems: {
    examples: [
      [
        {
          interactionIds: [INTERACTION],
          sources: ['calendar'],
          externalIds: ['weekly@calendar.example'],
          recurrenceIds: [''],
          occurredAt: [AT],
          sequences: [0],
          fingerprints: ['f1'],
          notes: [null],
          participants: ['["ana@studio.example"]'],
          threadKeys: [null],
          attachments: ['[]'],
        },
        '00000000-0000-4000-8000-0000000000b2',
      ],
    ],
    build: (rows: NewCapturedItems, subscriptionId: string | null) =>
      sql`INSERT INTO captured_item (workspace_id, interaction_id, source, external_id, recurrence_id, subscription_id,
                                     occurred_at, sequence, fingerprint, notes, participants, thread_key, attachments)
          SELECT ${sql.workspace}, interaction_id, source, external_id, recurrence_id, ${subscriptionId}::uuid, occurred_at,
                 sequence, fingerprint, notes, ARRAY(SELECT jsonb_array_elements_text(participants)), thread_key, attachments
            FROM unnest(${rows.interactionIds}::uuid[], ${rows.sources}::text[], ${rows.externalIds}::text[],
                        ${rows.recurrenceIds}::text[], ${rows.occurredAt}::timestamptz[], ${rows.sequences}::int[],
                        ${rows.fingerprints}::text[], ${rows.notes}::text[], ${rows.participants}::jsonb[],
                        ${rows.threadKeys}::text[], ${rows.attachments}::jsonb[])
              AS t(interaction_id, source, external_id, recurrence_id, occurred_at, sequence, fingerprint, notes,
                   participants, thread_key, attachments)`,
  },

  linkAccounts: {
    examples: [[[INTERACTION], [ACCOUNT], [AT]]],
    build: (interactionIds: string[], accountIds: string[], occurredAt: string[]) =>
      sql`INSERT INTO interaction_account (workspace_id, interaction_id, account_id, occurred_at)
          SELECT ${sql.workspace}, * FROM unnest(${interactionIds}::uuid[], ${accountIds}::uuid[], ${occurredAt}::timestamptz[])
          ON CONFLICT DO NOTHING`,
  },

  linkContacts: {
    examples: [[[INTERACTION], ['00000000-0000-4000-8000-0000000000c1']]],
    build: (interactionIds: string[], contactIds: string[]) =>
      sql`INSERT INTO interaction_contact (workspace_id, interaction_id, contact_id)
          SELECT ${sql.workspace}, * FROM unnest(${interactionIds}::uuid[], ${contactIds}::uuid[]) ON CONFLICT DO NOTHING`,
  },

  linkMembers: {
    examples: [[[INTERACTION], [MEMBER]]],
    build: (interactionIds: string[], memberIds: string[]) =>
      sql`INSERT INTO interaction_member (workspace_id, interaction_id, member_id)
          SELECT ${sql.workspace}, * FROM unnest(${interactionIds}::uuid[], ${memberIds}::uuid[]) ON CONFLICT DO NOTHING`,
  },

  insertSuggestions: {
    examples: [
      [
        MEMBER,
        { kinds: ['contact'], keys: ['ana@studio.example'], labels: ['Ana'], accountIds: [ACCOUNT], messages: [null] },
      ],
    ],
    build: (memberId: string, rows: NewSuggestions) =>
      sql`INSERT INTO capture_suggestion (workspace_id, member_id, kind, key, label, account_id, message)
          SELECT ${sql.workspace}, ${memberId}, *
            FROM unnest(${rows.kinds}::text[], ${rows.keys}::text[], ${rows.labels}::text[], ${rows.accountIds}::uuid[],
                        ${rows.messages}::jsonb[])
          ON CONFLICT ON CONSTRAINT "UQ_capture_suggestion_key" DO NOTHING`,
  },

  cancelMissing: {
    examples: [
      ['00000000-0000-4000-8000-0000000000b2', { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') }, ['weekly@calendar.example\u001f']],
    ],
    build: (subscriptionId: string, window: { from: Date; to: Date }, seen: string[]) =>
      sql`UPDATE captured_item SET cancelled_at = now(), updated_at = now()
           WHERE workspace_id = ${sql.workspace} AND subscription_id = ${subscriptionId} AND cancelled_at IS NULL
             AND occurred_at BETWEEN ${window.from} AND ${window.to}
             AND (external_id || chr(31) || recurrence_id) NOT IN (SELECT unnest(${seen}::text[]))`,
  },
});
