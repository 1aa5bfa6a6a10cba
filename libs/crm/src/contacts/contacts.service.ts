import {
  Connection,
  connectionOf,
  holding,
  InvalidInputException,
  LoaderRegistry,
  pageRequest,
  SortDirection,
} from '@greenlight/common';
import {
  AuditService,
  IdentityLoaders,
  Membership,
  requireInWorkspace,
  sql,
  SqlFragment,
  TenantSql,
  WorkspaceScope,
} from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { setArchived } from '../archiving';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { CrmLoaders } from '../crm.loaders';
import { jsonMembers, jsonRows } from '../sql/json-rows';
import { contactConditions, contactsSql } from '../sql/contacts.sql';
import { ContactKind } from '../enums';
import { Contact } from './contact.entity';
import {
  AddPositionInput,
  ContactSortField,
  ContactsArgs,
  CreateContactInput,
  MoveContactInput,
  RepresentationInput,
  UpdateContactInput,
} from './contact.inputs';
import { Position } from './position.entity';
import { Representation } from './representation.entity';
import { definedChanges } from '../changes';

const SORT = {
  [ContactSortField.NAME]: { expression: sql`lower(c.name)`, value: (c: Contact) => c.name.toLowerCase(), part: 'text' as const },
  [ContactSortField.CREATED_AT]: {
    expression: sql`c.created_at`,
    value: (c: Contact) => c.createdAt.toISOString(),
    part: 'timestamp' as const,
  },
  [ContactSortField.UPDATED_AT]: {
    expression: sql`c.updated_at`,
    value: (c: Contact) => c.updatedAt.toISOString(),
    part: 'timestamp' as const,
  },
};

const snapshot = (contact: Contact) => ({
  name: contact.name,
  title: contact.title,
  kind: contact.kind,
  emails: contact.emails,
  phones: contact.phones,
  ownerId: contact.ownerId,
  relationshipStrength: contact.relationshipStrength,
  archivedAt: contact.archivedAt,
});

const today = () => new Date().toISOString().slice(0, 10);

/** How the parts of a `contactsSql.page` row are read. */
const pageReaders = (dataSource: DataSource) => ({
  contact: jsonRows(dataSource, Contact),
  position: jsonRows(dataSource, Position),
  account: jsonRows(dataSource, Account),
  member: jsonMembers(dataSource),
});

/** A row of `contactsSql.page`, each part as `to_jsonb` of its table row. */
interface ContactPageRow {
  contact: Record<string, unknown>;
  positions: Record<string, unknown>[];
  currentAccount: Record<string, unknown> | null;
  owner: Record<string, unknown> | null;
}

@Injectable()
export class ContactsService {
  private readonly read: ReturnType<typeof pageReaders>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
    private readonly db: TenantSql,
    private readonly loaders: CrmLoaders,
    private readonly identity: IdentityLoaders,
  ) {
    this.read = pageReaders(dataSource);
  }

  repository(manager?: EntityManager) {
    return this.scope.repository(Contact, 'Contact', manager);
  }

  positions(manager?: EntityManager) {
    return this.scope.repository(Position, 'Position', manager);
  }

  get(id: string): Promise<Contact> {
    return this.repository().getById(id);
  }

  /**
   * A page of contacts, read with each one's positions, current account and owner in one statement;
   * given the request's loaders, those are handed to them, so the page's nested `positions`,
   * `currentAccount` and `owner` cost no statement.
   */
  async list(args: ContactsArgs, registry?: LoaderRegistry): Promise<Connection<Contact>> {
    const filter = args.filter ?? {};
    const when = contactConditions;
    const conditions = [
      when.archived(Boolean(filter.archived)),
      filter.kinds?.length && when.kinds(filter.kinds),
      filter.ownerIds?.length && when.ownerIds(filter.ownerIds),
      filter.accountId && when.accountId(filter.accountId),
      filter.text && when.text(filter.text),
    ].filter((condition): condition is SqlFragment => condition instanceof SqlFragment);
    const sort = SORT[args.sortBy ?? ContactSortField.NAME];
    const page = pageRequest(args, { part: sort.part, direction: args.sortDirection ?? SortDirection.ASC });
    const rows = await this.db.query<ContactPageRow>(contactsSql.page({ conditions, sort: sort.expression, page }));
    const contacts = rows.map((row) => this.fromPageRow(row, registry));
    return connectionOf(contacts, args, sort, { value: (c) => c.id }, async () => {
      return (await this.db.first<{ count: number }>(contactsSql.count(conditions)))!.count;
    });
  }

  /**
   * The contact of a page row, holding its current account and owner (with the owner's user) for
   * the page's nested fields; they and its positions also go to the request's loaders.
   */
  private fromPageRow(row: ContactPageRow, registry?: LoaderRegistry): Contact {
    const contact = this.read.contact(row.contact);
    const positions = row.positions.map(this.read.position);
    const account = row.currentAccount && this.read.account(row.currentAccount);
    const owner = row.owner && this.read.member(row.owner);
    const held: Record<string, unknown> = {};
    // the resolver's current account: that of the first current position in the positions' order
    const currentAccountId = positions.find((position) => position.current)?.accountId ?? null;
    if (currentAccountId === (account?.id ?? null)) held.currentAccount = account;
    if (!contact.ownerId) held.owner = null;
    else if (owner) held.owner = holding(owner, { user: owner.user });
    holding(contact, held);
    if (!registry) return contact;
    this.loaders.positionsOfContact(registry).prime(contact.id, positions);
    if (account) this.loaders.account(registry).prime(account.id, account);
    if (owner) this.identity.member(registry).prime(owner.id, owner);
    return contact;
  }

  async create(input: CreateContactInput): Promise<Contact> {
    return this.dataSource.transaction(async (manager) => {
      await requireInWorkspace(this.scope, manager, Membership, 'ownerId', 'a member', input.ownerId);
      const contact = await this.repository(manager).insert({
        name: input.name.trim(),
        title: input.title ?? null,
        kind: input.kind,
        emails: normalizeEmails(input.emails),
        phones: input.phones ?? [],
        ownerId: input.ownerId ?? null,
        relationshipStrength: input.relationshipStrength ?? null,
        notes: input.notes ?? null,
      });
      if (input.accountId) {
        await requireInWorkspace(this.scope, manager, Account, 'accountId', 'an account', input.accountId);
        await this.positions(manager).insert({
          contactId: contact.id,
          accountId: input.accountId,
          title: contact.title,
          startedOn: today(),
          endedOn: null,
        });
      }
      await this.audit.record(
        { entity: 'contact', entityId: contact.id, action: 'create', after: snapshot(contact) },
        manager,
      );
      return contact;
    });
  }

  async update(input: UpdateContactInput): Promise<Contact> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await this.repository(manager).getById(input.id, { lock: true });
      const before = snapshot(contact);
      await requireInWorkspace(this.scope, manager, Membership, 'ownerId', 'a member', input.ownerId);
      const { id: _id, ...changes } = definedChanges(input);
      Object.assign(
        contact,
        changes,
        changes.emails !== undefined ? { emails: normalizeEmails(changes.emails) } : {},
      );
      if (changes.name !== undefined) contact.name = changes.name.trim();
      const saved = await this.repository(manager).save(contact);
      await this.audit.record(
        { entity: 'contact', entityId: saved.id, action: 'update', before, after: snapshot(saved) },
        manager,
      );
      return saved;
    });
  }

  setArchived(id: string, archived: boolean): Promise<Contact> {
    return setArchived(
      this.dataSource,
      this.audit,
      (manager) => this.repository(manager),
      'contact',
      id,
      archived,
      snapshot,
    );
  }

  /** An executive changes studios: every open position closes on the move date and a new one opens. */
  async move(input: MoveContactInput): Promise<Position> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await this.repository(manager).getById(input.contactId, { lock: true });
      await requireInWorkspace(this.scope, manager, Account, 'accountId', 'an account', input.accountId);
      const on = input.startedOn ?? today();
      const open = await this.positions(manager).find({
        where: { contactId: contact.id, endedOn: IsNull() },
      });
      if (open.some((position) => position.accountId === input.accountId)) {
        throw InvalidInputException.field('accountId', 'the contact already works at this account');
      }
      for (const position of open) {
        if (position.startedOn && position.startedOn > on) {
          throw InvalidInputException.field(
            'startedOn',
            `startedOn must not be before the current position began (${position.startedOn})`,
          );
        }
        await this.positions(manager).update(position.id, { endedOn: on });
      }
      const title = input.title ?? contact.title;
      const opened = await this.positions(manager).insert({
        contactId: contact.id,
        accountId: input.accountId,
        title,
        startedOn: on,
        endedOn: null,
      });
      if (title !== contact.title) await this.repository(manager).update(contact.id, { title });
      await this.audit.record(
        {
          entity: 'contact',
          entityId: contact.id,
          action: 'move',
          before: { accountIds: open.map((p) => p.accountId) },
          after: { accountId: input.accountId, title, on },
        },
        manager,
      );
      return opened;
    });
  }

  async addPosition(input: AddPositionInput): Promise<Position> {
    if (input.startedOn && input.endedOn && input.endedOn < input.startedOn) {
      throw InvalidInputException.field('endedOn', 'endedOn must not be before startedOn');
    }
    return this.dataSource.transaction(async (manager) => {
      await this.repository(manager).getById(input.contactId);
      await requireInWorkspace(this.scope, manager, Account, 'accountId', 'an account', input.accountId);
      const position = await this.positions(manager)
        .insert({
          contactId: input.contactId,
          accountId: input.accountId,
          title: input.title ?? null,
          startedOn: input.startedOn ?? null,
          endedOn: input.endedOn ?? null,
        })
        .catch((error: { code?: string }) => {
          if (error.code === '23505')
            throw InvalidInputException.field(
              'accountId',
              'the contact already has a current position at this account',
            );
          throw error;
        });
      await this.audit.record(
        { entity: 'position', entityId: position.id, action: 'create', after: { ...input } },
        manager,
      );
      return position;
    });
  }

  async endPosition(id: string, endedOn?: string): Promise<Position> {
    return this.dataSource.transaction(async (manager) => {
      const position = await this.positions(manager).getById(id, { lock: true });
      const on = endedOn ?? today();
      if (position.startedOn && on < position.startedOn)
        throw InvalidInputException.field('endedOn', 'endedOn must not be before startedOn');
      position.endedOn = on;
      const saved = await this.positions(manager).save(position);
      await this.audit.record(
        { entity: 'position', entityId: id, action: 'end', after: { endedOn: on } },
        manager,
      );
      return saved;
    });
  }

  async represent(input: RepresentationInput): Promise<Representation> {
    if (input.agentId === input.talentId)
      throw InvalidInputException.field('talentId', 'a contact cannot represent themself');
    return this.dataSource.transaction(async (manager) => {
      const [agent, talent] = await Promise.all([
        this.repository(manager).getById(input.agentId),
        this.repository(manager).getById(input.talentId),
      ]);
      if (agent.kind !== ContactKind.AGENT)
        throw InvalidInputException.field('agentId', 'agentId must be a contact of kind agent');
      if (talent.kind !== ContactKind.TALENT)
        throw InvalidInputException.field('talentId', 'talentId must be a contact of kind talent');
      if (input.agencyId)
        await requireInWorkspace(this.scope, manager, Account, 'agencyId', 'an account', input.agencyId);
      const representation = await this.scope
        .repository(Representation, 'Representation', manager)
        .insert({
          agentId: agent.id,
          talentId: talent.id,
          agencyId: input.agencyId ?? null,
          startedOn: input.startedOn ?? today(),
          endedOn: null,
        })
        .catch((error: { code?: string }) => {
          if (error.code === '23505')
            throw InvalidInputException.field('talentId', 'this agent already represents this talent');
          throw error;
        });
      await this.audit.record(
        { entity: 'representation', entityId: representation.id, action: 'create', after: { ...input } },
        manager,
      );
      return representation;
    });
  }

  async endRepresentation(id: string, endedOn?: string): Promise<Representation> {
    return this.dataSource.transaction(async (manager) => {
      const repository = this.scope.repository(Representation, 'Representation', manager);
      const representation = await repository.getById(id, { lock: true });
      representation.endedOn = endedOn ?? today();
      const saved = await repository.save(representation);
      await this.audit.record(
        { entity: 'representation', entityId: id, action: 'end', after: { endedOn: saved.endedOn } },
        manager,
      );
      return saved;
    });
  }
}

function normalizeEmails(emails: string[] | undefined): string[] {
  return [...new Set((emails ?? []).map((email) => email.trim().toLowerCase()).filter(Boolean))];
}
