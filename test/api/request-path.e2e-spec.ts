import { Role, SessionMemory } from '@greenlight/identity';
import { print } from 'graphql';
import {
  AccountsListDocument,
  AccountTimelineDocument,
  ContactsListDocument,
  PipelineBoardDocument,
} from '../../apps/web/src/gql/graphql';
import { signIn } from '../identity/fixtures';
import { countStatements, requestStatements } from '../support/statements';
import { startTestApp, TestApp } from '../support/test-app';
import { createAccount, createContact, crmWorld, CrmWorld, stageId } from '../crm/support';

const ACCOUNTS = print(AccountsListDocument);
const CONTACTS = print(ContactsListDocument);
const TIMELINE = print(AccountTimelineDocument);
const LOG = `mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }`;

describe('the signed-in request path', () => {
  let api: TestApp;
  let world: CrmWorld;
  let accountId: string;
  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Statements');
    const rep = world.as[Role.PARTNERSHIPS];
    const owners = [Role.PARTNERSHIPS, Role.ADMIN].map((role) => world.workspace.members[role].memberId);
    for (let i = 0; i < 60; i++) {
      const account = await createAccount(rep, {
        name: `Statement Account ${String(i).padStart(2, '0')}`,
        ownerId: owners[i % owners.length],
        tags: ['bench'],
      });
      accountId ??= account.id;
      await createContact(rep, {
        name: `Statement Person ${String(i).padStart(2, '0')}`,
        accountId: account.id,
        ownerId: owners[i % owners.length],
      });
    }
    // the counts below are of a session already let in from memory: no authentication statement
    const deadline = Date.now() + 10_000;
    while ((await countStatements(() => rep.data('{ me { __typename } }'))) > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
  }, 120_000);
  afterAll(() => api.close());

  it('marks every GraphQL answer not cacheable, signed in or not, failed or not', async () => {
    const member = world.workspace.members[Role.PARTNERSHIPS];
    const token = (await signIn(api, member.email, undefined, world.workspace.slug)).accessToken;
    const answers = await Promise.all([
      api.graphql('{ __typename }'),
      api.graphql('{ me { user { email } } }', undefined, { authorization: `Bearer ${token}` }),
      api.graphql('{ me { user { email } } }'),
      api.graphql('{ nope }'),
    ]);
    expect(answers.map((answer) => answer.headers.get('cache-control'))).toEqual(Array(4).fill('no-store'));
    expect(answers.map((answer) => Boolean(answer.errors?.length))).toEqual([false, false, true, true]);
  });

  it('authenticates a new session with one statement, and its next requests with none', async () => {
    const member = world.workspace.members[Role.PARTNERSHIPS];
    const token = (await signIn(api, member.email, undefined, world.workspace.slug)).accessToken;
    const me = () => api.graphql('{ me { __typename } }', undefined, { authorization: `Bearer ${token}` });
    expect(api.app.get(SessionMemory).isListening).toBe(true);
    expect(await countStatements(me)).toBe(1);
    expect(await countStatements(me)).toBe(0);
  });

  it('reads only the parts of `me` that are asked for', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    const member = world.workspace.members[Role.PARTNERSHIPS];
    let answer: any;
    // the user's e-mail and name come with the authentication statement, or with the session in memory
    expect(await countStatements(async () => (answer = await rep.data('{ me { user { email name } } }')))).toBe(0);
    expect(answer.me.user).toEqual({ email: member.email, name: member.name });
    expect(await countStatements(() => rep.data('{ me { member { role } } }'))).toBe(1);

    const all = await rep.data<any>(
      '{ me { user { id name email } member { id role user { email } } workspace { id slug } workspaces { slug } } }',
    );
    expect(all.me).toEqual({
      user: { id: member.userId, name: member.name, email: member.email },
      member: { id: member.memberId, role: 'PARTNERSHIPS', user: { email: member.email } },
      workspace: { id: world.workspace.id, slug: world.workspace.slug },
      workspaces: [{ slug: world.workspace.slug }],
    });
  });

  it.each([
    ['account list', ACCOUNTS, 'accounts'],
    ['contact list', CONTACTS, 'contacts'],
  ])('runs as many statements for a page of 50 as for 5 in the web app’s %s', async (_name, query, field) => {
    const rep = world.as[Role.PARTNERSHIPS];
    await rep.data(query, { first: 2 }); // warm-up: first-use metadata
    let small: any;
    let large: any;
    const five = await countStatements(async () => (small = await rep.data(query, { first: 5 })));
    const fifty = await countStatements(async () => (large = await rep.data(query, { first: 50 })));
    expect(small[field].edges).toHaveLength(5);
    expect(large[field].edges).toHaveLength(50);
    expect(large[field].totalCount).toBe(60);
    expect(fifty).toBe(five);
    // the page, its count and one per nested kind of row
    expect(fifty).toBeLessThanOrEqual(5);
  });

  it.each([
    ['account list', ACCOUNTS, 'accounts'],
    ['contact list', CONTACTS, 'contacts'],
  ])('counts the web app’s %s with its first page only', async (_name, query, field) => {
    const rep = world.as[Role.PARTNERSHIPS];
    let first: any;
    let next: any;
    expect(await countStatements(async () => (first = await rep.data(query, { first: 20, withTotal: true })))).toBe(2);
    const after = first[field].pageInfo.endCursor;
    expect(await countStatements(async () => (next = await rep.data(query, { first: 20, after, withTotal: false })))).toBe(1);
    expect(first[field].totalCount).toBe(60);
    expect(next[field]).not.toHaveProperty('totalCount');
    expect(next[field].edges).toHaveLength(20);
  });

  it('reads a page of accounts with their stages and owners in one statement', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    let page: any;
    const statements = await countStatements(async () => (page = await rep.data(ACCOUNTS, { first: 50 })));
    // the page with each row's stage and owner, and its count
    expect(statements).toBe(2);
    const first = page.accounts.edges[0].node;
    expect(first.stage).toEqual({ id: expect.any(String), name: expect.any(String), category: expect.any(String) });
    expect(first.owner.user.name).toEqual(expect.any(String));
    expect(await countStatements(() => rep.data(ACCOUNTS, { first: 50, withTotal: false }))).toBe(1);
  });

  it('reads a page of contacts with their positions, current accounts and owners in one statement', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    let page: any;
    const statements = await countStatements(async () => (page = await rep.data(CONTACTS, { first: 50 })));
    // the page with each row's positions, current account and owner, and its count
    expect(statements).toBe(2);
    const first = page.contacts.edges[0].node;
    expect(first).toMatchObject({
      name: 'Statement Person 00',
      currentAccount: { id: accountId, name: 'Statement Account 00' },
      owner: { user: { name: world.workspace.members[Role.PARTNERSHIPS].name } },
    });
    const next = await rep.data<any>(CONTACTS, { first: 50, after: page.contacts.pageInfo.endCursor });
    expect(next.contacts.edges.map((edge: any) => edge.node.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Statement Person ${50 + i}`),
    );
    const positions = await countStatements(() =>
      rep.data('{ contacts(first: 50) { edges { node { id positions { title current account { name } } } } } }'),
    );
    expect(positions).toBe(1); // the page: the positions, and current ones' accounts, come with it
  });

  it('searches names with one statement, the nearest name first', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    let answer: any;
    const statements = await countStatements(
      async () => (answer = await rep.data('{ search(query: "Statment Acount 07", limit: 3) { kind title } }')),
    );
    // the search: the similarity threshold is set inside the search statement
    expect(statements).toBe(1);
    expect(answer.search[0]).toEqual({ kind: 'ACCOUNT', title: 'Statement Account 07' });
  });

  it('names each list row’s owner from the same statement that reads the member', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    const page = await rep.data<any>(ACCOUNTS, { first: 50 });
    const names = new Set(page.accounts.edges.map((edge: any) => edge.node.owner.user.name));
    expect(names).toEqual(
      new Set([Role.PARTNERSHIPS, Role.ADMIN].map((role) => world.workspace.members[role].name)),
    );
  });

  it('counts the pipeline board’s accounts once: stage counts and stage totals from one statement, kept while the data is unchanged', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    const board = print(PipelineBoardDocument);
    const readingAccounts = (statements: { sql: string }[]) =>
      statements.filter((statement) => /\bFROM account\b/i.test(statement.sql));
    // a stage move raises the data version: the board counts again
    const account = await createAccount(rep, { name: 'Board Count Account' });
    await rep.data('mutation ($input: MoveAccountStageInput!) { moveAccountStage(input: $input) { id } }', {
      input: { accountId: account.id, stageId: await stageId(rep, 'pilot') },
    });
    let answer: any;
    const counted = await requestStatements(async () => (answer = await rep.data(board)));
    expect(readingAccounts(counted)).toHaveLength(3); // the page of accounts(first: 1), its totalCount and the stage figures
    const totals = new Map(answer.pipeline.stages.map((figure: any) => [figure.stage.id, figure.accountCount]));
    for (const stage of answer.stages) expect(stage.accountCount).toBe(totals.get(stage.id) ?? 0);
    expect(answer.stages.reduce((sum: number, stage: any) => sum + stage.accountCount, 0)).toBe(61);
    expect(answer.accounts.totalCount).toBe(61);
    // asked again with nothing changed: the stage figures come from the dashboards' cache
    let again: any;
    const kept = await requestStatements(async () => (again = await rep.data(board)));
    expect(readingAccounts(kept)).toHaveLength(2);
    expect(again).toEqual(answer);
    await rep.data('mutation ($id: ID!) { archiveAccount(id: $id) { id } }', { id: account.id });
  });

  it('answers the pipeline board and a timeline with as many statements however many rows they show', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    const board = print(PipelineBoardDocument);
    await rep.data(board);
    const statements = await countStatements(() => rep.data(board));
    expect(statements).toBeLessThanOrEqual(12);
    const timeline = print(AccountTimelineDocument);
    await rep.data(timeline, { id: accountId });
    expect(await countStatements(() => rep.data(timeline, { id: accountId }))).toBeLessThanOrEqual(20);
  });

  it('reads a timeline page’s items with their contacts, attendees, tasks, stages and members in one statement', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    const admin = world.workspace.members[Role.ADMIN];
    const member = world.workspace.members[Role.PARTNERSHIPS];
    const pilot = await stageId(rep, 'pilot');
    /** An account with `count` interactions (each with a contact, both members and a follow-up) and a stage move. */
    const busyAccount = async (name: string, count: number) => {
      const account = await createAccount(rep, { name });
      const contact = await createContact(rep, { name: `${name} Person`, accountId: account.id });
      for (let i = 0; i < count; i++)
        await rep.data(LOG, {
          input: {
            kind: 'CALL',
            occurredAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
            summary: `${name} call ${i}`,
            accountIds: [account.id],
            contactIds: [contact.id],
            memberIds: [member.memberId, admin.memberId],
            followUps: [{ title: `${name} follow-up ${i}`, assigneeId: admin.memberId }],
          },
        });
      await rep.data(`mutation($input: MoveAccountStageInput!) { moveAccountStage(input: $input) { id } }`, {
        input: { accountId: account.id, stageId: pilot, reason: 'timeline statements' },
      });
      return account.id;
    };
    const quiet = await busyAccount('Quiet Timeline', 1);
    const busy = await busyAccount('Busy Timeline', 12);
    await rep.data(TIMELINE, { id: quiet }); // warm-up: first-use metadata

    let small: any;
    let large: any;
    const few = await requestStatements(async () => (small = await rep.data(TIMELINE, { id: quiet })));
    const many = await requestStatements(async () => (large = await rep.data(TIMELINE, { id: busy })));
    expect(small.account.timeline.edges).toHaveLength(4); // account creation, the call, its follow-up, the move
    expect(large.account.timeline.edges).toHaveLength(25);
    expect(many.length).toBe(few.length);
    // the account, the page with its total and its items' nested rows, capture origins
    expect(many.length).toBe(3);

    const items = large.account.timeline.edges.map((edge: any) => edge.node.item);
    const move = items.find((item: any) => item.__typename === 'StageTransition' && item.reason === 'timeline statements');
    expect(move).toMatchObject({ toStage: { name: expect.any(String), category: expect.any(String) }, by: { user: { name: member.name } } });
    expect(move.fromStage.name).toEqual(expect.any(String));
    const call = items.find((item: any) => item.__typename === 'Interaction' && item.summary === 'Busy Timeline call 0');
    expect(call).toMatchObject({
      kind: 'CALL',
      capture: null,
      loggedBy: { user: { name: member.name } },
      contacts: [{ name: 'Busy Timeline Person' }],
      tasks: [{ title: 'Busy Timeline follow-up 0' }],
    });
    expect(call.attendees.map((attendee: any) => attendee.user.name).sort()).toEqual([admin.name, member.name].sort());
    const followUp = items.find((item: any) => item.__typename === 'Task' && item.title === 'Busy Timeline follow-up 0');
    expect(followUp).toMatchObject({ status: 'OPEN', completedAt: null, assignee: { user: { name: admin.name } } });
    expect(new Date(followUp.dueAt ?? Date.now()).getTime()).not.toBeNaN();
    expect(large.account.timeline.totalCount).toBe(1 + 12 * 2 + 1);

    const next = await rep.data<any>(TIMELINE, { id: busy, after: large.account.timeline.pageInfo.endCursor });
    expect(next.account.timeline.edges).toHaveLength(1);
    expect(next.account.timeline.pageInfo.hasNextPage).toBe(false);
  }, 120_000);
});
