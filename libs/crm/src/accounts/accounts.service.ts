import {
  Connection,
  connectionOf,
  CursorPart,
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
  MemberStatus,
  requireInWorkspace,
  Role,
  sql,
  SqlFragment,
  TenantSql,
  User,
  WorkspaceScope,
} from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { setArchived } from '../archiving';
import { DataSource, EntityManager } from 'typeorm';
import { CrmLoaders } from '../crm.loaders';
import { StageCategory } from '../enums';
import { accountConditions, accountsSql } from '../sql/accounts.sql';
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

interface AccountSortKey {
  /** Over `a`, never NULL. */
  expression: SqlFragment;
  /** The same value read from an account, for the cursor. */
  value: (account: Account) => unknown;
  part: CursorPart;
}

const SORT_KEYS: Record<AccountSortField, AccountSortKey> = {
  [AccountSortField.NAME]: { expression: sql`lower(a.name)`, value: (a) => a.name.toLowerCase(), part: 'text' },
  [AccountSortField.CREATED_AT]: { expression: sql`a.created_at`, value: (a) => a.createdAt.toISOString(), part: 'timestamp' },
  [AccountSortField.UPDATED_AT]: { expression: sql`a.updated_at`, value: (a) => a.updatedAt.toISOString(), part: 'timestamp' },
  [AccountSortField.STAGE_ENTERED_AT]: {
    expression: sql`a.stage_entered_at`,
    value: (a) => a.stageEnteredAt.toISOString(),
    part: 'timestamp',
  },
  [AccountSortField.EXPECTED_ANNUAL_VALUE]: {
    expression: sql`COALESCE(a.expected_annual_value, -1)`,
    value: (a) => a.expectedAnnualValue ?? -1,
    part: 'number',
  },
};

/** A row of `accountsSql.page`: the account's columns, then its stage's and its owner's. */
type AccountPageRow = Omit<Account, 'workspace'> & {
  stageKey: string;
  stageName: string;
  stagePosition: number;
  stageCategory: StageCategory;
  stageArchivedAt: Date | null;
  stageCreatedAt: Date;
  stageUpdatedAt: Date;
  ownerUserId: string | null;
  ownerRole: Role;
  ownerStatus: MemberStatus;
  ownerDeactivatedAt: Date | null;
  ownerCreatedAt: Date;
  ownerUpdatedAt: Date;
  ownerEmail: string;
  ownerName: string;
  ownerUserCreatedAt: Date;
  ownerUserUpdatedAt: Date;
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
    private readonly loaders: CrmLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(Account, 'Account', manager);
  }

  get(id: string): Promise<Account> {
    return this.repository().getById(id);
  }

  /**
   * A page of accounts, read with each one's stage and owner in one statement; given the request's
   * loaders, those are handed to them, so the page's nested `stage` and `owner` cost no statement.
   */
  async list(args: AccountsArgs, registry?: LoaderRegistry): Promise<Connection<Account>> {
    const filter = args.filter ?? {};
    const when = accountConditions;
    const conditions = [
      when.archived(Boolean(filter.archived)),
      filter.kinds?.length && when.kinds(filter.kinds),
      filter.stageIds?.length && when.stageIds(filter.stageIds),
      filter.ownerIds?.length && when.ownerIds(filter.ownerIds),
      filter.tags?.length && when.tags(filter.tags),
      filter.region && when.region(filter.region),
      filter.parentId && when.parentId(filter.parentId),
      filter.competitor && when.competitor(filter.competitor),
      filter.text && when.text(filter.text),
    ].filter((condition): condition is SqlFragment => condition instanceof SqlFragment);
    const sort = SORT_KEYS[args.sortBy ?? AccountSortField.NAME];
    const page = pageRequest(args, { part: sort.part, direction: args.sortDirection ?? SortDirection.ASC });
    const rows = await this.db.query<AccountPageRow>(accountsSql.page({ conditions, sort: sort.expression, page }));
    const accounts = rows.map((row) => this.fromPageRow(row, registry));
    return connectionOf(accounts, args, sort, { value: (a) => a.id }, async () => {
      return (await this.db.first<{ count: number }>(accountsSql.count(conditions)))!.count;
    });
  }

  /**
   * The account of a page row, holding its stage and owner (with the owner's user) for the page's
   * nested fields; they also go to the request's loaders.
   */
  private fromPageRow(row: AccountPageRow, registry?: LoaderRegistry): Account {
    const {
      stageKey, stageName, stagePosition, stageCategory, stageArchivedAt, stageCreatedAt, stageUpdatedAt,
      ownerUserId, ownerRole, ownerStatus, ownerDeactivatedAt, ownerCreatedAt, ownerUpdatedAt,
      ownerEmail, ownerName, ownerUserCreatedAt, ownerUserUpdatedAt,
      ...fields
    } = row;
    const account = Object.assign(new Account(), fields);
    const stage = Object.assign(new Stage(), {
      id: account.stageId,
      workspaceId: account.workspaceId,
      key: stageKey,
      name: stageName,
      position: stagePosition,
      category: stageCategory,
      archivedAt: stageArchivedAt,
      createdAt: stageCreatedAt,
      updatedAt: stageUpdatedAt,
    });
    let owner: Membership | null = null;
    if (account.ownerId && ownerUserId) {
      // the user as a member's name shows it: no credentials
      const user = Object.assign(new User(), {
        id: ownerUserId,
        email: ownerEmail,
        name: ownerName,
        createdAt: ownerUserCreatedAt,
        updatedAt: ownerUserUpdatedAt,
      });
      owner = holding(
        Object.assign(new Membership(), {
          id: account.ownerId,
          workspaceId: account.workspaceId,
          userId: ownerUserId,
          user,
          role: ownerRole,
          status: ownerStatus,
          deactivatedAt: ownerDeactivatedAt,
          createdAt: ownerCreatedAt,
          updatedAt: ownerUpdatedAt,
        }),
        { user },
      );
    }
    holding(account, account.ownerId ? (owner ? { stage, owner } : { stage }) : { stage, owner: null });
    if (registry) {
      this.loaders.stage(registry).prime(account.stageId, stage);
      if (owner) this.identity.member(registry).prime(owner.id, owner);
    }
    return account;
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

function normalizeDomains(domains: string[] | undefined): string[] {
  return [...new Set((domains ?? []).map((domain) => domain.trim().toLowerCase()).filter(Boolean))];
}

function normalizeTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((tag) => tag.trim()).filter(Boolean))];
}
