import { AlertKind, AlertSeverity, AlertsService } from '@greenlight/health';
import { Role, systemPrincipal, TenantContext } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { countStatements } from '../support/statements';
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

  describe('read state', () => {
    const READ = `{ notifications { id kind read task { title } alert { message } } unreadNotificationCount }`;
    const MARK = `mutation ($ids: [ID!]!, $read: Boolean) { markNotificationsRead(ids: $ids, read: $read) }`;
    // a workspace of its own, so that only these notifications count
    let world: CrmWorld;
    const rep = () => world.as[Role.PARTNERSHIPS];
    const manager = () => world.as[Role.ACCOUNT_MANAGER];
    const admin = () => world.as[Role.ADMIN];
    const adminId = () => world.workspace.members[Role.ADMIN].memberId;
    let tasks: Record<string, string>;
    let alertId: string;

    beforeAll(async () => {
      world = await crmWorld(api, 'Readstate');
      tasks = {};
      for (const title of ['Read me first', 'Read me second']) {
        const { createTask } = await rep().data(CREATE_TASK, { input: { title, assigneeId: adminId() } });
        tasks[title] = createTask.id;
      }
      // an open alert on an account the admin owns
      const account = await createAccount(admin(), { name: 'Osprey Alerts', ownerId: adminId() });
      const dataSource = api.app.get(DataSource);
      await api.app.get(TenantContext).run(systemPrincipal(world.workspace.id), () =>
        dataSource.transaction((manager) =>
          api.app.get(AlertsService).reconcile(
            new Map([
              [
                account.id,
                [
                  {
                    kind: AlertKind.NO_RECENT_INTERACTION,
                    pilotId: null,
                    severity: AlertSeverity.WARNING,
                    message: 'Osprey has gone quiet',
                    details: {},
                  },
                ],
              ],
            ]),
            new Date(),
            manager,
          ),
        ),
      );
      [{ id: alertId }] = await dataSource.query('SELECT id FROM alert WHERE workspace_id = $1', [world.workspace.id]);
    });

    it('starts unread, counts the unread in the bell, and includes alerts on the accounts the member owns', async () => {
      const { notifications, unreadNotificationCount } = await admin().data(READ);
      expect(notifications.map((entry: any) => [entry.id, entry.read, entry.task?.title ?? entry.alert?.message])).toEqual(
        expect.arrayContaining([
          [`TASK_ASSIGNED:${tasks['Read me first']}`, false, 'Read me first'],
          [`TASK_ASSIGNED:${tasks['Read me second']}`, false, 'Read me second'],
          [`ALERT:${alertId}`, false, 'Osprey has gone quiet'],
        ]),
      );
      expect(unreadNotificationCount).toBe(notifications.length);
      expect(unreadNotificationCount).toBe(3);
    });

    it('marks one read and unread again, per member, kept on the server', async () => {
      const id = `TASK_ASSIGNED:${tasks['Read me first']}`;
      expect((await admin().data(MARK, { ids: [id] })).markNotificationsRead).toBe(2);
      // the same call twice changes nothing
      expect((await admin().data(MARK, { ids: [id, id] })).markNotificationsRead).toBe(2);
      const after = await admin().data(READ);
      expect(after.notifications.find((entry: any) => entry.id === id).read).toBe(true);
      expect(after.unreadNotificationCount).toBe(2);
      // another member marking the same id changes nothing for the admin
      await manager().data(MARK, { ids: [id], read: false });
      expect((await admin().data(READ)).unreadNotificationCount).toBe(2);
      expect((await admin().data(MARK, { ids: [id], read: false })).markNotificationsRead).toBe(3);
    });

    it('marks all read at once, executives included, and new notifications arrive unread', async () => {
      expect((await admin().data('mutation { markAllNotificationsRead }')).markAllNotificationsRead).toBe(3);
      const after = await admin().data(READ);
      expect(after.unreadNotificationCount).toBe(0);
      expect(after.notifications.every((entry: any) => entry.read)).toBe(true);
      const { createTask } = await rep().data(CREATE_TASK, { input: { title: 'Arrived later', assigneeId: adminId() } });
      const later = await admin().data(READ);
      expect(later.unreadNotificationCount).toBe(1);
      expect(later.notifications.find((entry: any) => entry.id === `TASK_ASSIGNED:${createTask.id}`).read).toBe(false);
      const executive = world.as[Role.EXECUTIVE];
      expect((await executive.data('mutation { markAllNotificationsRead }')).markAllNotificationsRead).toBeGreaterThanOrEqual(0);
      expect((await executive.data(READ)).unreadNotificationCount).toBe(0);
    });

    it('refuses ids that are not notification ids, and more than 100 at once', async () => {
      const bad = await admin().call(MARK, { ids: ['TASK_DUE:not-a-uuid'] });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const many = Array.from({ length: 101 }, () => `MENTION:${tasks['Read me first']}`);
      expect((await admin().call(MARK, { ids: many })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await admin().call(MARK, { ids: [] })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('computes the notifications once per request, and answers a mark from them', async () => {
      const LIST = `{ notifications { id read } }`;
      const list = await countStatements(() => admin().data(LIST));
      // the list and the bell's count share one computation
      expect(await countStatements(() => admin().data(`{ notifications { id read } unreadNotificationCount }`))).toBe(list);
      // marking computes the list once and writes once
      const id = `TASK_ASSIGNED:${tasks['Read me first']}`;
      let answer: { markNotificationsRead: number } | undefined;
      expect(await countStatements(async () => (answer = await admin().data(MARK, { ids: [id] })))).toBe(list + 1);
      expect(answer?.markNotificationsRead).toBe((await admin().data(READ)).unreadNotificationCount);
    });
  });
});
