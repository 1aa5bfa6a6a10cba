import { startTestApp, TestApp } from '../support/test-app';
import { Receiver } from './receiver';
import { createAccount } from '../crm/support';
import { createEndpoint, DELIVERIES, waitUntil, webhookWorld } from './support';

describe('webhooks to private addresses', () => {
  let api: TestApp;
  let receiver: Receiver;

  beforeAll(async () => {
    api = await startTestApp({ WEBHOOK_RETRY_DELAY_SECONDS: '3600' }); // WEBHOOK_ALLOW_PRIVATE unset
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await api.close();
  });

  it('refuses to send to a loopback address unless WEBHOOK_ALLOW_PRIVATE=true, and says so in the log', async () => {
    const world = await webhookWorld(api, 'Private');
    const endpoint = await createEndpoint(world.admin, {
      url: receiver.url,
      eventTypes: ['ACCOUNT_STAGE_CHANGED'],
    });
    await createAccount(world.admin, { name: 'Inside Job Films' });
    const { webhookDeliveries } = await waitUntil(
      () => world.admin.data(DELIVERIES, { endpointId: endpoint.id }),
      (data) => data.webhookDeliveries.edges[0]?.node.attempts === 1,
      'the refused attempt',
    );
    const [delivery] = webhookDeliveries.edges.map((edge: any) => edge.node);
    expect(delivery.status).toBe('PENDING');
    expect(delivery.attemptLog).toEqual([
      expect.objectContaining({
        attempt: 1,
        succeeded: false,
        statusCode: null,
        error: 'the host 127.0.0.1 is a private or local address (127.0.0.1), which is not allowed',
      }),
    ]);
    expect(receiver.received).toEqual([]);
  });
});
