import { InvalidInputException, ReferenceNotFoundException } from '@greenlight/common';
import { AuditService, memberIdOf, Outbox, TenantContext, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { StageCategory } from '../enums';
import { DEFAULT_STAGES } from './default-stages';
import { StageTransition } from './stage-transition.entity';
import { Stage } from './stage.entity';

/** An account entering a stage: from none when it is new. */
export interface StageEntry {
  accountId: string;
  fromStageId: string | null;
  toStageId: string;
}

export interface StageChanges {
  name?: string;
  category?: StageCategory;
}

/** The workspace's pipeline definition. */
@Injectable()
export class StagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
    private readonly context: TenantContext,
    private readonly outbox: Outbox,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(Stage, 'Stage', manager);
  }

  /** Active stages in pipeline order; a workspace's first read creates the default pipeline. */
  async list(manager?: EntityManager): Promise<Stage[]> {
    const active = () =>
      this.repository(manager).find({ where: { archivedAt: IsNull() }, order: { position: 'ASC' } });
    const stages = await active();
    if (stages.length > 0) return stages;
    await this.ensureDefaults(manager);
    return active();
  }

  /** Creates the default pipeline unless the workspace already has stages (safe to call concurrently). */
  async ensureDefaults(manager: EntityManager = this.dataSource.manager): Promise<void> {
    const workspaceId = this.context.currentWorkspaceId();
    if ((await this.repository(manager).count()) > 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(Stage)
      .values(DEFAULT_STAGES.map((stage, index) => ({ ...stage, position: index + 1, workspaceId })))
      .orIgnore()
      .execute();
  }

  get(id: string, manager?: EntityManager): Promise<Stage> {
    return this.repository(manager).getById(id);
  }

  /** The stage a new account starts in: the first open stage. */
  async initialStage(manager?: EntityManager): Promise<Stage> {
    const stages = await this.list(manager);
    return stages.find((stage) => stage.category === StageCategory.OPEN) ?? stages[0];
  }

  async create(input: { name: string; category: StageCategory; position?: number }): Promise<Stage> {
    return this.dataSource.transaction(async (manager) => {
      const stages = await this.list(manager);
      const key = uniqueKey(
        input.name,
        stages.map((stage) => stage.key),
      );
      const position = Math.min(Math.max(input.position ?? stages.length + 1, 1), stages.length + 1);
      await this.shift(manager, position, 1);
      const stage = await this.repository(manager).insert({
        key,
        name: input.name.trim(),
        category: input.category,
        position,
      });
      await this.audit.record(
        { entity: 'stage', entityId: stage.id, action: 'create', after: { key, name: stage.name, position } },
        manager,
      );
      return stage;
    });
  }

  /** Renames or recategorises a stage; accounts and history keep pointing at it. */
  async update(id: string, changes: StageChanges): Promise<Stage> {
    return this.dataSource.transaction(async (manager) => {
      const stage = await this.repository(manager).getById(id, { lock: true });
      const before = { name: stage.name, category: stage.category };
      if (changes.name !== undefined) stage.name = changes.name.trim();
      if (changes.category !== undefined) stage.category = changes.category;
      const saved = await this.repository(manager).save(stage);
      await this.audit.record(
        {
          entity: 'stage',
          entityId: id,
          action: 'update',
          before,
          after: { name: saved.name, category: saved.category },
        },
        manager,
      );
      return saved;
    });
  }

  /** Sets the pipeline order: `ids` must list every active stage exactly once. */
  async reorder(ids: string[]): Promise<Stage[]> {
    return this.dataSource.transaction(async (manager) => {
      const stages = await this.list(manager);
      const known = new Set(stages.map((stage) => stage.id));
      const unknown = ids.findIndex((id) => !known.has(id));
      if (unknown >= 0) {
        throw ReferenceNotFoundException.field(
          `stageIds.${unknown}`,
          `stageIds.${unknown} is not a stage of this workspace`,
        );
      }
      if (ids.length !== known.size || new Set(ids).size !== ids.length) {
        throw InvalidInputException.field(
          'stageIds',
          'stageIds must list every stage of the pipeline exactly once',
        );
      }
      const repository = this.repository(manager);
      for (const [index, id] of ids.entries()) await repository.update(id, { position: index + 1 });
      await this.audit.record(
        {
          entity: 'stage',
          entityId: ids[0],
          action: 'reorder',
          before: { order: stages.map((s) => s.key) },
          after: { order: ids },
        },
        manager,
      );
      return this.list(manager);
    });
  }

  /**
   * Deletes a stage. Accounts in it must move somewhere (`moveAccountsTo`), else the request is
   * refused. A stage that appears in history is archived instead, so history stays intact.
   */
  async delete(id: string, moveAccountsTo?: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const stage = await this.repository(manager).getById(id, { lock: true });
      const accounts = await this.scope
        .repository(Account, 'Account', manager)
        .find({ where: { stageId: id } });
      if (accounts.length > 0) {
        if (!moveAccountsTo) {
          throw InvalidInputException.field(
            'moveAccountsTo',
            `stage "${stage.name}" holds ${accounts.length} account(s): give moveAccountsTo, the stage to move them to`,
          );
        }
        if (moveAccountsTo === id)
          throw InvalidInputException.field('moveAccountsTo', 'moveAccountsTo must be another stage');
        const target = await this.repository(manager).getById(moveAccountsTo);
        for (const account of accounts) {
          await this.moveAccount(manager, account, target, `stage "${stage.name}" was deleted`);
        }
      }
      const inHistory = await this.scope
        .repository(StageTransition, 'Stage transition', manager)
        .query('t', (q) => q.andWhere('(t.from_stage_id = :id OR t.to_stage_id = :id)', { id }))
        .getCount();
      const repository = this.repository(manager);
      if (inHistory > 0)
        await repository.update(id, { archivedAt: new Date(), position: 10_000 + stage.position });
      else await manager.delete(Stage, { id, workspaceId: stage.workspaceId });
      await this.shift(manager, stage.position + 1, -1);
      await this.audit.record(
        {
          entity: 'stage',
          entityId: id,
          action: inHistory ? 'archive' : 'delete',
          before: { key: stage.key, name: stage.name },
        },
        manager,
      );
      return true;
    });
  }

  /**
   * Writes the stage history of accounts entering stages, by the current caller, in one statement:
   * the caller sets the accounts' current stage in the same transaction, so the two never disagree.
   */
  async recordEntries(
    manager: EntityManager,
    entries: readonly StageEntry[],
    reason: string | null,
    at = new Date(),
  ): Promise<void> {
    if (!entries.length) return;
    const workspaceId = this.context.currentWorkspaceId();
    const byMemberId = memberIdOf(this.context.principal());
    await manager
      .createQueryBuilder()
      .insert()
      .into(StageTransition)
      .values(entries.map((entry) => ({ ...entry, workspaceId, at, byMemberId, reason })))
      .execute();
    await this.outbox.record(
      manager,
      entries.map((entry) => ({ type: 'account.stage_changed', data: { ...entry, reason }, at })),
      workspaceId,
    );
  }

  /**
   * Moves an account (loaded within `manager`'s transaction) to another stage: writes the transition
   * and updates the current stage together.
   */
  async moveAccount(
    manager: EntityManager,
    account: Account,
    to: Stage,
    reason: string | null,
    at = new Date(),
  ): Promise<void> {
    if (account.stageId === to.id) {
      throw InvalidInputException.field('stageId', `the account is already in stage "${to.name}"`);
    }
    await this.recordEntries(
      manager,
      [{ accountId: account.id, fromStageId: account.stageId ?? null, toStageId: to.id }],
      reason,
      at,
    );
    await this.scope
      .repository(Account, 'Account', manager)
      .update(account.id, { stageId: to.id, stageEnteredAt: at });
    await this.audit.record(
      {
        entity: 'account',
        entityId: account.id,
        action: 'move_stage',
        before: { stageId: account.stageId },
        after: { stageId: to.id, reason },
      },
      manager,
    );
    account.stageId = to.id;
    account.stageEnteredAt = at;
  }

  /** Moves every active stage at or after `from` by `by` positions. */
  private async shift(manager: EntityManager, from: number, by: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Stage)
      .set({ position: () => `position + ${by}` })
      .where('workspace_id = :workspaceId AND position >= :from AND archived_at IS NULL', {
        workspaceId: this.context.currentWorkspaceId(),
        from,
      })
      .execute();
  }
}

function uniqueKey(name: string, taken: string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || 'stage';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}
