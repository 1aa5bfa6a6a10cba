import { Role } from '@greenlight/identity';
import { startTestApp, TestApp } from '../support/test-app';
import { Caller, createAccount, createContact, crmWorld, CrmWorld } from './support';

const CONTACTS = `mutation ($input: BulkUpdateContactsInput!) { bulkUpdateContacts(input: $input) { updated failures { index code message } } }`;
const TASKS = `mutation ($input: BulkUpdateTasksInput!) { bulkUpdateTasks(input: $input) { updated failures { index code message } } }`;
const INTERACTIONS = `mutation ($input: BulkMoveInteractionsInput!) { bulkMoveInteractions(input: $input) { updated failures { index code message } } }`;
const AUDIT = `query ($id: ID!) { auditEntries(entityId: $id) { edges { node { action actorId before after } } } }`;

describe('bulk edits of contacts, tasks and interactions', () => {
  let api: TestApp;
  let world: CrmWorld;
  let other: CrmWorld;
  let rep: Caller;
  const member = (role: Role) => world.workspace.members[role].memberId;
  const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Bulkco');
    other = await crmWorld(api, 'Otherbulk');
    rep = world.as[Role.PARTNERSHIPS];
  });
  afterAll(() => api.close());

  it('assigns an owner to many contacts and archives them, each audited, reporting a row of another workspace', async () => {
    const ids = [];
    for (const name of ['Bulk One', 'Bulk Two', 'Bulk Three']) ids.push((await createContact(rep, { name })).id);
    const foreign = (await createContact(other.as[Role.PARTNERSHIPS], { name: 'Not yours' })).id;
    const { bulkUpdateContacts } = await rep.data(CONTACTS, {
      input: { ids: [ids[0], foreign, ids[1], ids[2], ids[0]], ownerId: member(Role.ACCOUNT_MANAGER) },
    });
    expect(bulkUpdateContacts).toEqual({
      updated: 3,
      failures: [{ index: 1, code: 'NOT_FOUND', message: 'no such row in this workspace' }],
    });
    const { contacts } = await rep.data(
      `query ($o: ID!) { contacts(first: 10, filter: { ownerIds: [$o] }) { edges { node { id } } } }`,
      { o: member(Role.ACCOUNT_MANAGER) },
    );
    expect(contacts.edges.map((edge: any) => edge.node.id).sort()).toEqual([...ids].sort());
    // the other workspace's contact is untouched
    const theirs = await other.as[Role.PARTNERSHIPS].data(`query ($id: ID!) { contact(id: $id) { owner { id } } }`, {
      id: foreign,
    });
    expect(theirs.contact.owner).toBeNull();
    // audited like a single edit: who, before and after
    const audit = await world.as[Role.ADMIN].data(AUDIT, { id: ids[1] });
    expect(audit.auditEntries.edges[0].node).toMatchObject({
      action: 'update',
      actorId: member(Role.PARTNERSHIPS),
      before: { ownerId: null },
      after: { ownerId: member(Role.ACCOUNT_MANAGER) },
    });

    const archived = await rep.data(CONTACTS, { input: { ids: ids.slice(0, 2), archived: true } });
    expect(archived.bulkUpdateContacts).toEqual({ updated: 2, failures: [] });
    const active = await rep.data(`{ contacts(first: 50) { edges { node { id } } } }`);
    expect(active.contacts.edges.map((edge: any) => edge.node.id)).not.toContain(ids[0]);
    expect((await world.as[Role.ADMIN].data(AUDIT, { id: ids[0] })).auditEntries.edges[0].node.action).toBe('archive');
  });

  it('assigns, reschedules and completes many tasks at once', async () => {
    const ids = [];
    for (const title of ['Bulk task A', 'Bulk task B']) {
      const { createTask } = await rep.data(`mutation ($t: String!) { createTask(input: { title: $t }) { id } }`, { t: title });
      ids.push(createTask.id);
    }
    const dueAt = '2026-12-24T17:00:00.000Z';
    const { bulkUpdateTasks } = await rep.data(TASKS, {
      input: { ids, assigneeId: member(Role.ACCOUNT_MANAGER), dueAt },
    });
    expect(bulkUpdateTasks).toEqual({ updated: 2, failures: [] });
    const done = await rep.data(TASKS, { input: { ids, status: 'DONE' } });
    expect(done.bulkUpdateTasks.updated).toBe(2);
    for (const id of ids) {
      const { task } = await rep.data(`query ($id: ID!) { task(id: $id) { status dueAt completedAt assignee { id } } }`, { id });
      expect(task).toMatchObject({ status: 'DONE', dueAt, assignee: { id: member(Role.ACCOUNT_MANAGER) } });
      expect(task.completedAt).not.toBeNull();
    }
    const audit = await world.as[Role.ADMIN].data(AUDIT, { id: ids[0] });
    expect(audit.auditEntries.edges.map((edge: any) => edge.node.after.status)).toEqual(['done', 'open', 'open']);
  });

  it('moves interactions to another account, or adds it beside their others', async () => {
    const wrong = await createAccount(rep, { name: 'Bulk Wrong Studio' });
    const right = await createAccount(rep, { name: 'Bulk Right Studio' });
    const parent = await createAccount(rep, { name: 'Bulk Parent Group' });
    const log = async (summary: string) =>
      (
        await rep.data(
          `mutation ($a: ID!, $s: String!) { logInteraction(input: { kind: CALL, occurredAt: "2026-11-02T10:00:00Z", summary: $s, accountIds: [$a] }) { interaction { id } } }`,
          { a: wrong.id, s: summary },
        )
      ).logInteraction.interaction.id;
    const ids = [await log('Bulk call one'), await log('Bulk call two')];
    const accountsOf = async (id: string) =>
      (await rep.data(`query ($id: ID!) { interaction(id: $id) { accounts { name } } }`, { id })).interaction.accounts
        .map((account: any) => account.name)
        .sort();

    expect((await rep.data(INTERACTIONS, { input: { ids, accountId: right.id } })).bulkMoveInteractions).toEqual({
      updated: 2,
      failures: [],
    });
    expect(await accountsOf(ids[0])).toEqual(['Bulk Right Studio']);
    const wrongTimeline = await rep.data(
      `query ($a: ID!) { interactions(first: 10, filter: { accountId: $a }) { totalCount } }`,
      { a: wrong.id },
    );
    expect(wrongTimeline.interactions.totalCount).toBe(0);

    await rep.data(INTERACTIONS, { input: { ids: [ids[1]], accountId: parent.id, keepOtherAccounts: true } });
    expect(await accountsOf(ids[1])).toEqual(['Bulk Parent Group', 'Bulk Right Studio']);
    const audit = await world.as[Role.ADMIN].data(AUDIT, { id: ids[1] });
    expect(audit.auditEntries.edges[0].node).toMatchObject({
      action: 'update',
      before: { accountIds: [right.id] },
      after: { accountIds: [parent.id, right.id].sort() },
    });
  });

  it('refuses a shared reference of another workspace, no change at all, an empty or too large selection, and executives', async () => {
    const contact = (await createContact(rep, { name: 'Bulk Refused' })).id;
    const foreignMember = other.workspace.members[Role.ADMIN].memberId;
    const response = await rep.call(CONTACTS, { input: { ids: [contact], ownerId: foreignMember } });
    expect(code(response)).toBe('NOT_FOUND');
    expect(code(await rep.call(CONTACTS, { input: { ids: [contact] } }))).toBe('BAD_USER_INPUT');
    expect(code(await rep.call(TASKS, { input: { ids: [], status: 'DONE' } }))).toBe('BAD_USER_INPUT');
    const tooMany = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(code(await rep.call(TASKS, { input: { ids: tooMany, status: 'DONE' } }))).toBe('BAD_USER_INPUT');
    expect(code(await world.as[Role.EXECUTIVE].call(CONTACTS, { input: { ids: [contact], archived: true } }))).toBe(
      'FORBIDDEN',
    );
    const { contact: unchanged } = await rep.data(`query ($id: ID!) { contact(id: $id) { owner { id } archivedAt } }`, {
      id: contact,
    });
    expect(unchanged).toEqual({ owner: null, archivedAt: null });
  });
});
