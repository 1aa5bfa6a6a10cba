import {
  Connection,
  InvalidInputException,
  paginate,
  SortDirection,
  SortKey,
} from '@greenlight/common';
import { AuditService, Membership, requireInWorkspace, TenantSql, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { setArchived } from '../archiving';
import { DataSource, EntityManager } from 'typeorm';
import { accountsSql } from '../sql/accounts.sql';
import { StagesService } from '../stages/stages.service';
import { Stage } from '../stages/stage.entity';
import { Account } from './account.entity';
import {
  AccountSortField,
  AccountsArgs,
  CompetitorInput,
  CreateAccountInput,
  UpdateAccountInput,
} from './account.inputs';
import { Competitor } from './competitor.entity';
import { definedChanges } from '../changes';

const SORT_EXPRESSIONS: Record<AccountSortField, Omit<SortKey<Account>, 'direction'>> = {
  [AccountSortField.NAME]: { expression: 'lower(a.name)', value: (a) => a.name.toLowerCase(), part: 'text' },
  [AccountSortField.CREATED_AT]: { expression: 'a.created_at', value: (a) => a.createdAt.toISOString(), part: 'timestamp' },
  [AccountSortField.UPDATED_AT]: { expression: 'a.updated_at', value: (a) => a.updatedAt.toISOString(), part: 'timestamp' },
  [AccountSortField.STAGE_ENTERED_AT]: {
    expression: 'a.stage_entered_at',
    value: (a) => a.stageEnteredAt.toISOString(),
    part: 'timestamp',
  },
  [AccountSortField.EXPECTED_ANNUAL_VALUE]: {
    expression: 'COALESCE(a.expected_annual_value, -1)',
    value: (a) => a.expectedAnnualValue ?? -1,
    part: 'number',
  },
};

/** What an audit entry keeps of an account. */
const snapshot = (account: Account) => ({
  name: account.name,
  kind: account.kind,
  ownerId: account.ownerId,
  parentId: account.parentId,
  region: account.region,
  tier: account.tier,
  website: account.website,
  domains: account.domains,
  expectedAnnualValue: account.expectedAnnualValue,
  currency: account.currency,
  tags: account.tags,
  archivedAt: account.archivedAt,
});

@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly stages: StagesService,
    private readonly audit: AuditService,
    private readonly db: TenantSql,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(Account, 'Account', manager);
  }

  get(id: string): Promise<Account> {
    return this.repository().getById(id);
  }

  list(args: AccountsArgs): Promise<Connection<Account>> {
    const filter = args.filter ?? {};
    const query = this.repository().query('a', (q) => {
      q.andWhere(filter.archived ? 'a.archived_at IS NOT NULL' : 'a.archived_at IS NULL');
      if (filter.kinds?.length) q.andWhere('a.kind IN (:...kinds)', { kinds: filter.kinds });
      if (filter.stageIds?.length) q.andWhere('a.stage_id IN (:...stageIds)', { stageIds: filter.stageIds });
      if (filter.ownerIds?.length) q.andWhere('a.owner_id IN (:...ownerIds)', { ownerIds: filter.ownerIds });
      if (filter.tags?.length) q.andWhere('a.tags && :tags', { tags: filter.tags });
      if (filter.region) q.andWhere('lower(a.region) = lower(:region)', { region: filter.region });
      if (filter.parentId) q.andWhere('a.parent_id = :parentId', { parentId: filter.parentId });
      if (filter.competitor) {
        q.andWhere(
          'EXISTS (SELECT 1 FROM account_competitor c WHERE c.account_id = a.id AND lower(c.vendor) = lower(:competitor))',
          { competitor: filter.competitor },
        );
      }
      if (filter.text) {
        q.andWhere('(a.name ILIKE :like OR a.name % :text OR a.domains @> CAST(ARRAY[:domain] AS text[]))', {
          like: `%${filter.text.replace(/[%_\\]/g, '\\$&')}%`,
          text: filter.text,
          domain: filter.text.toLowerCase(),
        });
      }
      return q;
    });
    const sort = SORT_EXPRESSIONS[args.sortBy ?? AccountSortField.NAME];
    const key: SortKey<Account> = { ...sort, direction: args.sortDirection ?? SortDirection.ASC };
    return paginate(query, args, key, { expression: 'a.id', value: (a) => a.id });
  }

  /** Up to `limit` active (not archived) accounts with ids after `afterId`, in id order: for batch jobs. */
  activeBatch(afterId: string | null, limit: number): Promise<Account[]> {
    return this.repository()
      .query('a', (q) => {
        q.andWhere('a.archived_at IS NULL');
        if (afterId) q.andWhere('a.id > :afterId', { afterId });
        return q.orderBy('a.id', 'ASC').limit(limit);
      })
      .getMany();
  }

  async create(input: CreateAccountInput, at = new Date()): Promise<Account> {
    return this.dataSource.transaction(async (manager) => {
      await this.checkReferences(manager, input);
      const stage = input.stageId
        ? await requireInWorkspace(this.scope, manager, Stage, 'stageId', 'a stage', input.stageId)
        : await this.stages.initialStage(manager);
      const account = await this.repository(manager).insert({
        name: input.name.trim(),
        kind: input.kind,
        ownerId: input.ownerId ?? null,
        parentId: input.parentId ?? null,
        region: input.region ?? null,
        tier: input.tier ?? null,
        website: input.website ?? null,
        domains: normalizeDomains(input.domains),
        expectedAnnualValue: input.expectedAnnualValue ?? null,
        currency: input.currency ?? 'USD',
        tags: normalizeTags(input.tags),
        stageId: stage.id,
        stageEnteredAt: at,
      });
      await this.stages.recordEntries(
        manager,
        [{ accountId: account.id, fromStageId: null, toStageId: stage.id }],
        'created',
        at,
      );
      for (const competitor of input.competitors ?? [])
        await this.upsertCompetitor(manager, account.id, competitor);
      await this.audit.record(
        { entity: 'account', entityId: account.id, action: 'create', after: snapshot(account) },
        manager,
      );
      return account;
    });
  }

  async update(input: UpdateAccountInput): Promise<Account> {
    return this.dataSource.transaction(async (manager) => {
      const account = await this.repository(manager).getById(input.id, { lock: true });
      const before = snapshot(account);
      await this.checkReferences(manager, input);
      if (input.parentId) await this.refuseCycle(manager, account.id, input.parentId);
      const { id: _id, ...changes } = definedChanges(input);
      Object.assign(account, changes, {
        ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
        ...(changes.domains !== undefined ? { domains: normalizeDomains(changes.domains) } : {}),
        ...(changes.tags !== undefined ? { tags: normalizeTags(changes.tags) } : {}),
      });
      const saved = await this.repository(manager).save(account);
      await this.audit.record(
        { entity: 'account', entityId: saved.id, action: 'update', before, after: snapshot(saved) },
        manager,
      );
      return saved;
    });
  }

  setArchived(id: string, archived: boolean): Promise<Account> {
    return setArchived(
      this.dataSource,
      this.audit,
      (manager) => this.repository(manager),
      'account',
      id,
      archived,
      snapshot,
    );
  }

  async moveStage(accountId: string, stageId: string, reason: string | null, at?: Date): Promise<Account> {
    return this.dataSource.transaction(async (manager) => {
      const account = await this.repository(manager).getById(accountId, { lock: true });
      const stage = await requireInWorkspace(this.scope, manager, Stage, 'stageId', 'a stage', stageId);
      await this.stages.moveAccount(manager, account, stage, reason?.trim() || null, at);
      return account;
    });
  }

  async setCompetitor(accountId: string, input: CompetitorInput): Promise<Competitor> {
    return this.dataSource.transaction(async (manager) => {
      await this.repository(manager).getById(accountId);
      const competitor = await this.upsertCompetitor(manager, accountId, input);
      await this.audit.record(
        {
          entity: 'account_competitor',
          entityId: competitor.id,
          action: 'set',
          after: { accountId, ...input },
        },
        manager,
      );
      return competitor;
    });
  }

  async removeCompetitor(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const repository = this.scope.repository(Competitor, 'Competitor', manager);
      const competitor = await repository.getById(id);
      await manager.delete(Competitor, { id: competitor.id, workspaceId: competitor.workspaceId });
      await this.audit.record(
        {
          entity: 'account_competitor',
          entityId: id,
          action: 'delete',
          before: { vendor: competitor.vendor, status: competitor.status },
        },
        manager,
      );
      return true;
    });
  }

  private async upsertCompetitor(
    manager: EntityManager,
    accountId: string,
    input: CompetitorInput,
  ): Promise<Competitor> {
    const repository = this.scope.repository(Competitor, 'Competitor', manager);
    const vendor = input.vendor.trim();
    const existing = await repository
      .query('c', (q) =>
        q.andWhere('c.account_id = :accountId AND lower(c.vendor) = lower(:vendor)', { accountId, vendor }),
      )
      .getOne();
    if (existing) {
      existing.status = input.status;
      existing.notes = input.notes ?? existing.notes;
      return repository.save(existing);
    }
    return repository.insert({ accountId, vendor, status: input.status, notes: input.notes ?? null });
  }

  /** Owner and parent must belong to this workspace. */
  private async checkReferences(
    manager: EntityManager,
    input: { ownerId?: string | null; parentId?: string | null },
  ) {
    await requireInWorkspace(this.scope, manager, Membership, 'ownerId', 'a member', input.ownerId);
    await requireInWorkspace(this.scope, manager, Account, 'parentId', 'an account', input.parentId);
  }

  /** Refuses a parent that is the account itself or one of its descendants. */
  private async refuseCycle(manager: EntityManager, accountId: string, parentId: string): Promise<void> {
    if (accountId === parentId)
      throw InvalidInputException.field('parentId', 'an account cannot be its own parent');
    const { cycle } = (await this.db.first<{ cycle: boolean }>(accountsSql.wouldCycle(parentId, accountId), manager))!;
    if (cycle)
      throw InvalidInputException.field('parentId', 'parentId would make the account its own ancestor');
  }
}

export function normalizeDomains(domains: string[] | undefined): string[] {
  return [...new Set((domains ?? []).map((domain) => domain.trim().toLowerCase()).filter(Boolean))];
}

function normalizeTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((tag) => tag.trim()).filter(Boolean))];
}
