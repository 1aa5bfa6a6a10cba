import { Connection, InvalidInputException, paginate, SortDirection } from '@greenlight/common';
import { AuditService, Membership, requireInWorkspace, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { setArchived } from '../archiving';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Account } from '../accounts/account.entity';
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
  [ContactSortField.NAME]: { expression: 'lower(c.name)', value: (c: Contact) => c.name.toLowerCase(), part: 'text' as const },
  [ContactSortField.CREATED_AT]: {
    expression: 'c.created_at',
    value: (c: Contact) => c.createdAt.toISOString(),
    part: 'timestamp' as const,
  },
  [ContactSortField.UPDATED_AT]: {
    expression: 'c.updated_at',
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

@Injectable()
export class ContactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(Contact, 'Contact', manager);
  }

  positions(manager?: EntityManager) {
    return this.scope.repository(Position, 'Position', manager);
  }

  get(id: string): Promise<Contact> {
    return this.repository().getById(id);
  }

  list(args: ContactsArgs): Promise<Connection<Contact>> {
    const filter = args.filter ?? {};
    const query = this.repository().query('c', (q) => {
      q.andWhere(filter.archived ? 'c.archived_at IS NOT NULL' : 'c.archived_at IS NULL');
      if (filter.kinds?.length) q.andWhere('c.kind IN (:...kinds)', { kinds: filter.kinds });
      if (filter.ownerIds?.length) q.andWhere('c.owner_id IN (:...ownerIds)', { ownerIds: filter.ownerIds });
      if (filter.accountId) {
        q.andWhere(
          'EXISTS (SELECT 1 FROM position p WHERE p.contact_id = c.id AND p.account_id = :accountId AND p.ended_on IS NULL)',
          {
            accountId: filter.accountId,
          },
        );
      }
      if (filter.text) {
        q.andWhere('(c.name ILIKE :like OR c.name % :text OR c.emails @> CAST(ARRAY[:email] AS text[]))', {
          like: `%${filter.text.replace(/[%_\\]/g, '\\$&')}%`,
          text: filter.text,
          email: filter.text.toLowerCase(),
        });
      }
      return q;
    });
    const sort = SORT[args.sortBy ?? ContactSortField.NAME];
    return paginate(
      query,
      args,
      { ...sort, direction: args.sortDirection ?? SortDirection.ASC },
      { expression: 'c.id', value: (c) => c.id },
    );
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
