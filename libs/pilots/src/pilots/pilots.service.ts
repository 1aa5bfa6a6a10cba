import { Connection, InvalidInputException, paginate, SortDirection, SortKey } from '@greenlight/common';
import { Account } from '@greenlight/crm';
import {
  AuditService,
  memberIdOf,
  Membership,
  Outbox,
  requireInWorkspace,
  TenantContext,
  WorkspaceScope,
} from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CriteriaService } from '../criteria/criteria.service';
import { PilotStatus } from '../enums';
import { assertTransition } from './pilot-status-machine';
import { PilotStatusChange } from './pilot-status-change.entity';
import { Pilot } from './pilot.entity';
import { ChangePilotStatusInput, CreatePilotInput, PilotSortField, PilotsArgs, UpdatePilotInput } from './pilot.inputs';

const SORT_EXPRESSIONS: Record<PilotSortField, Omit<SortKey<Pilot>, 'direction'>> = {
  [PilotSortField.END_DATE]: { expression: 'p.end_date', value: (p) => p.endDate, part: 'date' },
  [PilotSortField.START_DATE]: { expression: 'p.start_date', value: (p) => p.startDate, part: 'date' },
  [PilotSortField.NAME]: { expression: 'lower(p.name)', value: (p) => p.name.toLowerCase(), part: 'text' },
  [PilotSortField.CREATED_AT]: { expression: 'p.created_at', value: (p) => p.createdAt.toISOString(), part: 'timestamp' },
  [PilotSortField.STATUS_CHANGED_AT]: {
    expression: 'p.status_changed_at',
    value: (p) => p.statusChangedAt.toISOString(),
    part: 'timestamp',
  },
  [PilotSortField.CREDIT_BUDGET]: { expression: 'p.credit_budget_usd', value: (p) => p.creditBudgetUsd, part: 'number' },
};

/** What an audit entry keeps of a pilot. */
const snapshot = (pilot: Pilot) => ({
  accountId: pilot.accountId,
  name: pilot.name,
  integrationKind: pilot.integrationKind,
  status: pilot.status,
  startDate: pilot.startDate,
  endDate: pilot.endDate,
  ownerId: pilot.ownerId,
  creditBudgetUsd: pilot.creditBudgetUsd,
  notes: pilot.notes,
  archivedAt: pilot.archivedAt,
});

function checkDates(startDate: string, endDate: string): void {
  if (endDate <= startDate)
    throw InvalidInputException.field(
      'input.endDate',
      `input.endDate must be after input.startDate (${endDate} is not after ${startDate})`,
    );
}

@Injectable()
export class PilotsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
    private readonly context: TenantContext,
    private readonly criteria: CriteriaService,
    private readonly outbox: Outbox,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(Pilot, 'Pilot', manager);
  }

  get(id: string): Promise<Pilot> {
    return this.repository().getById(id);
  }

  list(args: PilotsArgs): Promise<Connection<Pilot>> {
    const filter = args.filter ?? {};
    const query = this.repository().query('p', (q) => {
      q.andWhere(filter.archived ? 'p.archived_at IS NOT NULL' : 'p.archived_at IS NULL');
      if (filter.statuses?.length) q.andWhere('p.status IN (:...statuses)', { statuses: filter.statuses });
      if (filter.integrationKinds?.length)
        q.andWhere('p.integration_kind IN (:...kinds)', { kinds: filter.integrationKinds });
      if (filter.accountId) q.andWhere('p.account_id = :accountId', { accountId: filter.accountId });
      if (filter.ownerId) q.andWhere('p.owner_id = :ownerId', { ownerId: filter.ownerId });
      if (filter.endingBefore) q.andWhere('p.end_date <= :endingBefore', { endingBefore: filter.endingBefore });
      if (filter.endingAfter) q.andWhere('p.end_date >= :endingAfter', { endingAfter: filter.endingAfter });
      if (filter.text)
        q.andWhere('p.name ILIKE :like', { like: `%${filter.text.replace(/[%_\\]/g, '\\$&')}%` });
      return q;
    });
    const sort = SORT_EXPRESSIONS[args.sortBy ?? PilotSortField.END_DATE];
    const key: SortKey<Pilot> = { ...sort, direction: args.sortDirection ?? SortDirection.ASC };
    return paginate(query, args, key, { expression: 'p.id', value: (p) => p.id });
  }

  create(input: CreatePilotInput, at = new Date()): Promise<Pilot> {
    return this.dataSource.transaction(async (manager) => {
      checkDates(input.startDate, input.endDate);
      await requireInWorkspace(this.scope, manager, Account, 'input.accountId', 'an account', input.accountId);
      await requireInWorkspace(this.scope, manager, Membership, 'input.ownerId', 'a member', input.ownerId);
      const me = memberIdOf(this.context.principal());
      const pilot = await this.repository(manager).insert({
        accountId: input.accountId,
        name: input.name.trim(),
        integrationKind: input.integrationKind,
        status: PilotStatus.PROPOSED,
        statusChangedAt: at,
        startDate: input.startDate,
        endDate: input.endDate,
        ownerId: input.ownerId ?? me,
        creditBudgetUsd: input.creditBudgetUsd,
        notes: input.notes ?? null,
        archivedAt: null,
      });
      await this.recordStatus(manager, pilot, null, 'created', at);
      await this.audit.record({ entity: 'pilot', entityId: pilot.id, action: 'create', after: snapshot(pilot) }, manager);
      await this.criteria.insertAll(manager, pilot, input.criteria ?? [], (index) => `input.criteria.${index}`);
      return pilot;
    });
  }

  update(input: UpdatePilotInput): Promise<Pilot> {
    return this.dataSource.transaction(async (manager) => {
      const pilot = await this.repository(manager).getById(input.id, { lock: true });
      const before = snapshot(pilot);
      checkDates(input.startDate ?? pilot.startDate, input.endDate ?? pilot.endDate);
      await requireInWorkspace(this.scope, manager, Membership, 'input.ownerId', 'a member', input.ownerId);
      if (input.name !== undefined) pilot.name = input.name.trim();
      if (input.integrationKind !== undefined) pilot.integrationKind = input.integrationKind;
      if (input.startDate !== undefined) pilot.startDate = input.startDate;
      if (input.endDate !== undefined) pilot.endDate = input.endDate;
      if (input.ownerId !== undefined) pilot.ownerId = input.ownerId;
      if (input.creditBudgetUsd !== undefined) pilot.creditBudgetUsd = input.creditBudgetUsd;
      if (input.notes !== undefined) pilot.notes = input.notes;
      const saved = await this.repository(manager).save(pilot);
      await this.audit.record(
        { entity: 'pilot', entityId: pilot.id, action: 'update', before, after: snapshot(saved) },
        manager,
      );
      return saved;
    });
  }

  /** Moves a pilot along the state machine and writes the move to its status history. */
  changeStatus(input: ChangePilotStatusInput, at = new Date()): Promise<Pilot> {
    return this.dataSource.transaction(async (manager) => {
      const pilot = await this.repository(manager).getById(input.id, { lock: true });
      const from = pilot.status;
      assertTransition(from, input.status);
      const before = snapshot(pilot);
      pilot.status = input.status;
      pilot.statusChangedAt = at;
      const saved = await this.repository(manager).save(pilot);
      await this.recordStatus(manager, saved, from, input.reason?.trim() || null, at);
      await this.audit.record(
        { entity: 'pilot', entityId: pilot.id, action: 'change_status', before, after: snapshot(saved) },
        manager,
      );
      return saved;
    });
  }

  /** Archives or restores (a no-op when it already is so): archived pilots leave lists, not history. */
  setArchived(id: string, archived: boolean): Promise<Pilot> {
    return this.dataSource.transaction(async (manager) => {
      const pilot = await this.repository(manager).getById(id, { lock: true });
      if (Boolean(pilot.archivedAt) === archived) return pilot;
      const before = snapshot(pilot);
      pilot.archivedAt = archived ? new Date() : null;
      const saved = await this.repository(manager).save(pilot);
      await this.audit.record(
        { entity: 'pilot', entityId: id, action: archived ? 'archive' : 'restore', before, after: snapshot(saved) },
        manager,
      );
      return saved;
    });
  }

  private async recordStatus(
    manager: EntityManager,
    pilot: Pilot,
    from: PilotStatus | null,
    reason: string | null,
    at: Date,
  ): Promise<PilotStatusChange> {
    await this.outbox.record(manager, [
      {
        type: 'pilot.status_changed',
        data: { pilotId: pilot.id, accountId: pilot.accountId, fromStatus: from, toStatus: pilot.status, reason },
        at,
      },
    ]);
    return this.scope.repository(PilotStatusChange, 'Pilot status change', manager).insert({
      pilotId: pilot.id,
      accountId: pilot.accountId,
      fromStatus: from,
      toStatus: pilot.status,
      at,
      byMemberId: memberIdOf(this.context.principal()),
      reason,
    });
  }
}
