import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { DELIVER_JOB } from '@greenlight/webhooks';
import { DataSource } from 'typeorm';
import { CREATE_ACCOUNT } from '../crm/support';
import { identityServices } from '../support/identity-context';
import { freePort, ServerProcess, spawnServer, waitUntilReady } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';
import { connect, until } from '../telemetry/fault-support';
import { Receiver } from './receiver';
import { CREATE_ENDPOINT } from './support';

const PASSWORD = 'kill mid attempt 2026';
const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_SECONDS: '10', WEBHOOK_RETRY_DELAY_SECONDS: '1' };

/**
 * The server process is killed while its request to the receiver is in flight: after the restart
 * the queue attempts the delivery again, with the same webhook-id, and the receiver deduplicating
 * on it sees the event exactly once.
 */
describe('a server killed in the middle of a webhook attempt', () => {
  let db: TestDatabase;
  let data: DataSource;
  let receiver: Receiver;
  let server: ServerProcess;
  let restarted: TestApp | undefined;
  let workspaceId: string;

  const graphql = async (baseUrl: string, query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    data = await connect(db.url);
    const { workspaces } = await identityServices(data);
    const { workspace } = await workspaces.create({
      name: 'Killed',
      slug: 'killed',
      admin: { email: 'admin@killed.example', name: 'Killed Admin', password: PASSWORD },
    });
    workspaceId = workspace.id;
    await data.query(
      `INSERT INTO stage (workspace_id, key, name, position, category)
       VALUES ($1, 'lead', 'Lead', 0, (enum_range(NULL::stage_category))[1])`,
      [workspaceId],
    );
    receiver = await Receiver.start();
    server = spawnServer(
      {
        ...ENV,
        DATABASE_URL: db.url,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'kill-mid-attempt-secret-that-is-long-enough-0123456789',
      },
      await freePort(),
    );
    await waitUntilReady(server, 120_000);
  }, 180_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await receiver?.close();
    await restarted?.close();
    await data?.destroy().catch(() => undefined);
    await db?.drop();
  });

  it('attempts the delivery again after the restart with the same webhook-id, and loses nothing', async () => {
    const first = `http://127.0.0.1:${server.port}`;
    const token = (
      await graphql(first, 'mutation ($p: String!) { signIn(email: "admin@killed.example", password: $p) { accessToken } }', {
        p: PASSWORD,
      })
    ).signIn.accessToken as string;
    const { createWebhookEndpoint } = await graphql(
      first,
      CREATE_ENDPOINT,
      { input: { url: receiver.url, eventTypes: ['ACCOUNT_STAGE_CHANGED'] } },
      token,
    );
    receiver.secret = createWebhookEndpoint.secret;
    receiver.answer('hang');
    const { createAccount } = await graphql(first, CREATE_ACCOUNT, { input: { name: 'Cut Short', kind: 'STUDIO' } }, token);

    // the request is at the receiver, unanswered, when the server dies
    await until(() => receiver.open === 1, 'the attempt in flight');
    const [killedJob] = await data.query(`SELECT id FROM pgboss.job WHERE name = $1 AND state = 'active'`, [
      DELIVER_JOB,
    ]);
    expect(killedJob).toBeDefined();
    server.child.kill('SIGKILL');
    await server.exited;
    const [pending] = await data.query(
      `SELECT id, status, attempts FROM webhook_delivery WHERE workspace_id = $1`,
      [workspaceId],
    );
    expect(pending).toMatchObject({ id: receiver.received[0].id, status: 'pending', attempts: 0 });

    // the next instance; the killed job's expiry is brought forward, as the queue's upkeep would do
    restarted = await startTestApp(ENV, { db });
    await data.query(`UPDATE pgboss.job SET state = 'retry', start_after = now() WHERE id = $1`, [killedJob.id]);
    await receiver.waitFor(() => receiver.succeeded().length === 1, 'the delivery after the restart', 90_000);
    await until(async () => {
      const [job] = await data.query(`SELECT state FROM pgboss.job WHERE id = $1`, [killedJob.id]);
      return job.state === 'completed';
    }, 'the retried job to complete');

    expect(receiver.received.map((entry) => [entry.id, entry.answered, entry.verified])).toEqual([
      [pending.id, 'no answer', true],
      [pending.id, 200, true],
    ]);
    // what a receiver deduplicating on webhook-id keeps: the one event, once
    const kept = new Map(receiver.succeeded().map((entry) => [entry.id, JSON.parse(entry.body)]));
    expect([...kept.values()].map((payload) => [payload.type, payload.data.accountId])).toEqual([
      ['account.stage_changed', createAccount.id],
    ]);
    const [delivered] = await data.query(
      `SELECT status, attempts FROM webhook_delivery WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, pending.id],
    );
    expect(delivered).toEqual({ status: 'delivered', attempts: 1 });
  }, 240_000);
});
