import { TenantSql } from '@greenlight/identity';
import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { WebhookDispatcher, webhooksSql } from '@greenlight/webhooks';
import { DataSource } from 'typeorm';
import { callerFor, createAccount } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { Receiver } from './receiver';
import { createEndpoint, webhookWorld } from './support';

const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_SECONDS: '2', WEBHOOK_RETRY_DELAY_SECONDS: '1' };

/** A stop between the commit of a change and the delivery of its event loses nothing. */
describe('webhooks across a restart', () => {
  let receiver: Receiver;
  let db: TestDatabase;
  let api: TestApp;
  const instances: TestApp[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    for (const instance of instances.reverse()) await instance.close().catch(() => undefined);
    await receiver.close();
    await db.drop();
  });

  /** An instance on the same database, its dispatcher stopped before it takes anything. */
  const restart = async (stopDispatcher: boolean) => {
    const next = await startTestApp(ENV, { db });
    if (stopDispatcher) await next.app.get(WebhookDispatcher).beforeApplicationShutdown();
    instances.push(next);
    return next;
  };

  it('delivers events committed before a stop, whether or not they had become deliveries', async () => {
    api = await restart(true);
    const world = await webhookWorld(api, 'Restart');
    const endpoint = await createEndpoint(world.admin, {
      url: receiver.url,
      eventTypes: ['ACCOUNT_STAGE_CHANGED'],
    });
    receiver.secret = endpoint.secret;

    // 1. committed in the outbox, then the server stops before dispatching it
    const first = await createAccount(world.admin, { name: 'Before The Stop' });
    const dataSource = api.app.get(DataSource);
    expect(
      await dataSource.query('SELECT count(*)::int AS n FROM outbox_event WHERE workspace_id = $1', [
        world.workspace.id,
      ]),
    ).toEqual([{ n: 1 }]);
    await api.close();

    // 2. the next instance dispatches it; the event of a second change becomes a delivery, and the
    //    server stops before that delivery's job is sent
    const second = await restart(true);
    const admin = callerFor(second, (await signIn(second, world.workspace.members.ADMIN.email)).accessToken);
    const other = await createAccount(admin, { name: 'Between Commit And Send' });
    const [summary] = (
      await second.app
        .get(TenantSql)
        .acrossWorkspaces()
        .query<{ id: string | null; taken: number | null }>(webhooksSql.dispatch(500))
    ).filter((row) => row.id === null);
    expect(summary.taken).toBe(1);
    await second.close();

    // 3. a third instance finds the outbox event of (1) and the delivery without a job of (2)
    await restart(false);
    await receiver.waitFor(() => receiver.succeeded().length >= 2, 'both deliveries', 90_000);
    const accounts = receiver.succeeded().map((entry) => JSON.parse(entry.body).data.accountId);
    expect(new Set(accounts)).toEqual(new Set([first.id, other.id]));
    expect(receiver.received.every((entry) => entry.verified)).toBe(true);
    // at least once, and never one event under two webhook-ids
    const idsByEvent = new Map<string, Set<string>>();
    for (const entry of receiver.received) {
      const event = JSON.parse(entry.body).id as string;
      idsByEvent.set(event, (idsByEvent.get(event) ?? new Set()).add(entry.id));
    }
    expect([...idsByEvent.values()].map((ids) => ids.size)).toEqual([1, 1]);
  });
});
