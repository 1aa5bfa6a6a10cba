import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  Account,
  AccountKind,
  Campaign,
  CampaignTarget,
  CampaignTargetStatus,
  Competitor,
  CompetitorStatus,
  Contact,
  ContactKind,
  DEFAULT_STAGES,
  Interaction,
  InteractionAccount,
  InteractionContact,
  InteractionKind,
  InteractionMember,
  Position,
  Representation,
  Sentiment,
  Stage,
  StageTransition,
  Task,
  TaskStatus,
} from '@greenlight/crm';
import {
  FIRST_NAMES,
  FOLLOW_UPS,
  KIND_SUFFIXES,
  LAST_NAMES,
  NAME_PARTS,
  REGIONS,
  RIVAL_VENDORS,
  SUMMARIES,
  TITLES,
} from './demo-names';

const DAY = 86_400_000;

/** A small deterministic generator, so every demo workspace tells the same story. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

/** Where the demo accounts stand: counts per stage key (60 in all). */
const STAGE_MIX: Record<string, number> = {
  prospect: 12,
  contacted: 9,
  engaged: 9,
  pilot: 9,
  negotiation: 6,
  adopted: 6,
  expanding: 3,
  paused: 2,
  lost: 3,
  churned: 1,
};
const FORWARD = ['prospect', 'contacted', 'engaged', 'pilot', 'negotiation', 'adopted', 'expanding'];
/** How each exit stage is reached: from the stage before it. */
const EXIT_FROM: Record<string, string> = { paused: 'pilot', lost: 'engaged', churned: 'expanding' };

const KIND_MIX: AccountKind[] = [
  ...Array(14).fill(AccountKind.STUDIO),
  ...Array(8).fill(AccountKind.STREAMER),
  ...Array(6).fill(AccountKind.NETWORK),
  ...Array(10).fill(AccountKind.PRODUCTION_COMPANY),
  ...Array(7).fill(AccountKind.TALENT_AGENCY),
  ...Array(6).fill(AccountKind.VFX_POST_HOUSE),
  ...Array(4).fill(AccountKind.AD_AGENCY),
  ...Array(4).fill(AccountKind.INDEPENDENT_CREATOR),
  AccountKind.OTHER,
];

async function insertAll<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: Partial<T>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + 500) as never)
      .execute();
  }
}

interface CrmDemoSummary {
  accounts: number;
  contacts: number;
  interactions: number;
  tasks: number;
}

/**
 * Fills a workspace with a believable partnerships pipeline: about 60 accounts across kinds and
 * stages with their stage histories, 200 contacts (some executives who changed studios, agents and
 * their talent), 400 interactions over six months, follow-up tasks, rival vendors and a campaign.
 */
export async function seedCrmDemo(
  dataSource: DataSource,
  workspaceId: string,
  memberIds: string[],
  now = new Date(),
): Promise<CrmDemoSummary> {
  const rnd = random(20_261_125);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY - rnd.int(0, 8 * 3600) * 1000);
  const isoDay = (date: Date) => date.toISOString().slice(0, 10);
  const owner = () => rnd.pick(memberIds);

  return dataSource.transaction(async (manager) => {
    const stages = DEFAULT_STAGES.map((stage, index) => ({
      ...stage,
      id: randomUUID(),
      workspaceId,
      position: index + 1,
    }));
    await insertAll(manager, Stage, stages);
    const stageId = (key: string) => stages.find((stage) => stage.key === key)!.id;

    // Accounts, with a few media groups as parents.
    const names = new Set<string>();
    const accounts: (Partial<Account> & { id: string; stageKey: string })[] = [];
    const stageKeys = Object.entries(STAGE_MIX).flatMap(([key, count]) => Array(count).fill(key) as string[]);
    for (let i = 0; i < 60; i++) {
      const kind = KIND_MIX[i % KIND_MIX.length];
      let name = '';
      do name = `${rnd.pick(NAME_PARTS)} ${rnd.pick(KIND_SUFFIXES[kind])}`.replace(' +', '+');
      while (names.has(name));
      names.add(name);
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
      const stageKey = stageKeys[(i * 7) % stageKeys.length];
      accounts.push({
        id: randomUUID(),
        workspaceId,
        name,
        kind,
        ownerId: owner(),
        parentId: null,
        region: rnd.pick(REGIONS),
        tier: rnd.pick(['strategic', 'enterprise', 'growth']),
        website: `https://${slug}.example`,
        domains: [`${slug}.example`],
        expectedAnnualValue: rnd.int(4, 250) * 10_000,
        currency: 'USD',
        tags: rnd.chance(0.3) ? ['la-roadshow'] : [],
        stageId: stageId(stageKey),
        stageKey,
        stageEnteredAt: now,
      });
    }
    for (const [group, children] of [
      [0, [1, 2, 3]],
      [8, [9, 10]],
      [20, [21, 22]],
    ] as const) {
      accounts[group].kind = AccountKind.OTHER;
      accounts[group].name = `${accounts[group].name!.split(' ')[0]} Media Group`;
      for (const child of children) accounts[child].parentId = accounts[group].id;
    }

    // Stage histories: forward through the pipeline from six months ago, some with a step back.
    const transitions: Partial<StageTransition>[] = [];
    for (const account of accounts) {
      const target = account.stageKey;
      const path = FORWARD.includes(target)
        ? FORWARD.slice(0, FORWARD.indexOf(target) + 1)
        : [...FORWARD.slice(0, FORWARD.indexOf(EXIT_FROM[target]) + 1), target];
      if (path.length > 3 && rnd.chance(0.25))
        path.splice(path.length - 1, 0, path[path.length - 3], path[path.length - 2]);
      let day = rnd.int(150, 180);
      const step = Math.max(4, Math.floor(day / (path.length + 1)));
      let from: string | null = null;
      for (const key of path) {
        const when = at(day);
        transitions.push({
          id: randomUUID(),
          workspaceId,
          accountId: account.id,
          fromStageId: from ? stageId(from) : null,
          toStageId: stageId(key),
          at: when,
          byMemberId: from ? owner() : null,
          reason: from ? null : 'created',
        });
        account.stageEnteredAt = when;
        account.createdAt = account.createdAt ?? when;
        from = key;
        day = Math.max(1, day - rnd.int(step - 3, step + 3));
      }
    }
    await insertAll(
      manager,
      Account,
      accounts.map(({ stageKey: _k, ...row }) => row),
    );
    await insertAll(manager, StageTransition, transitions);

    const competitors: Partial<Competitor>[] = [];
    for (const account of accounts) {
      if (!rnd.chance(0.45)) continue;
      for (const vendor of new Set([rnd.pick(RIVAL_VENDORS), rnd.pick(RIVAL_VENDORS)])) {
        competitors.push({
          id: randomUUID(),
          workspaceId,
          accountId: account.id,
          vendor,
          status: rnd.pick(Object.values(CompetitorStatus)),
        });
      }
    }
    await insertAll(manager, Competitor, competitors);

    // Contacts and where they work.
    const contacts: Partial<Contact>[] = [];
    const positions: Partial<Position>[] = [];
    const peopleAt = new Map<string, string[]>();
    const kindFor = (account: Partial<Account>): ContactKind =>
      account.kind === AccountKind.TALENT_AGENCY
        ? ContactKind.AGENT
        : account.kind === AccountKind.INDEPENDENT_CREATOR
          ? ContactKind.TALENT
          : rnd.pick([
              ContactKind.EXECUTIVE,
              ContactKind.EXECUTIVE,
              ContactKind.PRODUCER,
              ContactKind.CREATIVE_TECHNOLOGIST,
              ContactKind.DIRECTOR,
              ContactKind.LEGAL,
            ]);
    for (let i = 0; i < 200; i++) {
      const account = accounts[i % accounts.length];
      const kind = i >= 170 ? ContactKind.TALENT : kindFor(account);
      const first = FIRST_NAMES[i % FIRST_NAMES.length];
      const last = LAST_NAMES[(i * 7 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length];
      const title = rnd.pick(TITLES[kind]);
      const id = randomUUID();
      contacts.push({
        id,
        workspaceId,
        name: `${first} ${last}`,
        title,
        kind,
        ownerId: owner(),
        emails:
          kind === ContactKind.TALENT
            ? []
            : [
                `${first}.${last}`
                  .toLowerCase()
                  .normalize('NFKD')
                  .replace(/[^a-z.]/g, '') + `@${account.domains![0]}`,
              ],
        phones: rnd.chance(0.5) ? [`+1 310 555 ${String(1000 + i).slice(-4)}`] : [],
        relationshipStrength: rnd.int(1, 5),
      });
      if (kind === ContactKind.TALENT) continue;
      positions.push({
        id: randomUUID(),
        workspaceId,
        contactId: id,
        accountId: account.id,
        title,
        startedOn: isoDay(at(rnd.int(200, 900))),
        endedOn: null,
      });
      peopleAt.set(account.id!, [...(peopleAt.get(account.id!) ?? []), id]);
    }
    // Executives who changed studios: the old position closes, a new one opens.
    const studios = accounts.filter(
      (account) => account.kind === AccountKind.STUDIO || account.kind === AccountKind.STREAMER,
    );
    const executives = contacts.filter((contact) => contact.kind === ContactKind.EXECUTIVE).slice(0, 15);
    for (const [index, executive] of executives.entries()) {
      const current = positions.find(
        (position) => position.contactId === executive.id && position.endedOn === null,
      )!;
      const next = studios.find((studio, j) => j >= index && studio.id !== current.accountId) ?? studios[0];
      const moved = isoDay(at(rnd.int(10, 120)));
      current.endedOn = moved;
      if (current.startedOn! > moved) current.startedOn = isoDay(at(400));
      positions.push({
        id: randomUUID(),
        workspaceId,
        contactId: executive.id,
        accountId: next.id,
        title: rnd.pick(TITLES[ContactKind.EXECUTIVE]),
        startedOn: moved,
        endedOn: null,
      });
      peopleAt.set(
        current.accountId!,
        (peopleAt.get(current.accountId!) ?? []).filter((id) => id !== executive.id),
      );
      peopleAt.set(next.id, [...(peopleAt.get(next.id) ?? []), executive.id!]);
    }
    await insertAll(manager, Contact, contacts);
    await insertAll(manager, Position, positions);

    const agents = contacts.filter((contact) => contact.kind === ContactKind.AGENT);
    const representations: Partial<Representation>[] = contacts
      .filter((contact) => contact.kind === ContactKind.TALENT)
      .map((talent, index) => {
        const agent = agents[index % agents.length];
        const agency = positions.find((position) => position.contactId === agent.id)!;
        return {
          id: randomUUID(),
          workspaceId,
          agentId: agent.id,
          talentId: talent.id,
          agencyId: agency.accountId,
          startedOn: isoDay(at(rnd.int(100, 700))),
          endedOn: null,
        };
      });
    await insertAll(manager, Representation, representations);

    // A campaign in progress.
    const campaign: Partial<Campaign> = {
      id: randomUUID(),
      workspaceId,
      name: 'Los Angeles roadshow',
      ownerId: memberIds[0],
      startsOn: isoDay(at(20)),
      endsOn: isoDay(new Date(now.getTime() + 25 * DAY)),
      goal: 'Meet the heads of production and post at 15 studios and agencies; book 5 pilot scoping sessions.',
    };
    await insertAll(manager, Campaign, [campaign]);
    const targetsOf = accounts.filter((account) => account.tags!.includes('la-roadshow')).slice(0, 15);
    await insertAll(
      manager,
      CampaignTarget,
      targetsOf.map((account, index) => ({
        id: randomUUID(),
        workspaceId,
        campaignId: campaign.id,
        accountId: account.id,
        contactId: null,
        status: [
          CampaignTargetStatus.MET,
          CampaignTargetStatus.MEETING_BOOKED,
          CampaignTargetStatus.CONTACTED,
          CampaignTargetStatus.NOT_CONTACTED,
          CampaignTargetStatus.NO_RESPONSE,
          CampaignTargetStatus.DECLINED,
        ][index % 6],
      })),
    );

    // 400 interactions over the last six months, more with accounts further along.
    const interactions: Partial<Interaction>[] = [];
    const links: {
      accounts: Partial<InteractionAccount>[];
      contacts: Partial<InteractionContact>[];
      members: Partial<InteractionMember>[];
    } = { accounts: [], contacts: [], members: [] };
    const tasks: Partial<Task>[] = [];
    const weighted = accounts.flatMap((account) =>
      Array(1 + FORWARD.indexOf(account.stageKey) + (FORWARD.includes(account.stageKey) ? 1 : 2)).fill(
        account,
      ),
    );
    const kinds = [
      InteractionKind.MEETING,
      InteractionKind.MEETING,
      InteractionKind.CALL,
      InteractionKind.CALL,
      InteractionKind.EMAIL,
      InteractionKind.DEMO,
      InteractionKind.SCREENING,
      InteractionKind.EVENT,
    ];
    for (let i = 0; i < 400; i++) {
      const account = weighted[(i * 13 + rnd.int(0, weighted.length - 1)) % weighted.length];
      const kind = rnd.pick(kinds);
      const when = at(Math.floor((i / 400) * 180 * rnd.next()) + (i % 7));
      const id = randomUUID();
      const loggedBy = owner();
      interactions.push({
        id,
        workspaceId,
        kind,
        occurredAt: when,
        timeZone:
          account.region === 'London'
            ? 'Europe/London'
            : account.region === 'New York'
              ? 'America/New_York'
              : 'America/Los_Angeles',
        durationMinutes: kind === InteractionKind.EMAIL ? null : rnd.pick([15, 30, 45, 60, 90]),
        location: kind === InteractionKind.MEETING ? `${account.region} office` : null,
        summary: rnd.pick(SUMMARIES[kind]),
        sentiment: rnd.pick([Sentiment.POSITIVE, Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE]),
        nextSteps: rnd.chance(0.6) ? rnd.pick(FOLLOW_UPS) : null,
        loggedById: loggedBy,
        campaignId:
          targetsOf.includes(account) && when.getTime() > now.getTime() - 20 * DAY ? campaign.id! : null,
        createdAt: when,
      });
      links.accounts.push({ interactionId: id, accountId: account.id, workspaceId, occurredAt: when });
      for (const contactId of new Set((peopleAt.get(account.id) ?? []).slice(0, rnd.int(1, 3))))
        links.contacts.push({ interactionId: id, contactId, workspaceId });
      links.members.push({ interactionId: id, memberId: loggedBy, workspaceId });
      if (rnd.chance(0.3)) {
        const due = new Date(when.getTime() + rnd.int(2, 14) * DAY);
        const done = due.getTime() < now.getTime() && rnd.chance(0.7);
        tasks.push({
          id: randomUUID(),
          workspaceId,
          title: rnd.pick(FOLLOW_UPS),
          assigneeId: loggedBy,
          dueAt: due,
          status: done ? TaskStatus.DONE : TaskStatus.OPEN,
          accountId: account.id,
          contactId: null,
          interactionId: id,
          completedAt: done ? due : null,
          createdById: loggedBy,
          createdAt: when,
        });
      }
    }
    await insertAll(manager, Interaction, interactions);
    await insertAll(manager, InteractionAccount, links.accounts);
    await insertAll(manager, InteractionContact, links.contacts);
    await insertAll(manager, InteractionMember, links.members);
    await insertAll(manager, Task, tasks);
    return {
      accounts: accounts.length,
      contacts: contacts.length,
      interactions: interactions.length,
      tasks: tasks.length,
    };
  });
}
