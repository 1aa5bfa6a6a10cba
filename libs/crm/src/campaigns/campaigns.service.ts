import { Connection, InvalidInputException, paginate, ReferenceNotFoundException } from '@greenlight/common';
import { AuditService, Membership, requireInWorkspace, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { setArchived } from '../archiving';
import { DataSource, EntityManager } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { CampaignTargetStatus, InteractionKind } from '../enums';
import { Campaign, CampaignTarget } from './campaign.entity';
import {
  CampaignsArgs,
  CampaignTargetsInput,
  CreateCampaignInput,
  SetCampaignTargetStatusInput,
  UpdateCampaignInput,
} from './campaign.inputs';
import { definedChanges } from '../changes';

/** How far a target has come; logging an interaction only ever moves it forward. */
const PROGRESS: Record<CampaignTargetStatus, number> = {
  [CampaignTargetStatus.NOT_CONTACTED]: 0,
  [CampaignTargetStatus.NO_RESPONSE]: 1,
  [CampaignTargetStatus.CONTACTED]: 2,
  [CampaignTargetStatus.MEETING_BOOKED]: 3,
  [CampaignTargetStatus.MET]: 4,
  [CampaignTargetStatus.DECLINED]: 5,
};

/** Meeting in person (or on screen) counts as met; a call or an e-mail as contacted. */
const REACHED: Record<InteractionKind, CampaignTargetStatus> = {
  [InteractionKind.MEETING]: CampaignTargetStatus.MET,
  [InteractionKind.DEMO]: CampaignTargetStatus.MET,
  [InteractionKind.SCREENING]: CampaignTargetStatus.MET,
  [InteractionKind.EVENT]: CampaignTargetStatus.MET,
  [InteractionKind.CALL]: CampaignTargetStatus.CONTACTED,
  [InteractionKind.EMAIL]: CampaignTargetStatus.CONTACTED,
};

export interface CampaignProgress {
  total: number;
  byStatus: { status: CampaignTargetStatus; count: number }[];
  /** Share of targets met, 0 to 1. */
  metRate: number;
}

@Injectable()
export class CampaignsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(Campaign, 'Campaign', manager);
  }

  targets(manager?: EntityManager) {
    return this.scope.repository(CampaignTarget, 'Campaign target', manager);
  }

  get(id: string): Promise<Campaign> {
    return this.repository().getById(id);
  }

  list(args: CampaignsArgs): Promise<Connection<Campaign>> {
    const filter = args.filter ?? {};
    const query = this.repository().query('c', (q) => {
      q.andWhere(filter.archived ? 'c.archived_at IS NOT NULL' : 'c.archived_at IS NULL');
      if (filter.ownerId) q.andWhere('c.owner_id = :ownerId', { ownerId: filter.ownerId });
      if (filter.activeOn) {
        q.andWhere(
          '(c.starts_on IS NULL OR c.starts_on <= :on) AND (c.ends_on IS NULL OR c.ends_on >= :on)',
          { on: filter.activeOn },
        );
      }
      return q;
    });
    return paginate(
      query,
      args,
      {
        expression: "COALESCE(c.starts_on, '-infinity'::date)",
        value: (c) => c.startsOn ?? '-infinity',
        part: 'date',
        direction: 'DESC',
      },
      { expression: 'c.id', value: (c) => c.id },
    );
  }

  async create(input: CreateCampaignInput): Promise<Campaign> {
    checkDates(input.startsOn, input.endsOn);
    return this.dataSource.transaction(async (manager) => {
      await requireInWorkspace(this.scope, manager, Membership, 'ownerId', 'a member', input.ownerId);
      const campaign = await this.repository(manager).insert({
        name: input.name.trim(),
        ownerId: input.ownerId ?? null,
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        goal: input.goal ?? null,
      });
      await this.addTargetsWithin(manager, campaign.id, input.accountIds ?? [], input.contactIds ?? []);
      await this.audit.record(
        { entity: 'campaign', entityId: campaign.id, action: 'create', after: { ...input } },
        manager,
      );
      return campaign;
    });
  }

  async update(input: UpdateCampaignInput): Promise<Campaign> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.repository(manager).getById(input.id, { lock: true });
      const before = {
        name: campaign.name,
        ownerId: campaign.ownerId,
        startsOn: campaign.startsOn,
        endsOn: campaign.endsOn,
        goal: campaign.goal,
      };
      await requireInWorkspace(this.scope, manager, Membership, 'ownerId', 'a member', input.ownerId);
      const { id: _id, ...changes } = definedChanges(input);
      Object.assign(campaign, changes);
      checkDates(campaign.startsOn, campaign.endsOn);
      const saved = await this.repository(manager).save(campaign);
      await this.audit.record(
        { entity: 'campaign', entityId: saved.id, action: 'update', before, after: { ...changes } },
        manager,
      );
      return saved;
    });
  }

  setArchived(id: string, archived: boolean): Promise<Campaign> {
    return setArchived(
      this.dataSource,
      this.audit,
      (manager) => this.repository(manager),
      'campaign',
      id,
      archived,
      (campaign) => ({ name: campaign.name, archivedAt: campaign.archivedAt }),
    );
  }

  async addTargets(input: CampaignTargetsInput): Promise<CampaignTarget[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.repository(manager).getById(input.campaignId);
      const added = await this.addTargetsWithin(
        manager,
        input.campaignId,
        input.accountIds ?? [],
        input.contactIds ?? [],
      );
      await this.audit.record(
        { entity: 'campaign', entityId: input.campaignId, action: 'add_targets', after: { ...input } },
        manager,
      );
      return added;
    });
  }

  async setTargetStatus(input: SetCampaignTargetStatusInput): Promise<CampaignTarget> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.targets(manager).getById(input.targetId, { lock: true });
      const before = { status: target.status };
      target.status = input.status;
      target.updatedAt = new Date();
      const saved = await this.targets(manager).save(target);
      await this.audit.record(
        {
          entity: 'campaign_target',
          entityId: target.id,
          action: 'set_status',
          before,
          after: { status: input.status },
        },
        manager,
      );
      return saved;
    });
  }

  async requireCampaign(manager: EntityManager, id: string): Promise<Campaign> {
    const campaign = await this.repository(manager).findById(id);
    if (!campaign)
      throw ReferenceNotFoundException.field('campaignId', 'campaignId is not a campaign of this workspace');
    return campaign;
  }

  /** A logged interaction moves the campaign's matching targets forward, never back. */
  async advanceTargets(
    manager: EntityManager,
    campaignId: string,
    kind: InteractionKind,
    accountIds: string[],
    contactIds: string[],
  ): Promise<void> {
    const reached = REACHED[kind];
    const targets = await this.targets(manager)
      .query('t', (q) =>
        q
          .andWhere('t.campaign_id = :campaignId', { campaignId })
          .andWhere('(t.account_id = ANY(:accountIds) OR t.contact_id = ANY(:contactIds))', {
            accountIds,
            contactIds,
          }),
      )
      .getMany();
    for (const target of targets) {
      if (PROGRESS[target.status] >= PROGRESS[reached]) continue;
      await this.targets(manager).update(target.id, { status: reached, updatedAt: new Date() });
    }
  }

  progressOf(targets: CampaignTarget[]): CampaignProgress {
    const counts = new Map<CampaignTargetStatus, number>();
    for (const target of targets) counts.set(target.status, (counts.get(target.status) ?? 0) + 1);
    const met = counts.get(CampaignTargetStatus.MET) ?? 0;
    return {
      total: targets.length,
      byStatus: Object.values(CampaignTargetStatus).map((status) => ({
        status,
        count: counts.get(status) ?? 0,
      })),
      metRate: targets.length ? met / targets.length : 0,
    };
  }

  private async addTargetsWithin(
    manager: EntityManager,
    campaignId: string,
    accountIds: string[],
    contactIds: string[],
  ): Promise<CampaignTarget[]> {
    const accounts = await this.scope.repository(Account, 'Account', manager).findByIds(accountIds);
    if (accounts.length !== new Set(accountIds).size)
      throw ReferenceNotFoundException.field(
        'accountIds',
        'accountIds must all be accounts of this workspace',
      );
    const contacts = await this.scope.repository(Contact, 'Contact', manager).findByIds(contactIds);
    if (contacts.length !== new Set(contactIds).size)
      throw ReferenceNotFoundException.field(
        'contactIds',
        'contactIds must all be contacts of this workspace',
      );
    const existing = await this.targets(manager).find({ where: { campaignId } });
    const has = new Set(existing.map((target) => target.accountId ?? target.contactId));
    const added: CampaignTarget[] = [];
    for (const account of accounts) {
      if (!has.has(account.id))
        added.push(
          await this.targets(manager).insert({ campaignId, accountId: account.id, contactId: null }),
        );
    }
    for (const contact of contacts) {
      if (!has.has(contact.id))
        added.push(
          await this.targets(manager).insert({ campaignId, accountId: null, contactId: contact.id }),
        );
    }
    return added;
  }
}

function checkDates(startsOn?: string | null, endsOn?: string | null): void {
  if (startsOn && endsOn && endsOn < startsOn)
    throw InvalidInputException.field('endsOn', 'endsOn must not be before startsOn');
}
