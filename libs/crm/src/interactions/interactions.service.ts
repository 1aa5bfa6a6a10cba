import { Connection, paginate, SortDirection } from '@greenlight/common';
import {
  AuditService,
  memberIdOf,
  Membership,
  Outbox,
  requireInWorkspace,
  TenantContext,
  TenantSql,
  WorkspaceScope,
} from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { CampaignsService } from '../campaigns/campaigns.service';
import { Contact } from '../contacts/contact.entity';
import { Task } from '../tasks/task.entity';
import { interactionAccountsSql } from '../sql/interaction-accounts.sql';
import { interactionsSql } from '../sql/interactions.sql';
import { TasksService } from '../tasks/tasks.service';
import { InteractionAccount, InteractionContact, InteractionMember } from './interaction-links.entity';
import { Interaction } from './interaction.entity';
import { InteractionsArgs, InteractionSortField, LogInteractionInput } from './interaction.inputs';

export interface LoggedInteraction {
  interaction: Interaction;
  tasks: Task[];
}

@Injectable()
export class InteractionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
    private readonly context: TenantContext,
    private readonly tasks: TasksService,
    private readonly campaigns: CampaignsService,
    private readonly db: TenantSql,
    private readonly outbox: Outbox,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(Interaction, 'Interaction', manager);
  }

  get(id: string): Promise<Interaction> {
    return this.repository().getById(id);
  }

  list(args: InteractionsArgs): Promise<Connection<Interaction>> {
    const filter = args.filter ?? {};
    const query = this.repository().query('i', (q) => {
      if (filter.kinds?.length) q.andWhere('i.kind IN (:...kinds)', { kinds: filter.kinds });
      if (filter.accountId) {
        q.andWhere(
          'EXISTS (SELECT 1 FROM interaction_account ia WHERE ia.interaction_id = i.id AND ia.account_id = :accountId)',
          {
            accountId: filter.accountId,
          },
        );
      }
      if (filter.contactId) {
        q.andWhere(
          'EXISTS (SELECT 1 FROM interaction_contact ic WHERE ic.interaction_id = i.id AND ic.contact_id = :contactId)',
          {
            contactId: filter.contactId,
          },
        );
      }
      if (filter.memberId) {
        q.andWhere(
          '(i.logged_by_id = :memberId OR EXISTS (SELECT 1 FROM interaction_member im WHERE im.interaction_id = i.id AND im.member_id = :memberId))',
          { memberId: filter.memberId },
        );
      }
      if (filter.campaignId) q.andWhere('i.campaign_id = :campaignId', { campaignId: filter.campaignId });
      if (filter.occurredAfter) q.andWhere('i.occurred_at >= :after', { after: filter.occurredAfter });
      if (filter.occurredBefore) q.andWhere('i.occurred_at < :before', { before: filter.occurredBefore });
      if (filter.text) {
        q.andWhere(`${INTERACTION_DOCUMENT} @@ websearch_to_tsquery('english', :text)`, {
          text: filter.text,
        });
      }
      return q;
    });
    const direction = args.sortDirection ?? SortDirection.DESC;
    return paginate(
      query,
      args,
      args.sortBy === InteractionSortField.CREATED_AT
        ? { expression: 'i.created_at', value: (i) => i.createdAt.toISOString(), part: 'timestamp', direction }
        : { expression: 'i.occurred_at', value: (i) => i.occurredAt.toISOString(), part: 'timestamp', direction },
      { expression: 'i.id', value: (i) => i.id },
    );
  }

  /** When each account last had an interaction up to `asOf` (planned ones later are left out); one query. */
  async lastInteractionTimes(accountIds: readonly string[], asOf = new Date()): Promise<Map<string, Date>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.db.query<{ account_id: string; at: Date }>(
      interactionsSql.lastInteractionTimes(accountIds, asOf),
    );
    return new Map(rows.map((row) => [row.account_id, new Date(row.at)]));
  }

  /**
   * Links the interaction to `accountId`: as its only account, or beside its others with
   * `keepOtherAccounts`; audited with the accounts before and after.
   */
  async moveToAccount(id: string, accountId: string, keepOtherAccounts = false): Promise<Interaction> {
    return this.dataSource.transaction(async (manager) => {
      const interaction = await this.repository(manager).getById(id, { lock: true });
      const accountsOf = async () =>
        (await this.db.query<{ accountId: string }>(interactionAccountsSql.accountsOf(id), manager)).map(
          (row) => row.accountId,
        );
      const before = await accountsOf();
      if (!keepOtherAccounts) await this.db.execute(interactionAccountsSql.unlinkAllBut(id, accountId), manager);
      if (!before.includes(accountId))
        await this.db.execute(interactionAccountsSql.link(id, accountId, interaction.occurredAt), manager);
      const after = await accountsOf();
      await this.audit.record(
        { entity: 'interaction', entityId: id, action: 'update', before: { accountIds: before }, after: { accountIds: after } },
        manager,
      );
      return interaction;
    });
  }

  /** Logs an interaction with its accounts, attendees and follow-up tasks, all or nothing. */
  async log(input: LogInteractionInput): Promise<LoggedInteraction> {
    const principal = this.context.principal();
    const me = memberIdOf(principal);
    return this.dataSource.transaction(async (manager) => {
      const accountIds = unique(input.accountIds);
      const contactIds = unique(input.contactIds ?? []);
      const memberIds = unique(input.memberIds ?? (me ? [me] : []));
      await requireInWorkspace(this.scope, manager, Account, 'accountIds', 'an account', accountIds);
      await requireInWorkspace(this.scope, manager, Contact, 'contactIds', 'a contact', contactIds);
      await requireInWorkspace(this.scope, manager, Membership, 'memberIds', 'a member', memberIds);
      if (input.campaignId) await this.campaigns.requireCampaign(manager, input.campaignId);

      const interaction = await this.repository(manager).insert({
        kind: input.kind,
        occurredAt: input.occurredAt,
        timeZone: input.timeZone ?? 'UTC',
        durationMinutes: input.durationMinutes ?? null,
        location: input.location ?? null,
        summary: input.summary,
        sentiment: input.sentiment ?? null,
        nextSteps: input.nextSteps ?? null,
        loggedById: me,
        campaignId: input.campaignId ?? null,
      });
      const workspaceId = interaction.workspaceId;
      const link = (entity: EntityTarget<object>, rows: object[]) =>
        rows.length ? manager.createQueryBuilder().insert().into(entity).values(rows).execute() : undefined;
      await link(
        InteractionAccount,
        accountIds.map((accountId) => ({
          interactionId: interaction.id,
          accountId,
          workspaceId,
          occurredAt: input.occurredAt,
        })),
      );
      await link(
        InteractionContact,
        contactIds.map((contactId) => ({ interactionId: interaction.id, contactId, workspaceId })),
      );
      await link(
        InteractionMember,
        memberIds.map((memberId) => ({ interactionId: interaction.id, memberId, workspaceId })),
      );

      const tasks: Task[] = [];
      for (const [index, followUp] of (input.followUps ?? []).entries()) {
        tasks.push(
          await this.tasks.createWithin(
            manager,
            { ...followUp, accountId: followUp.accountId ?? accountIds[0], interactionId: interaction.id },
            `followUps.${index}`,
          ),
        );
      }
      if (input.campaignId)
        await this.campaigns.advanceTargets(manager, input.campaignId, input.kind, accountIds, contactIds);
      await this.audit.record(
        {
          entity: 'interaction',
          entityId: interaction.id,
          action: 'create',
          after: {
            kind: interaction.kind,
            occurredAt: interaction.occurredAt,
            accountIds,
            contactIds,
            memberIds,
            followUps: tasks.length,
          },
        },
        manager,
      );
      await this.outbox.record(manager, [
        {
          type: 'interaction.logged',
          data: {
            interactionId: interaction.id,
            kind: interaction.kind,
            occurredAt: interaction.occurredAt,
            summary: interaction.summary,
            accountIds,
            contactIds,
            memberIds,
            campaignId: interaction.campaignId,
            loggedById: me,
          },
        },
      ]);
      return { interaction, tasks };
    });
  }
}

/** The text searched in interactions; the same expression is indexed (GIN) by the migration. */
export const INTERACTION_DOCUMENT =
  "to_tsvector('english', coalesce(i.summary, '') || ' ' || coalesce(i.next_steps, '') || ' ' || coalesce(i.location, ''))";

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
