import { Role } from '@greenlight/identity';
import { startTestApp, TestApp } from '../support/test-app';
import { createAccount, crmWorld, CrmWorld } from './support';

const NOTIFICATIONS = `{ notifications { id kind at task { title } interaction { summary } } }`;
const CREATE_TASK = `mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`;
const LOG = `mutation ($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }`;

describe('notifications', () => {
  let api: TestApp;
  let world: CrmWorld;
  beforeAll(async () => {
    api = await startTestApp();
    // one-word label: each member's first name is then the label, so mentions use full names
    world = await crmWorld(api, 'Notifyco');
  });
  afterAll(() => api.close());
  const rep = () => world.as[Role.PARTNERSHIPS];
  const manager = () => world.as[Role.ACCOUNT_MANAGER];
  const managerId = () => world.workspace.members[Role.ACCOUNT_MANAGER].memberId;
  const hours = (count: number) => new Date(Date.now() + count * 3_600_000).toISOString();

  it('tells a member about tasks others gave them, their tasks coming due and mentions of their name', async () => {
    const account = await createAccount(rep(), { name: 'Heron Films' });
    await rep().data(CREATE_TASK, {
      input: { title: 'Review the Heron contract', assigneeId: managerId(), dueAt: hours(72) },
    });
    await rep().data(CREATE_TASK, {
      input: { title: 'Call Heron back', assigneeId: managerId(), dueAt: hours(2) },
    });
    await manager().data(CREATE_TASK, { input: { title: 'My own reminder', dueAt: hours(96) } });
    await manager().data(CREATE_TASK, { input: { title: 'My overdue chore', dueAt: hours(-5) } });
    const mention = `Heron wants a pilot; @${world.workspace.members[Role.ACCOUNT_MANAGER].name} to scope it`;
    await rep().data(LOG, {
      input: { kind: 'CALL', occurredAt: hours(-1), summary: mention, accountIds: [account.id] },
    });
    await rep().data(LOG, {
      input: {
        kind: 'CALL',
        occurredAt: hours(-1),
        summary: '@Notifycos is nobody here',
        accountIds: [account.id],
      },
    });
    await manager().data(LOG, {
      input: {
        kind: 'EMAIL',
        occurredAt: hours(-1),
        summary: `Note to self, @${world.workspace.members[Role.ACCOUNT_MANAGER].name}`,
        accountIds: [account.id],
      },
    });

    const { notifications } = await manager().data(NOTIFICATIONS);
    const seen = notifications.map((entry: any) => [
      entry.kind,
      entry.task?.title ?? entry.interaction.summary,
    ]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['TASK_ASSIGNED', 'Review the Heron contract'],
        ['TASK_ASSIGNED', 'Call Heron back'],
        ['TASK_DUE', 'Call Heron back'],
        ['TASK_DUE', 'My overdue chore'],
        ['MENTION', mention],
      ]),
    );
    expect(seen).toHaveLength(5);
    const times = notifications.map((entry: any) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // "@Notifyco …" names, by first name, every Notifyco but the one who wrote it
    const { notifications: repSees } = await rep().data(NOTIFICATIONS);
    expect(repSees.map((entry: any) => [entry.kind, entry.interaction?.summary])).toEqual([
      ['MENTION', `Note to self, @${world.workspace.members[Role.ACCOUNT_MANAGER].name}`],
    ]);
  });

  it('drops a task once it is done', async () => {
    const { createTask } = await rep().data(CREATE_TASK, {
      input: { title: 'Send the Heron deck', assigneeId: managerId(), dueAt: hours(1) },
    });
    await manager().data(`mutation ($id: ID!) { completeTask(id: $id) { id } }`, { id: createTask.id });
    const { notifications } = await manager().data(NOTIFICATIONS);
    expect(notifications.filter((entry: any) => entry.task?.title === 'Send the Heron deck')).toEqual([]);
  });
});
