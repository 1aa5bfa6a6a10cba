import { Outbox, systemPrincipal, TenantContext } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { createAccount } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import { Receiver } from './receiver';
import { createEndpoint, DELIVERIES, waitUntil, webhookWorld, WebhookWorld } from './support';

/** The receiver is on 127.0.0.1; an attempt times out after 1 s and is retried after about 1 s. */
const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_SECONDS: '1', WEBHOOK_RETRY_DELAY_SECONDS: '1' };

describe('webhooks', () => {
  let api: TestApp;
  let world: WebhookWorld;
  let receiver: Receiver;

  beforeAll(async () => {
    api = await startTestApp(ENV);
    world = await webhookWorld(api, 'Hooks');
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await api.close();
  });

  const deliveries = async (endpointId: string) =>
    (await world.admin.data(DELIVERIES, { endpointId })).webhookDeliveries.edges.map(
      (edge: any) => edge.node,
    );

  it('retries a failing and then silent endpoint with the same signed webhook-id until it answers 200', async () => {
    const endpoint = await createEndpoint(world.admin, {
      url: receiver.url,
      eventTypes: ['ACCOUNT_STAGE_CHANGED'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    receiver.secret = endpoint.secret;
    receiver.answer(500, 'hang');
    const account = await createAccount(world.admin, { name: 'Hooked Pictures' });

    await receiver.waitFor(() => receiver.succeeded().length === 1, 'a successful delivery');
    expect(receiver.received.map((entry) => entry.answered)).toEqual([500, 'no answer', 200]);
    expect(new Set(receiver.received.map((entry) => entry.id)).size).toBe(1);
    expect(receiver.received.every((entry) => entry.verified)).toBe(true);
    const payload = JSON.parse(receiver.received[2].body);
    expect(payload).toEqual({
      type: 'account.stage_changed',
      version: 1,
      id: expect.any(String),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      workspaceId: world.workspace.id,
      data: { accountId: account.id, fromStageId: null, toStageId: expect.any(String), reason: 'created' },
    });

    const [delivery] = await waitUntil(
      () => deliveries(endpoint.id),
      (rows) => rows[0]?.status === 'DELIVERED',
      'the delivery to be logged as delivered',
    );
    expect(delivery.id).toBe(receiver.received[0].id);
    expect(delivery.attemptLog).toEqual([
      expect.objectContaining({
        attempt: 1,
        succeeded: false,
        statusCode: 500,
        error: 'the endpoint answered 500: not now',
      }),
      expect.objectContaining({
        attempt: 2,
        succeeded: false,
        statusCode: null,
        error: 'no answer within 1 s',
      }),
      expect.objectContaining({ attempt: 3, succeeded: true, statusCode: 200, error: null, manual: false }),
    ]);

    const { redeliverWebhook } = await world.admin.data(
      'mutation($id: ID!) { redeliverWebhook(id: $id) { id } }',
      { id: delivery.id },
    );
    expect(redeliverWebhook.id).toBe(delivery.id);
    await receiver.waitFor(() => receiver.succeeded().length === 2, 'the redelivery');
    expect(receiver.received[3].id).toBe(delivery.id);
    const [after] = await waitUntil(
      () => deliveries(endpoint.id),
      (rows) => rows[0]?.attemptLog.length === 4,
      'the redelivery in the log',
    );
    expect(after.attemptLog[3]).toEqual(
      expect.objectContaining({ attempt: 4, succeeded: true, manual: true }),
    );
    await world.admin.data('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id: endpoint.id });
  });

  it('sends nothing for a change that rolled back, and the committed one of the same kind', async () => {
    const endpoint = await createEndpoint(world.admin, {
      url: receiver.url,
      eventTypes: ['PILOT_CRITERION_MET'],
    });
    receiver.secret = endpoint.secret;
    const before = receiver.received.length;
    const dataSource = api.app.get(DataSource);
    const outbox = api.app.get(Outbox);
    const record = (label: string) =>
      api.app.get(TenantContext).run(systemPrincipal(world.workspace.id), () =>
        dataSource.transaction(async (manager) => {
          await outbox.record(manager, [{ type: 'pilot.criterion_met', data: { label } }]);
          if (label === 'rolled back') throw new Error('the change fails after recording its event');
        }),
      );
    await expect(record('rolled back')).rejects.toThrow('the change fails');
    await record('committed');
    await receiver.waitFor(() => receiver.received.length > before, 'the committed event');
    await new Promise((resolve) => setTimeout(resolve, 2500)); // two more dispatch passes
    const bodies = receiver.received.slice(before).map((entry) => JSON.parse(entry.body).data.label);
    expect(bodies).toEqual(['committed']);
    await world.admin.data('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id: endpoint.id });
  });

  it('formats alert events for Slack on a SLACK endpoint, and refuses other events there', async () => {
    const refused = await world.admin.call(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
      { input: { url: receiver.url, eventTypes: ['GRANT_CHANGED'], format: 'SLACK' } },
    );
    expect(refused.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          path: 'input.format',
          message: expect.stringMatching(/^the SLACK format carries alert events only/),
        },
      ],
    });
    const endpoint = await createEndpoint(world.admin, {
      url: receiver.url,
      eventTypes: ['ALERT_OPENED', 'ALERT_RESOLVED'],
      format: 'SLACK',
    });
    receiver.secret = endpoint.secret;
    const before = receiver.received.length;
    await api.app
      .get(TenantContext)
      .run(systemPrincipal(world.workspace.id), () =>
        api.app
          .get(DataSource)
          .transaction((manager) =>
            api.app
              .get(Outbox)
              .record(manager, [
                {
                  type: 'alert.opened',
                  data: { severity: 'critical', message: 'Usage fell by 80%', accountId: 'a1' },
                },
              ]),
          ),
      );
    await receiver.waitFor(() => receiver.received.length > before, 'the Slack message');
    expect(JSON.parse(receiver.received[before].body)).toEqual({
      text: ':rotating_light: CRITICAL alert: Usage fell by 80% (account a1)',
    });
    await world.admin.data('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id: endpoint.id });
  });

  it('disables an endpoint that has failed for 24 h, says why, and stops its deliveries', async () => {
    const endpoint = await createEndpoint(world.admin, { url: receiver.url, eventTypes: ['GRANT_CHANGED'] });
    receiver.secret = endpoint.secret;
    const dataSource = api.app.get(DataSource);
    // it has been failing since yesterday (the attempts of 24 h, compressed)
    await dataSource.query(
      `UPDATE webhook_endpoint SET failing_since = now() - interval '25 hours' WHERE workspace_id = $1 AND id = $2`,
      [world.workspace.id, endpoint.id],
    );
    receiver.answer(503);
    const before = receiver.received.length;
    await api.app
      .get(TenantContext)
      .run(systemPrincipal(world.workspace.id), () =>
        dataSource.transaction((manager) =>
          api.app.get(Outbox).record(manager, [{ type: 'grant.changed', data: { grantId: 'g1' } }]),
        ),
      );
    const { webhookEndpoint } = await waitUntil(
      () =>
        world.admin.data(
          'query($id: ID!) { webhookEndpoint(id: $id) { enabled disabledReason failingSince } }',
          { id: endpoint.id },
        ),
      (data) => data.webhookEndpoint.enabled === false,
      'the endpoint to be disabled',
    );
    expect(webhookEndpoint.disabledReason).toBe(
      'no delivery succeeded for 24 h; the last attempt: the endpoint answered 503: not now',
    );
    expect(receiver.received.length).toBe(before + 1);
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toEqual(expect.objectContaining({ status: 'FAILED', attempts: 1 }));
    const { auditEntries } = await world.admin.data(
      `{ auditEntries(entity: "webhook_endpoint", first: 5) { edges { node { action actorType } } } }`,
    );
    expect(auditEntries.edges.map((edge: any) => edge.node)).toContainEqual({
      action: 'disable',
      actorType: 'SYSTEM',
    });
    // the admins are told, unread, in their notifications; the other roles are not
    const notifications = '{ notifications { id kind read webhookEndpoint { id url disabledReason } } unreadNotificationCount }';
    const forAdmin = await world.admin.data(notifications);
    expect(forAdmin.notifications).toContainEqual({
      id: `WEBHOOK_DISABLED:${endpoint.id}`,
      kind: 'WEBHOOK_DISABLED',
      read: false,
      webhookEndpoint: { id: endpoint.id, url: receiver.url, disabledReason: webhookEndpoint.disabledReason },
    });
    expect(forAdmin.unreadNotificationCount).toBeGreaterThanOrEqual(1);
    for (const role of ['PARTNERSHIPS', 'ACCOUNT_MANAGER', 'EXECUTIVE'] as const) {
      const { notifications: theirs } = await world.as[role].data(notifications);
      expect(theirs.filter((n: { kind: string }) => n.kind === 'WEBHOOK_DISABLED')).toEqual([]);
    }
    // enabled again, the notification goes
    await world.admin.data('mutation($id: ID!) { updateWebhookEndpoint(input: { id: $id, enabled: true }) { enabled } }', {
      id: endpoint.id,
    });
    const after = await world.admin.data(notifications);
    expect(after.notifications.filter((n: { kind: string }) => n.kind === 'WEBHOOK_DISABLED')).toEqual([]);
  });

  it('lets only admins see or change webhooks', async () => {
    for (const role of ['PARTNERSHIPS', 'ACCOUNT_MANAGER', 'EXECUTIVE'] as const) {
      const response = await world.as[role].call('{ webhookEndpoints { id } }');
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});
