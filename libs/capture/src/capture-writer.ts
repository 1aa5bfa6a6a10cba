import { InteractionKind } from '@greenlight/crm';
import { Outbox, SqlRunner, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Attendee } from './calendar/ics';
import { CaptureSource, CapturedMessageSnapshot } from './entities';
import { CapturedChange, writerSql } from './sql/writer.sql';

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

/** The statements of one batch: bound to its workspace, in its transaction. */
interface Tx {
  workspaceId: string;
  db: SqlRunner;
  manager: EntityManager;
}

type Insert = {
  item: Capturable;
  interactionId: string;
  links: ReturnType<Directory['match']>;
  fingerprint: string;
};

type Update = {
  found: ExistingItem;
  item: Capturable;
  links: ReturnType<Directory['match']>;
  fingerprint: string;
};

/**
 * Turns captured events and e-mails into interactions, in one transaction per batch: matched by
 * participants outside the workspace's own domains (a contact's address or an account's domain),
 * keyed by source, UID/Message-ID and recurrence id so capturing again creates nothing twice, an
 * update (higher or equal SEQUENCE, changed content) rewrites its interaction, a cancellation marks
 * it. Unknown addresses at known account domains become suggested contacts.
 */
@Injectable()
export class CaptureWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenantSql: TenantSql,
    private readonly outbox: Outbox,
  ) {}

  async record(
    workspaceId: string,
    memberId: string,
    items: Capturable[],
    options: { subscriptionId?: string | null; manager?: EntityManager; force?: boolean } = {},
  ): Promise<CaptureOutcome> {
    const work = (manager: EntityManager) =>
      this.recordWithin(
        { workspaceId, db: this.tenantSql.inWorkspace(workspaceId), manager },
        memberId,
        items,
        options.subscriptionId ?? null,
        options.force ?? false,
      );
    return options.manager ? work(options.manager) : this.dataSource.transaction(work);
  }

  private async recordWithin(
    tx: Tx,
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
    const directory = await this.directory(tx, items);
    const existing = await this.existing(tx, items);

    const inserts: Insert[] = [];
    const updates: Update[] = [];
    const seenAgain: string[] = [];
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
          seenAgain.push(found.interaction_id);
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
        updates.push({ found, item, links, fingerprint });
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
    await this.insert(tx, memberId, subscriptionId, inserts);
    await this.update(tx, updates);
    if (seenAgain.length) await tx.db.execute(writerSql.addMember(seenAgain, memberId), tx.manager);
    outcome.created += inserts.length;
    outcome.logged += inserts.length;
    outcome.interactionIds.push(...inserts.map((insert) => insert.interactionId));
    outcome.suggested += await this.suggest(tx, memberId, [...suggestions.values()], messages);
    return outcome;
  }

  private async directory({ db, manager }: Tx, items: Capturable[]): Promise<Directory> {
    const emails = [...new Set(items.flatMap((item) => item.participants.map((p) => p.email)))];
    const domains = [...new Set(emails.map(domainOf))];
    const uids = [
      ...new Set(items.filter((item) => item.source === 'calendar').map((item) => item.externalId)),
    ];
    const [members, contacts, accounts, exclusions] = await Promise.all([
      db.query<{ id: string; email: string }>(writerSql.members(), manager),
      db.query<{ id: string; emails: string[]; account_ids: string[] }>(writerSql.contactsByEmail(emails), manager),
      db.query<{ id: string; domains: string[] }>(writerSql.accountsByDomain(domains), manager),
      uids.length
        ? db.query<{ uid: string; recurrence_id: string }>(writerSql.exclusions(uids), manager)
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

  private async existing({ db, manager }: Tx, items: Capturable[]): Promise<Map<string, ExistingItem>> {
    const sources = items.map((item) => item.source);
    const externalIds = items.map((item) => item.externalId);
    const rows = await db.query<ExistingItem & { source: string }>(writerSql.existing(sources, externalIds), manager);
    return new Map(
      rows.map((row) => [`${row.source}\u0000${row.external_id}\u0000${row.recurrence_id}`, row]),
    );
  }

  private async insert(
    { workspaceId, db, manager }: Tx,
    memberId: string,
    subscriptionId: string | null,
    rows: Insert[],
  ): Promise<void> {
    if (!rows.length) return;
    const column = <T>(pick: (row: Insert) => T) => rows.map(pick);
    await db.execute(
      writerSql.insertInteractions(
        {
          ids: column((row) => row.interactionId),
          kinds: column((row) => kindOf(row.item)),
          occurredAt: column((row) => row.item.occurredAt.toISOString()),
          timeZones: column((row) => row.item.timeZone),
          durations: column((row) => row.item.durationMinutes),
          locations: column((row) => row.item.location),
          summaries: column((row) => row.item.summary),
        },
        memberId,
      ),
      manager,
    );
    await this.link(
      { db, manager },
      rows.map((row) => ({
        interactionId: row.interactionId,
        occurredAt: row.item.occurredAt,
        ...row.links,
      })),
    );
    await db.execute(
      writerSql.insertCapturedItems(
        {
          interactionIds: column((row) => row.interactionId),
          sources: column((row) => row.item.source),
          externalIds: column((row) => row.item.externalId),
          recurrenceIds: column((row) => row.item.recurrenceId),
          occurredAt: column((row) => row.item.occurredAt.toISOString()),
          sequences: column((row) => row.item.sequence),
          fingerprints: column((row) => row.fingerprint),
          notes: column((row) => row.item.notes),
          participants: column((row) => JSON.stringify(row.item.participants.map((p) => p.email))),
          threadKeys: column((row) => row.item.threadKey ?? null),
          attachments: column((row) => JSON.stringify(row.item.attachments ?? [])),
        },
        subscriptionId,
      ),
      manager,
    );
    // the same event an interaction logged by hand gives, with where it was captured from
    await this.outbox.record(
      manager,
      rows.map(({ item, interactionId, links }) => ({
        type: 'interaction.logged' as const,
        data: {
          interactionId,
          kind: kindOf(item),
          occurredAt: item.occurredAt,
          summary: item.summary,
          accountIds: links.accountIds,
          contactIds: links.contactIds,
          memberIds: links.memberIds,
          loggedById: memberId,
          capturedFrom: item.source,
        },
      })),
      workspaceId,
    );
  }

  private async link(
    { db, manager }: Omit<Tx, 'workspaceId'>,
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
      await db.execute(writerSql.linkAccounts(accounts.left, accounts.right, accounts.at), manager);
    const contacts = pairs((row) => row.contactIds);
    if (contacts.left.length)
      await db.execute(writerSql.linkContacts(contacts.left, contacts.right), manager);
    const members = pairs((row) => row.memberIds);
    if (members.left.length)
      await db.execute(writerSql.linkMembers(members.left, members.right), manager);
  }

  /** Rewrites changed occurrences' interactions, links and captured state: a few statements for the whole batch. */
  private async update({ db, manager }: Tx, rows: Update[]): Promise<void> {
    if (!rows.length) return;
    const changes: CapturedChange[] = rows.map(({ found, item, fingerprint }) => ({
      itemId: found.id,
      interactionId: found.interaction_id,
      occurredAt: item.occurredAt.toISOString(),
      timeZone: item.timeZone,
      durationMinutes: item.durationMinutes,
      location: item.location,
      summary: item.summary,
      sequence: item.sequence,
      fingerprint,
      notes: item.notes,
      participants: item.participants.map((p) => p.email),
      cancelled: item.cancelled,
    }));
    const interactionIds = changes.map((change) => change.interactionId);
    await db.execute(writerSql.updateInteractions(changes), manager);
    await db.execute(writerSql.unlinkAccounts(interactionIds), manager);
    await db.execute(writerSql.unlinkContacts(interactionIds), manager);
    await this.link(
      { db, manager },
      rows.map(({ found, item, links }) => ({ interactionId: found.interaction_id, occurredAt: item.occurredAt, ...links })),
    );
    await db.execute(writerSql.updateItems(changes), manager);
  }

  private async suggest(
    { db, manager }: Tx,
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
    return db.execute(
      writerSql.insertSuggestions(memberId, {
        kinds: rows.map((row) => row.kind),
        keys: rows.map((row) => row.key),
        labels: rows.map((row) => row.label),
        accountIds: rows.map((row) => row.accountId),
        messages: rows.map((row) => row.message),
      }),
      manager,
    );
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
    return this.tenantSql.inWorkspace(workspaceId).execute(writerSql.cancelMissing(subscriptionId, window, seen), manager);
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
