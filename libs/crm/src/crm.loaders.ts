import { LoaderRegistry, manyByKey, oneByKey } from '@greenlight/common';
import { TenantContext, TenantSql, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource, Any } from 'typeorm';
import { Account } from './accounts/account.entity';
import { Competitor } from './accounts/competitor.entity';
import { Campaign, CampaignTarget } from './campaigns/campaign.entity';
import { Contact } from './contacts/contact.entity';
import { Position } from './contacts/position.entity';
import { Representation } from './contacts/representation.entity';
import { TaskStatus } from './enums';
import {
  InteractionAccount,
  InteractionContact,
  InteractionMember,
} from './interactions/interaction-links.entity';
import { Interaction } from './interactions/interaction.entity';
import { loadersSql } from './sql/loaders.sql';
import { PipelineStatistics } from './statistics/pipeline.statistics';
import { PipelineStageFigure } from './statistics/statistics.types';
import { StageTransition } from './stages/stage-transition.entity';
import { Stage } from './stages/stage.entity';
import { Task } from './tasks/task.entity';

/** Keeps a figure while the data it reads is unchanged, or computes it (`compute`) again. */
export type FigureMemory = <T>(name: string, args: unknown, compute: () => Promise<T>) => Promise<T>;

/**
 * Batched loads for nested CRM fields: one query per field per request, however many parents the
 * page holds. Every query is scoped to the current workspace.
 */
@Injectable()
export class CrmLoaders {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly context: TenantContext,
    private readonly db: TenantSql,
    private readonly pipeline: PipelineStatistics,
  ) {}

  /** Computes every figure; the dashboards' cache takes over when their module is loaded. */
  private remember: FigureMemory = (_name, _args, compute) => compute();

  /** Where figures shared with the dashboards (the pipeline now) are kept between requests. */
  rememberFiguresWith(memory: FigureMemory): void {
    this.remember = memory;
  }

  private byId<T extends { id: string; workspaceId: string }>(
    registry: LoaderRegistry,
    name: string,
    entity: new () => T,
  ) {
    return registry.get<string, T | null>(`crm.${name}`, async (ids) =>
      oneByKey(ids, await this.scope.repository(entity, name).findByIds(ids), (row) => row.id),
    );
  }

  account(registry: LoaderRegistry) {
    return this.byId(registry, 'account', Account);
  }

  contact(registry: LoaderRegistry) {
    return this.byId(registry, 'contact', Contact);
  }

  /** Every stage of the workspace, archived ones too, in pipeline order: read once per request. */
  workspaceStages(registry: LoaderRegistry): DataLoader<'all', Stage[]> {
    return registry.get('crm.workspaceStages', async (keys: readonly 'all'[]) => {
      const stages = await this.scope.repository(Stage, 'Stage').find({ order: { position: 'ASC' } });
      return keys.map(() => stages);
    });
  }

  /** Stages by id, from the workspace's stages read once per request (one created since is read by id). */
  stage(registry: LoaderRegistry): DataLoader<string, Stage | null> {
    return registry.get('crm.stage', async (ids: readonly string[]) => {
      const known = new Map((await this.workspaceStages(registry).load('all')).map((stage) => [stage.id, stage]));
      const missing = ids.filter((id) => !known.has(id));
      const created = missing.length ? await this.scope.repository(Stage, 'stage').findByIds(missing) : [];
      return oneByKey(ids, [...known.values(), ...created], (stage) => stage.id);
    });
  }

  interaction(registry: LoaderRegistry) {
    return this.byId(registry, 'interaction', Interaction);
  }

  campaign(registry: LoaderRegistry) {
    return this.byId(registry, 'campaign', Campaign);
  }

  /** Child accounts of each account. */
  children(registry: LoaderRegistry): DataLoader<string, Account[]> {
    return registry.get('crm.children', async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope
          .repository(Account, 'Account')
          .find({ where: { parentId: Any([...ids]) }, order: { name: 'ASC' } }),
        (a) => a.parentId!,
      ),
    );
  }

  /** Positions held at each account, current ones first, then the most recent. */
  positionsAtAccount(registry: LoaderRegistry): DataLoader<string, Position[]> {
    return registry.get('crm.positionsAtAccount', async (ids: readonly string[]) => {
      const rows = await this.scope
        .repository(Position, 'Position')
        .query('p', (q) =>
          q
            .andWhere('p.account_id = ANY(:ids)', { ids })
            .orderBy('p.ended_on', 'DESC', 'NULLS FIRST')
            .addOrderBy('p.started_on', 'DESC', 'NULLS LAST'),
        )
        .getMany();
      return manyByKey(ids, rows, (p) => p.accountId);
    });
  }

  positionsOfContact(registry: LoaderRegistry): DataLoader<string, Position[]> {
    return registry.get('crm.positionsOfContact', async (ids: readonly string[]) => {
      const rows = await this.scope
        .repository(Position, 'Position')
        .query('p', (q) =>
          q
            .andWhere('p.contact_id = ANY(:ids)', { ids })
            .orderBy('p.ended_on', 'DESC', 'NULLS FIRST')
            .addOrderBy('p.started_on', 'DESC', 'NULLS LAST'),
        )
        .getMany();
      return manyByKey(ids, rows, (p) => p.contactId);
    });
  }

  /** Representations in which each contact is the talent. */
  representedBy(registry: LoaderRegistry): DataLoader<string, Representation[]> {
    return registry.get('crm.representedBy', async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope
          .repository(Representation, 'Representation')
          .find({ where: { talentId: Any([...ids]) } }),
        (r) => r.talentId,
      ),
    );
  }

  /** Representations in which each contact is the agent. */
  represents(registry: LoaderRegistry): DataLoader<string, Representation[]> {
    return registry.get('crm.represents', async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope
          .repository(Representation, 'Representation')
          .find({ where: { agentId: Any([...ids]) } }),
        (r) => r.agentId,
      ),
    );
  }

  competitors(registry: LoaderRegistry): DataLoader<string, Competitor[]> {
    return registry.get('crm.competitors', async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope
          .repository(Competitor, 'Competitor')
          .find({ where: { accountId: Any([...ids]) }, order: { vendor: 'ASC' } }),
        (c) => c.accountId,
      ),
    );
  }

  /** Stage history of each account, newest first. */
  stageHistory(registry: LoaderRegistry): DataLoader<string, StageTransition[]> {
    return registry.get('crm.stageHistory', async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope
          .repository(StageTransition, 'Stage transition')
          .find({ where: { accountId: Any([...ids]) }, order: { at: 'DESC', id: 'DESC' } }),
        (t) => t.accountId,
      ),
    );
  }

  /** Open tasks of each account, soonest due first. */
  openTasks(registry: LoaderRegistry): DataLoader<string, Task[]> {
    return registry.get('crm.openTasks', async (ids: readonly string[]) => {
      const rows = await this.scope
        .repository(Task, 'Task')
        .query('t', (q) =>
          q
            .andWhere('t.account_id = ANY(:ids) AND t.status = :open', { ids, open: TaskStatus.OPEN })
            .orderBy('t.due_at', 'ASC', 'NULLS LAST'),
        )
        .getMany();
      return manyByKey(ids, rows, (t) => t.accountId!);
    });
  }

  /** The latest `limit` interactions of each account, in one query (a window per account). */
  recentInteractions(registry: LoaderRegistry, limit: number): DataLoader<string, Interaction[]> {
    return registry.get(`crm.recentInteractions.${limit}`, async (ids: readonly string[]) => {
      const rows = await this.db.query<{ account_id: string; interaction_id: string }>(
        loadersSql.recentInteractions(ids, limit),
      );
      const interactions = await this.scope
        .repository(Interaction, 'Interaction')
        .findByIds([...new Set(rows.map((r) => r.interaction_id))]);
      const byId = new Map(interactions.map((i) => [i.id, i]));
      return manyByKey(ids, rows, (r) => r.account_id).map((list) =>
        list.map((r) => byId.get(r.interaction_id)!).filter(Boolean),
      );
    });
  }

  private links<T extends { interactionId: string; workspaceId: string }>(
    registry: LoaderRegistry,
    name: string,
    entity: new () => T,
  ) {
    return registry.get<string, T[]>(`crm.${name}`, async (ids) =>
      manyByKey(
        ids,
        await this.dataSource.getRepository(entity).find({
          where: { interactionId: Any([...ids]), workspaceId: this.context.currentWorkspaceId() } as never,
        }),
        (row) => row.interactionId,
      ),
    );
  }

  interactionAccounts(registry: LoaderRegistry) {
    return this.links(registry, 'interactionAccounts', InteractionAccount);
  }

  interactionContacts(registry: LoaderRegistry) {
    return this.links(registry, 'interactionContacts', InteractionContact);
  }

  interactionMembers(registry: LoaderRegistry) {
    return this.links(registry, 'interactionMembers', InteractionMember);
  }

  /** Tasks born from each interaction. */
  tasksOfInteraction(registry: LoaderRegistry): DataLoader<string, Task[]> {
    return registry.get('crm.tasksOfInteraction', async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope
          .repository(Task, 'Task')
          .find({ where: { interactionId: Any([...ids]) }, order: { createdAt: 'ASC' } }),
        (t) => t.interactionId!,
      ),
    );
  }

  campaignTargets(registry: LoaderRegistry): DataLoader<string, CampaignTarget[]> {
    return registry.get('crm.campaignTargets', async (ids: readonly string[]) =>
      manyByKey(
        ids,
        await this.scope
          .repository(CampaignTarget, 'Campaign target')
          .find({ where: { campaignId: Any([...ids]) } }),
        (t) => t.campaignId,
      ),
    );
  }

  /**
   * The whole pipeline now (active accounts and their expected value per stage), read once per
   * request and kept while the data is unchanged: the pipeline board's stage counts and totals share it.
   */
  pipelineNow(registry: LoaderRegistry): DataLoader<'now', PipelineStageFigure[]> {
    return registry.get('crm.pipelineNow', async (keys: readonly 'now'[]) => {
      const figures = await this.remember('pipeline now', null, () => this.pipeline.byStage(null, {}));
      return keys.map(() => figures);
    });
  }

  /** Number of active accounts in each stage. */
  accountCount(registry: LoaderRegistry): DataLoader<string, number> {
    return registry.get('crm.accountCount', async (ids: readonly string[]) => {
      const figures = await this.pipelineNow(registry).load('now');
      const counts = new Map(figures.map((figure) => [figure.stageId, figure.accountCount]));
      return ids.map((id) => counts.get(id) ?? 0);
    });
  }
}
