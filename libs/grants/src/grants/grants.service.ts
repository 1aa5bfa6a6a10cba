import { Connection, dayOf, InvalidInputException, paginate, SortDirection, SortKey } from '@greenlight/common';
import { Account, Contact } from '@greenlight/crm';
import {
  AuditService,
  memberIdOf,
  Membership,
  requireInWorkspace,
  TenantContext,
  WorkspaceScope,
} from '@greenlight/identity';
import { Pilot } from '@greenlight/pilots';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GrantStatus, GrantSubjectKind } from '../enums';
import { AccessGrant } from './access-grant.entity';
import { AccessGrantChange } from './grant-change.entity';
import { GrantChanges } from './grant-changes';
import { assertGrantTransition } from './grant-status-machine';
import {
  ChangeGrantStatusInput,
  CreateGrantInput,
  ExtendGrantInput,
  GrantsArgs,
  GrantSortField,
} from './grant.inputs';

/** What an audit entry (and a grant.changed event) keeps of a grant. */
export const grantSnapshot = (grant: AccessGrant) => ({
  subjectKind: grant.subjectKind,
  accountId: grant.accountId,
  contactId: grant.contactId,
  pilotId: grant.pilotId,
  seats: grant.seats,
  creditUnit: grant.creditUnit,
  creditLimit: grant.creditLimit,
  modelTier: grant.modelTier,
  models: grant.models,
  startsOn: grant.startsOn,
  expiresOn: grant.expiresOn,
  approvedById: grant.approvedById,
  status: grant.status,
  notes: grant.notes,
});

const SORT_EXPRESSIONS: Record<GrantSortField, Omit<SortKey<AccessGrant>, 'direction'>> = {
  [GrantSortField.CREATED_AT]: {
    expression: 'g.created_at',
    value: (g) => g.createdAt.toISOString(),
    part: 'timestamp',
  },
  [GrantSortField.STARTS_ON]: { expression: 'g.starts_on', value: (g) => g.startsOn, part: 'date' },
  [GrantSortField.EXPIRES_ON]: {
    expression: "COALESCE(g.expires_on, 'infinity'::date)",
    value: (g) => g.expiresOn ?? 'infinity',
    part: 'date',
  },
};

function checkDates(startsOn: string, expiresOn: string | null | undefined, field = 'input.expiresOn'): void {
  if (expiresOn && expiresOn < startsOn)
    throw InvalidInputException.field(
      field,
      `${field} must not be before startsOn (${expiresOn} is before ${startsOn})`,
    );
}

@Injectable()
export class GrantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
    private readonly context: TenantContext,
    private readonly changes: GrantChanges,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(AccessGrant, 'Grant', manager);
  }

  get(id: string): Promise<AccessGrant> {
    return this.repository().getById(id);
  }

  /** Grants of the workspace, newest first unless `sortBy` says otherwise. */
  list(args: GrantsArgs): Promise<Connection<AccessGrant>> {
    const filter = args.filter ?? {};
    const subjectAccounts = `(SELECT g.account_id WHERE g.account_id IS NOT NULL
        UNION SELECT p.account_id FROM position p
         WHERE p.workspace_id = g.workspace_id AND p.contact_id = g.contact_id AND p.ended_on IS NULL)`;
    const query = this.repository().query('g', (q) => {
      if (filter.statuses?.length) q.andWhere('g.status IN (:...statuses)', { statuses: filter.statuses });
      if (filter.subjectKinds?.length)
        q.andWhere('g.subject_kind IN (:...subjectKinds)', { subjectKinds: filter.subjectKinds });
      if (filter.accountId) q.andWhere('g.account_id = :accountId', { accountId: filter.accountId });
      if (filter.contactId) q.andWhere('g.contact_id = :contactId', { contactId: filter.contactId });
      if (filter.pilotId) q.andWhere('g.pilot_id = :pilotId', { pilotId: filter.pilotId });
      if (filter.approvedById)
        q.andWhere('g.approved_by_id = :approvedById', { approvedById: filter.approvedById });
      if (filter.accountKinds?.length)
        q.andWhere(
          `EXISTS (SELECT 1 FROM account a WHERE a.workspace_id = g.workspace_id AND a.id IN ${subjectAccounts} AND a.kind IN (:...accountKinds))`,
          { accountKinds: filter.accountKinds },
        );
      if (filter.ownerId)
        q.andWhere(
          `EXISTS (SELECT 1 FROM account a WHERE a.workspace_id = g.workspace_id AND a.id IN ${subjectAccounts} AND a.owner_id = :ownerId)`,
          { ownerId: filter.ownerId },
        );
      return q;
    });
    const sort = SORT_EXPRESSIONS[args.sortBy ?? GrantSortField.CREATED_AT];
    const key: SortKey<AccessGrant> = { ...sort, direction: args.sortDirection ?? SortDirection.DESC };
    return paginate(query, args, key, { expression: 'g.id', value: (g) => g.id });
  }

  create(input: CreateGrantInput, at = new Date()): Promise<AccessGrant> {
    const account = input.accountId ?? null;
    const contact = input.contactId ?? null;
    if ((account === null) === (contact === null))
      throw InvalidInputException.field(
        'input.accountId',
        'input.accountId or input.contactId must be given, not both',
      );
    if (contact !== null && input.seats != null)
      throw InvalidInputException.field('input.seats', 'input.seats applies to account grants only');
    if ((input.creditUnit == null) !== (input.creditLimit == null))
      throw InvalidInputException.field(
        input.creditUnit == null ? 'input.creditUnit' : 'input.creditLimit',
        'input.creditUnit and input.creditLimit go together',
      );
    const status = input.status ?? GrantStatus.OFFERED;
    if (status !== GrantStatus.OFFERED && status !== GrantStatus.ACTIVE)
      throw InvalidInputException.field(
        'input.status',
        'input.status must be OFFERED or ACTIVE for a new grant',
      );
    checkDates(input.startsOn, input.expiresOn);
    if (input.expiresOn && input.expiresOn < dayOf(at))
      throw InvalidInputException.field('input.expiresOn', 'input.expiresOn must not be in the past');
    return this.write(async (manager) => {
      await requireInWorkspace(this.scope, manager, Account, 'input.accountId', 'an account', account);
      await requireInWorkspace(this.scope, manager, Contact, 'input.contactId', 'a contact', contact);
      await requireInWorkspace(this.scope, manager, Pilot, 'input.pilotId', 'a pilot', input.pilotId);
      await requireInWorkspace(
        this.scope,
        manager,
        Membership,
        'input.approvedById',
        'a member',
        input.approvedById,
      );
      const me = memberIdOf(this.context.principal());
      const grant = await this.repository(manager).insert({
        subjectKind: account ? GrantSubjectKind.ACCOUNT : GrantSubjectKind.CONTACT,
        accountId: account,
        contactId: contact,
        pilotId: input.pilotId ?? null,
        seats: input.seats ?? null,
        creditUnit: input.creditUnit ?? null,
        creditLimit: input.creditLimit ?? null,
        modelTier: input.modelTier?.trim() ?? null,
        models: [...new Set((input.models ?? []).map((model) => model.trim()))],
        startsOn: input.startsOn,
        expiresOn: input.expiresOn ?? null,
        approvedById: input.approvedById ?? me,
        status,
        statusChangedAt: at,
        notes: input.notes?.trim() || null,
      });
      await this.record(manager, grant, null, 'created', at);
      await this.audit.record(
        { entity: 'grant', entityId: grant.id, action: 'create', after: grantSnapshot(grant) },
        manager,
      );
      await this.changes.changed(manager, null, grant, at);
      return grant;
    });
  }

  /** Moves a grant along its state machine (pause, resume, revoke, take up an offer), with a reason. */
  changeStatus(input: ChangeGrantStatusInput, at = new Date()): Promise<AccessGrant> {
    return this.write(async (manager) => {
      const grant = await this.repository(manager).getById(input.id, { lock: true });
      const from = grant.status;
      assertGrantTransition(from, input.status);
      const before = grantSnapshot(grant);
      grant.status = input.status;
      grant.statusChangedAt = at;
      const saved = await this.repository(manager).save(grant);
      await this.record(manager, saved, from, input.reason.trim(), at);
      await this.audit.record(
        { entity: 'grant', entityId: grant.id, action: 'change_status', before, after: grantSnapshot(saved) },
        manager,
      );
      await this.changes.changed(manager, before, saved, at);
      return saved;
    });
  }

  /**
   * Moves the expiry (later, earlier or open-ended) and/or the credit limit. An EXPIRED grant
   * extended past today becomes ACTIVE again; a REVOKED one cannot be extended.
   */
  extend(input: ExtendGrantInput, at = new Date()): Promise<AccessGrant> {
    if (input.expiresOn === undefined && input.creditLimit === undefined)
      throw InvalidInputException.field(
        'input.expiresOn',
        'input.expiresOn or input.creditLimit must be given',
      );
    return this.write(async (manager) => {
      const grant = await this.repository(manager).getById(input.id, { lock: true });
      if (grant.status === GrantStatus.REVOKED)
        throw InvalidInputException.field(
          'input.id',
          'input.id names a revoked grant: it cannot be extended',
        );
      const before = grantSnapshot(grant);
      const from = grant.status;
      if (input.expiresOn !== undefined) {
        checkDates(grant.startsOn, input.expiresOn);
        if (input.expiresOn && input.expiresOn < dayOf(at))
          throw InvalidInputException.field('input.expiresOn', 'input.expiresOn must not be in the past');
        grant.expiresOn = input.expiresOn;
        if (grant.status === GrantStatus.EXPIRED) {
          grant.status = GrantStatus.ACTIVE;
          grant.statusChangedAt = at;
        }
      }
      if (input.creditLimit !== undefined) {
        if (!grant.creditUnit)
          throw InvalidInputException.field(
            'input.creditLimit',
            'input.creditLimit needs a grant with credits',
          );
        grant.creditLimit = input.creditLimit;
      }
      const saved = await this.repository(manager).save(grant);
      await this.record(manager, saved, from, input.reason.trim(), at);
      await this.audit.record(
        { entity: 'grant', entityId: grant.id, action: 'extend', before, after: grantSnapshot(saved) },
        manager,
      );
      await this.changes.changed(manager, before, saved, at);
      return saved;
    });
  }

  private write(work: (manager: EntityManager) => Promise<AccessGrant>): Promise<AccessGrant> {
    return this.changes.commit(this.context.currentWorkspaceId(), this.dataSource.transaction(work));
  }

  private record(
    manager: EntityManager,
    grant: AccessGrant,
    from: GrantStatus | null,
    reason: string | null,
    at: Date,
  ): Promise<AccessGrantChange> {
    return this.scope.repository(AccessGrantChange, 'Grant change', manager).insert({
      grantId: grant.id,
      fromStatus: from,
      toStatus: grant.status,
      expiresOn: grant.expiresOn,
      at,
      byMemberId: memberIdOf(this.context.principal()),
      reason,
    });
  }
}
