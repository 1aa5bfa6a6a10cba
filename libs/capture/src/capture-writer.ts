import { InteractionKind } from '@greenlight/crm';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Attendee } from './calendar/ics';
import { CaptureSource, CapturedMessageSnapshot } from './entities';

/** Something capture may log: an event occurrence or an e-mail. */
export interface Capturable {
  source: CaptureSource;
  externalId: string;
  recurrenceId: string;
  sequence: number;
  occurredAt: Date;
  timeZone: string;
  durationMinutes: number | null;
  location: string | null;
  summary: string;
  notes: string | null;
  participants: Attendee[];
  cancelled: boolean;
  threadKey?: string | null;
  attachments?: { name: string; size: number }[];
  /** An unmatched e-mail goes to the review queue with this snapshot. */
  message?: CapturedMessageSnapshot;
}

export interface CaptureOutcome {
  /** Interactions created or changed (a cancellation counts). */
  logged: number;
  created: number;
  updated: number;
  /** Ids of the interactions created or changed, in input order. */
  interactionIds: string[];
  /** Captured before and unchanged (an e-mail BCC'd again, an event polled again). */
  unchanged: number;
  /** Not logged: internal only, matching nobody, excluded, or cancelled before it was ever logged. */
  ignored: number;
  suggested: number;
}

interface ExistingItem {
  id: string;
  interaction_id: string;
  external_id: string;
  recurrence_id: string;
  sequence: number;
  fingerprint: string;
  cancelled_at: Date | null;
}

/** Who is who in one workspace, for the participants of one batch. */
class Directory {
  constructor(
    readonly internalDomains: Set<string>,
    readonly members: Map<string, string>,
    readonly contacts: Map<string, { id: string; accountIds: string[] }>,
    readonly accountsByDomain: Map<string, string[]>,
    readonly excluded: Set<string>,
  ) {}

  /** Accounts, contacts and members of a participant list; `external`: someone from outside takes part. */
  match(participants: Attendee[]) {
    const accountIds = new Set<string>();
    const contactIds = new Set<string>();
    const memberIds = new Set<string>();
    const suggestions: { email: string; name: string | null; accountId: string }[] = [];
    let external = false;
    for (const { email, name } of participants) {
      const member = this.members.get(email);
      if (member) {
        memberIds.add(member);
        continue;
      }
      const domain = domainOf(email);
      if (this.internalDomains.has(domain)) continue;
      external = true;
      const contact = this.contacts.get(email);
      const domainAccounts = this.accountsByDomain.get(domain) ?? [];
      if (contact) {
        contactIds.add(contact.id);
        for (const id of contact.accountIds) accountIds.add(id);
      } else if (domainAccounts.length) suggestions.push({ email, name, accountId: domainAccounts[0] });
      for (const id of domainAccounts) accountIds.add(id);
    }
    return {
      matched: contactIds.size > 0 || accountIds.size > 0,
      external,
      accountIds: [...accountIds],
      contactIds: [...contactIds],
      memberIds: [...memberIds],
      suggestions,
    };
  }
}

export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

const exclusionKey = (uid: string, recurrenceId: string) => `${uid}\u0000${recurrenceId}`;

/**
 * Turns captured events and e-mails into interactions, in one transaction per batch: matched by
 * participants outside the workspace's own domains (a contact's address or an account's domain),
 * keyed by source, UID/Message-ID and recurrence id so capturing again creates nothing twice, an
 * update (higher or equal SEQUENCE, changed content) rewrites its interaction, a cancellation marks
 * it. Unknown addresses at known account domains become suggested contacts.
 */
@Injectable()
export class CaptureWriter {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    workspaceId: string,
    memberId: string,
    items: Capturable[],
    options: { subscriptionId?: string | null; manager?: EntityManager; force?: boolean } = {},
  ): Promise<CaptureOutcome> {
    const work = async (manager: EntityManager) =>
      this.recordWithin(
        manager,
        workspaceId,
        memberId,
        items,
        options.subscriptionId ?? null,
        options.force ?? false,
      );
    return options.manager ? work(options.manager) : this.dataSource.transaction(work);
  }

  private async recordWithin(
    manager: EntityManager,
    workspaceId: string,
    memberId: string,
    items: Capturable[],
    subscriptionId: string | null,
    force: boolean,
  ): Promise<CaptureOutcome> {
    const outcome: CaptureOutcome = {
      logged: 0,
      created: 0,
      updated: 0,
      interactionIds: [],
      unchanged: 0,
      ignored: 0,
      suggested: 0,
    };
    if (!items.length) return outcome;
    const directory = await this.directory(manager, workspaceId, items);
    const existing = await this.existing(manager, workspaceId, items);

    const inserts: {
      item: Capturable;
      interactionId: string;
      links: ReturnType<Directory['match']>;
      fingerprint: string;
    }[] = [];
    const suggestions = new Map<string, { email: string; name: string | null; accountId: string }>();
    const messages: Capturable[] = [];
    for (const item of items) {
      if (
        item.source === 'calendar' &&
        (directory.excluded.has(exclusionKey(item.externalId, '')) ||
          directory.excluded.has(exclusionKey(item.externalId, item.recurrenceId)))
      ) {
        outcome.ignored++;
        continue;
      }
      const links = directory.match(item.participants);
      for (const suggestion of links.suggestions) suggestions.set(suggestion.email, suggestion);
      links.memberIds = [...new Set([memberId, ...links.memberIds])];
      const fingerprint = fingerprintOf(item, links);
      const found = existing.get(`${item.source}\u0000${item.externalId}\u0000${item.recurrenceId}`);
      if (found) {
        if (item.source === 'email') {
          // the same message BCC'd again (by another member): one interaction, one more member
          await manager.query(
            `INSERT INTO interaction_member (workspace_id, interaction_id, member_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
            [workspaceId, found.interaction_id, memberId],
          );
          outcome.unchanged++;
          continue;
        }
        if (
          item.sequence < found.sequence ||
          (found.fingerprint === fingerprint && Boolean(found.cancelled_at) === item.cancelled)
        ) {
          outcome.unchanged++;
          continue;
        }
        await this.update(manager, workspaceId, found, item, links, fingerprint);
        outcome.updated++;
        outcome.logged++;
        outcome.interactionIds.push(found.interaction_id);
        continue;
      }
      if (item.cancelled || !(links.matched || force)) {
        if (!links.matched && links.external && item.message) messages.push(item);
        outcome.ignored++;
        continue;
      }
      inserts.push({ item, interactionId: randomUUID(), links, fingerprint });
    }
    await this.insert(manager, workspaceId, memberId, subscriptionId, inserts);
    outcome.created += inserts.length;
    outcome.logged += inserts.length;
    outcome.interactionIds.push(...inserts.map((insert) => insert.interactionId));
    outcome.suggested += await this.suggest(
      manager,
      workspaceId,
      memberId,
      [...suggestions.values()],
      messages,
    );
    return outcome;
  }

  private async directory(
    manager: EntityManager,
    workspaceId: string,
    items: Capturable[],
  ): Promise<Directory> {
    const emails = [...new Set(items.flatMap((item) => item.participants.map((p) => p.email)))];
    const domains = [...new Set(emails.map(domainOf))];
    const uids = [
      ...new Set(items.filter((item) => item.source === 'calendar').map((item) => item.externalId)),
    ];
    const [members, contacts, accounts, exclusions] = await Promise.all([
      manager.query(
        `SELECT m.id, lower(u.email) AS email FROM membership m JOIN user_account u ON u.id = m.user_id
          WHERE m.workspace_id = $1`,
        [workspaceId],
      ) as Promise<{ id: string; email: string }[]>,
      manager.query(
        `SELECT c.id, c.emails,
                coalesce(array_agg(p.account_id) FILTER (WHERE p.account_id IS NOT NULL), '{}') AS account_ids
           FROM contact c
           LEFT JOIN position p ON p.workspace_id = c.workspace_id AND p.contact_id = c.id AND p.ended_on IS NULL
          WHERE c.workspace_id = $1 AND c.emails && $2::text[] AND c.archived_at IS NULL
          GROUP BY c.id, c.emails`,
        [workspaceId, emails],
      ) as Promise<{ id: string; emails: string[]; account_ids: string[] }[]>,
      manager.query(
        `SELECT id, domains FROM account
          WHERE workspace_id = $1 AND domains && $2::text[] AND archived_at IS NULL ORDER BY created_at`,
        [workspaceId, domains],
      ) as Promise<{ id: string; domains: string[] }[]>,
      uids.length
        ? (manager.query(
            `SELECT uid, recurrence_id FROM capture_exclusion WHERE workspace_id = $1 AND uid = ANY($2::text[])`,
            [workspaceId, uids],
          ) as Promise<{ uid: string; recurrence_id: string }[]>)
        : Promise.resolve([]),
    ]);
    const contactsByEmail = new Map<string, { id: string; accountIds: string[] }>();
    for (const contact of contacts)
      for (const email of contact.emails)
        contactsByEmail.set(email, { id: contact.id, accountIds: contact.account_ids });
    const accountsByDomain = new Map<string, string[]>();
    for (const account of accounts)
      for (const domain of account.domains)
        accountsByDomain.set(domain, [...(accountsByDomain.get(domain) ?? []), account.id]);
    return new Directory(
      new Set(members.map((member) => domainOf(member.email))),
      new Map(members.map((member) => [member.email, member.id])),
      contactsByEmail,
      accountsByDomain,
      new Set(exclusions.map((row) => exclusionKey(row.uid, row.recurrence_id))),
    );
  }

  private async existing(
    manager: EntityManager,
    workspaceId: string,
    items: Capturable[],
  ): Promise<Map<string, ExistingItem>> {
    const rows: (ExistingItem & { source: string })[] = await manager.query(
      `SELECT id, interaction_id, source, external_id, recurrence_id, sequence, fingerprint, cancelled_at
         FROM captured_item
        WHERE workspace_id = $1 AND (source, external_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))
        FOR UPDATE`,
      [workspaceId, items.map((item) => item.source), items.map((item) => item.externalId)],
    );
    return new Map(
      rows.map((row) => [`${row.source}\u0000${row.external_id}\u0000${row.recurrence_id}`, row]),
    );
  }

  private async insert(
    manager: EntityManager,
    workspaceId: string,
    memberId: string,
    subscriptionId: string | null,
    rows: {
      item: Capturable;
      interactionId: string;
      links: ReturnType<Directory['match']>;
      fingerprint: string;
    }[],
  ): Promise<void> {
    if (!rows.length) return;
    const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
    await manager.query(
      `INSERT INTO interaction (id, workspace_id, kind, occurred_at, time_zone, duration_minutes, location, summary, logged_by_id)
       SELECT id, $1, kind::interaction_kind, occurred_at, time_zone, duration_minutes, location, summary, $2
         FROM unnest($3::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::int[], $8::text[], $9::text[])
           AS t(id, kind, occurred_at, time_zone, duration_minutes, location, summary)`,
      [
        workspaceId,
        memberId,
        column((row) => row.interactionId),
        column((row) => kindOf(row.item)),
        column((row) => row.item.occurredAt.toISOString()),
        column((row) => row.item.timeZone),
        column((row) => row.item.durationMinutes),
        column((row) => row.item.location),
        column((row) => row.item.summary),
      ],
    );
    await this.link(
      manager,
      workspaceId,
      rows.map((row) => ({
        interactionId: row.interactionId,
        occurredAt: row.item.occurredAt,
        ...row.links,
      })),
    );
    await manager.query(
      `INSERT INTO captured_item (workspace_id, interaction_id, source, external_id, recurrence_id, subscription_id,
                                  occurred_at, sequence, fingerprint, notes, participants, thread_key, attachments)
       SELECT $1, interaction_id, source, external_id, recurrence_id, $2, occurred_at, sequence, fingerprint, notes,
              ARRAY(SELECT jsonb_array_elements_text(participants)), thread_key, attachments
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::int[], $9::text[],
                     $10::text[], $11::jsonb[], $12::text[], $13::jsonb[])
           AS t(interaction_id, source, external_id, recurrence_id, occurred_at, sequence, fingerprint, notes,
                participants, thread_key, attachments)`,
      [
        workspaceId,
        subscriptionId,
        column((row) => row.interactionId),
        column((row) => row.item.source),
        column((row) => row.item.externalId),
        column((row) => row.item.recurrenceId),
        column((row) => row.item.occurredAt.toISOString()),
        column((row) => row.item.sequence),
        column((row) => row.fingerprint),
        column((row) => row.item.notes),
        column((row) => JSON.stringify(row.item.participants.map((p) => p.email))),
        column((row) => row.item.threadKey ?? null),
        column((row) => JSON.stringify(row.item.attachments ?? [])),
      ],
    );
  }

  private async link(
    manager: EntityManager,
    workspaceId: string,
    rows: {
      interactionId: string;
      occurredAt: Date;
      accountIds: string[];
      contactIds: string[];
      memberIds: string[];
    }[],
  ): Promise<void> {
    const pairs = (pick: (row: (typeof rows)[number]) => string[]) => {
      const left: string[] = [];
      const right: string[] = [];
      const at: string[] = [];
      for (const row of rows)
        for (const id of pick(row)) {
          left.push(row.interactionId);
          right.push(id);
          at.push(row.occurredAt.toISOString());
        }
      return { left, right, at };
    };
    const accounts = pairs((row) => row.accountIds);
    if (accounts.left.length)
      await manager.query(
        `INSERT INTO interaction_account (workspace_id, interaction_id, account_id, occurred_at)
         SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[]) ON CONFLICT DO NOTHING`,
        [workspaceId, accounts.left, accounts.right, accounts.at],
      );
    for (const [table, column, pick] of [
      ['interaction_contact', 'contact_id', (row: (typeof rows)[number]) => row.contactIds],
      ['interaction_member', 'member_id', (row: (typeof rows)[number]) => row.memberIds],
    ] as const) {
      const { left, right } = pairs(pick);
      if (left.length)
        await manager.query(
          `INSERT INTO ${table} (workspace_id, interaction_id, ${column})
           SELECT $1, * FROM unnest($2::uuid[], $3::uuid[]) ON CONFLICT DO NOTHING`,
          [workspaceId, left, right],
        );
    }
  }

  private async update(
    manager: EntityManager,
    workspaceId: string,
    found: ExistingItem,
    item: Capturable,
    links: ReturnType<Directory['match']>,
    fingerprint: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE interaction SET occurred_at = $3, time_zone = $4, duration_minutes = $5, location = $6, summary = $7
        WHERE workspace_id = $1 AND id = $2`,
      [
        workspaceId,
        found.interaction_id,
        item.occurredAt,
        item.timeZone,
        item.durationMinutes,
        item.location,
        item.summary,
      ],
    );
    for (const table of ['interaction_account', 'interaction_contact'])
      await manager.query(`DELETE FROM ${table} WHERE workspace_id = $1 AND interaction_id = $2`, [
        workspaceId,
        found.interaction_id,
      ]);
    await this.link(manager, workspaceId, [
      { interactionId: found.interaction_id, occurredAt: item.occurredAt, ...links },
    ]);
    await manager.query(
      `UPDATE captured_item
          SET sequence = $3, fingerprint = $4, occurred_at = $5, notes = $6, participants = $7,
              cancelled_at = CASE WHEN $8 THEN coalesce(cancelled_at, now()) END, updated_at = now()
        WHERE workspace_id = $1 AND id = $2`,
      [
        workspaceId,
        found.id,
        item.sequence,
        fingerprint,
        item.occurredAt,
        item.notes,
        item.participants.map((p) => p.email),
        item.cancelled,
      ],
    );
  }

  private async suggest(
    manager: EntityManager,
    workspaceId: string,
    memberId: string,
    contacts: { email: string; name: string | null; accountId: string }[],
    messages: Capturable[],
  ): Promise<number> {
    const rows = [
      ...contacts.map((c) => ({
        kind: 'contact',
        key: c.email,
        label: c.name ?? c.email,
        accountId: c.accountId,
        message: null,
      })),
      ...messages.map((m) => ({
        kind: 'message',
        key: m.externalId,
        label: m.summary,
        accountId: null,
        message: JSON.stringify(m.message),
      })),
    ];
    if (!rows.length) return 0;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO capture_suggestion (workspace_id, member_id, kind, key, label, account_id, message)
       SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[])
       ON CONFLICT ON CONSTRAINT "UQ_capture_suggestion_key" DO NOTHING
       RETURNING id`,
      [
        workspaceId,
        memberId,
        rows.map((row) => row.kind),
        rows.map((row) => row.key),
        rows.map((row) => row.label),
        rows.map((row) => row.accountId),
        rows.map((row) => row.message),
      ],
    );
    return inserted.length;
  }

  /**
   * Marks cancelled the subscription's logged occurrences in `window` that the feed no longer has
   * (`seen` holds `occurrenceKey(uid, recurrenceId)` of every occurrence it has); returns how many.
   */
  async cancelMissing(
    manager: EntityManager,
    workspaceId: string,
    subscriptionId: string,
    window: { from: Date; to: Date },
    seen: string[],
  ): Promise<number> {
    // an UPDATE answers [rows, affected count]
    const [, cancelled]: [unknown[], number] = await manager.query(
      `UPDATE captured_item SET cancelled_at = now(), updated_at = now()
        WHERE workspace_id = $1 AND subscription_id = $2 AND cancelled_at IS NULL
          AND occurred_at BETWEEN $3 AND $4
          AND NOT (external_id || chr(31) || recurrence_id = ANY($5::text[]))`,
      [workspaceId, subscriptionId, window.from, window.to, seen],
    );
    return cancelled;
  }
}

function kindOf(item: Capturable): InteractionKind {
  return item.source === 'calendar' ? InteractionKind.MEETING : InteractionKind.EMAIL;
}

function fingerprintOf(item: Capturable, links: ReturnType<Directory['match']>): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        item.occurredAt.toISOString(),
        item.timeZone,
        item.durationMinutes,
        item.location,
        item.summary,
        item.notes,
        [...links.accountIds].sort(),
        [...links.contactIds].sort(),
        [...links.memberIds].sort(),
      ]),
    )
    .digest('base64url');
}
