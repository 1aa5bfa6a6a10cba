import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';
import { badFields, createAccount, createContact, crmWorld, CrmWorld, fieldsWith, stageId } from './support';

const LOG = `mutation($input: LogInteractionInput!) {
  logInteraction(input: $input) {
    interaction { id kind occurredAt timeZone summary accounts { name } contacts { name } attendees { id } loggedBy { id } }
    tasks { id title dueAt assignee { id } account { name } interaction { id } }
  }
}`;

const TIMELINE = `query($id: ID!, $first: Int, $after: String) {
  account(id: $id) { timeline(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { at kind item { __typename ... on Interaction { id summary } ... on StageTransition { id reason } ... on Task { id title } } } }
  } }
}`;

describe('interactions, tasks, timeline and search', () => {
  let api: TestApp;
  let world: CrmWorld;
  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Daily');
  });
  afterAll(() => api.close());
  const rep = () => world.as[Role.PARTNERSHIPS];
  const me = () => world.workspace.members[Role.PARTNERSHIPS].memberId;

  it('logs a meeting with two contacts and a follow-up, moves the account to pilot, and shows it all in the timeline', async () => {
    const account = await createAccount(rep(), { name: 'Aurora Pictures Entertainment' });
    const [a, b] = [
      await createContact(rep(), { name: 'Priya Natarajan', accountId: account.id }),
      await createContact(rep(), { name: 'Marco Bellini', kind: 'PRODUCER', accountId: account.id }),
    ];
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const { logInteraction } = await rep().data(LOG, {
      input: {
        kind: 'MEETING',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        timeZone: 'America/Los_Angeles',
        durationMinutes: 45,
        location: 'Burbank lot, building 12',
        summary:
          'Walked through the previsualisation workflow; they want storyboard-to-animatic in the pilot.',
        sentiment: 'POSITIVE',
        nextSteps: 'Send the pilot scope',
        accountIds: [account.id],
        contactIds: [a.id, b.id],
        followUps: [{ title: 'Send pilot scope to Priya', dueAt: due }],
      },
    });
    expect(logInteraction.interaction).toMatchObject({
      kind: 'MEETING',
      timeZone: 'America/Los_Angeles',
      accounts: [{ name: 'Aurora Pictures Entertainment' }],
      attendees: [{ id: me() }],
      loggedBy: { id: me() },
    });
    expect(logInteraction.interaction.contacts.map((c: any) => c.name).sort()).toEqual([
      'Marco Bellini',
      'Priya Natarajan',
    ]);
    expect(logInteraction.tasks).toEqual([
      {
        id: expect.any(String),
        title: 'Send pilot scope to Priya',
        dueAt: due,
        assignee: { id: me() },
        account: { name: 'Aurora Pictures Entertainment' },
        interaction: { id: logInteraction.interaction.id },
      },
    ]);

    await rep().data(`mutation($input: MoveAccountStageInput!) { moveAccountStage(input: $input) { id } }`, {
      input: {
        accountId: account.id,
        stageId: await stageId(rep(), 'pilot'),
        reason: 'agreed to a 6-week pilot',
      },
    });
    const { search } = await rep().data(`{ search(query: "Aurra Pictures") { kind id title snippet } }`);
    expect(search[0]).toMatchObject({ kind: 'ACCOUNT', id: account.id });

    const { account: withTimeline } = await rep().data(TIMELINE, { id: account.id, first: 10 });
    const kinds = withTimeline.timeline.edges.map((edge: any) => edge.node.kind);
    expect(kinds[0]).toBe('stage_change');
    expect(kinds).toEqual(expect.arrayContaining(['interaction', 'task', 'stage_change']));
    expect(withTimeline.timeline.totalCount).toBe(4);
    const ats = withTimeline.timeline.edges.map((edge: any) => edge.node.at);
    expect([...ats].sort().reverse()).toEqual(ats);
  });

  it('pages the timeline without skipping or repeating entries that share a timestamp', async () => {
    const account = await createAccount(rep(), { name: 'Tied Timestamps Ltd' });
    const at = '2026-06-01T10:00:00.000Z';
    for (let i = 0; i < 7; i++) {
      await rep().data(LOG, {
        input: { kind: 'CALL', occurredAt: at, summary: `call ${i}`, accountIds: [account.id] },
      });
    }
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { account: a } = await rep().data(TIMELINE, { id: account.id, first: 3, after });
      seen.push(...a.timeline.edges.map((edge: any) => `${edge.node.kind}:${edge.node.item.id}`));
      expect(a.timeline.totalCount).toBe(8);
      if (!a.timeline.pageInfo.hasNextPage) break;
      after = a.timeline.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it('refuses interaction input naming the field, keeping nothing', async () => {
    const account = await createAccount(rep(), { name: 'Validation Films' });
    const response = await rep().call(LOG, {
      input: {
        kind: 'MEETING',
        occurredAt: new Date().toISOString(),
        timeZone: 'Mars/Olympus',
        summary: '',
        accountIds: [],
      },
    });
    expect(badFields(response).sort()).toEqual(['input.accountIds', 'input.summary', 'input.timeZone']);
    const missing = await rep().call(LOG, {
      input: {
        kind: 'CALL',
        occurredAt: new Date().toISOString(),
        summary: 'x',
        accountIds: [account.id],
        contactIds: ['00000000-0000-4000-8000-000000000000'],
      },
    });
    expect(fieldsWith('NOT_FOUND', missing)).toEqual(['contactIds.0']);
    const { interactions } = await rep().data(
      `query($id: ID!) { interactions(filter: { accountId: $id }) { totalCount } }`,
      { id: account.id },
    );
    expect(interactions.totalCount).toBe(0);
  });

  it('completes tasks and lists overdue ones', async () => {
    const account = await createAccount(rep(), { name: 'Task Force Studios' });
    const { createTask: late } = await rep().data(
      `mutation($input: CreateTaskInput!) { createTask(input: $input) { id overdue } }`,
      {
        input: {
          title: 'Chase the NDA',
          dueAt: new Date(Date.now() - 86_400_000).toISOString(),
          accountId: account.id,
        },
      },
    );
    expect(late.overdue).toBe(true);
    const overdue = await rep().data(`{ tasks(filter: { overdue: true }) { edges { node { id } } } }`);
    expect(overdue.tasks.edges.map((edge: any) => edge.node.id)).toContain(late.id);
    const { completeTask } = await rep().data(
      `mutation($id: ID!) { completeTask(id: $id) { status completedAt overdue } }`,
      { id: late.id },
    );
    expect(completeTask).toMatchObject({ status: 'DONE', overdue: false, completedAt: expect.any(String) });
    const { account: a } = await rep().data(`query($id: ID!) { account(id: $id) { openTasks { id } } }`, {
      id: account.id,
    });
    expect(a.openTasks).toEqual([]);
  });

  it('finds interactions by words in their notes, with highlighted snippets', async () => {
    const account = await createAccount(rep(), { name: 'Snippet Pictures' });
    await rep().data(LOG, {
      input: {
        kind: 'SCREENING',
        occurredAt: new Date().toISOString(),
        summary: 'Screened the volumetric capture reel for the <VFX> leads.',
        accountIds: [account.id],
      },
    });
    const { search } = await rep().data(
      `{ search(query: "volumetric capture") { kind snippet interaction { id } } }`,
    );
    expect(search[0].kind).toBe('INTERACTION');
    expect(search[0].snippet).toContain('<mark>volumetric</mark>');
    expect(search[0].snippet).toContain('&lt;VFX&gt;');
  });

  it('advances campaign targets when a linked interaction is logged', async () => {
    const account = await createAccount(rep(), { name: 'Roadshow Target Studio' });
    const contact = await createContact(rep(), { name: 'Lee Tanaka', accountId: account.id });
    const { createCampaign } = await rep().data(
      `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id progress { total metRate } } }`,
      {
        input: {
          name: 'LA roadshow',
          startsOn: '2026-11-01',
          endsOn: '2026-12-15',
          accountIds: [account.id],
          contactIds: [contact.id],
        },
      },
    );
    expect(createCampaign.progress).toEqual({ total: 2, metRate: 0 });
    await rep().data(LOG, {
      input: {
        kind: 'MEETING',
        occurredAt: new Date().toISOString(),
        summary: 'Roadshow stop',
        accountIds: [account.id],
        contactIds: [contact.id],
        campaignId: createCampaign.id,
      },
    });
    const { campaign } = await rep().data(
      `query($id: ID!) { campaign(id: $id) { targets { status } progress { metRate } } }`,
      { id: createCampaign.id },
    );
    expect(campaign.targets.map((t: any) => t.status)).toEqual(['MET', 'MET']);
    expect(campaign.progress.metRate).toBe(1);
  });

  it('keeps the current stage equal to the latest transition for every account', async () => {
    const rows = await api.app.get(DataSource).query(`
      SELECT a.id FROM account a
       WHERE a.stage_id <> (SELECT t.to_stage_id FROM stage_transition t WHERE t.account_id = a.id ORDER BY t.at DESC, t.id DESC LIMIT 1)`);
    expect(rows).toEqual([]);
  });
});
