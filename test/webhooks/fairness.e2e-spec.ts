import { createAccount } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import { Receiver } from './receiver';
import { createEndpoint, webhookWorld } from './support';

/** Four requests at once per process, so two per endpoint; a request may hang for 10 s. */
const ENV = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_CONCURRENCY: '4',
  WEBHOOK_TIMEOUT_SECONDS: '10',
  WEBHOOK_RETRY_DELAY_SECONDS: '1',
};

describe('webhook delivery between endpoints', () => {
  let api: TestApp;
  let hanging: Receiver;
  let healthy: Receiver;

  beforeAll(async () => {
    api = await startTestApp(ENV);
    [hanging, healthy] = await Promise.all([Receiver.start(), Receiver.start()]);
  });
  afterAll(async () => {
    await hanging.close();
    await healthy.close();
    await api.close();
  });

  it("keeps delivering to one workspace's endpoint while another's hangs on every request", async () => {
    const [stuck, fine] = [await webhookWorld(api, 'Stuck tenant'), await webhookWorld(api, 'Fine tenant')];
    hanging.secret = (await createEndpoint(stuck.admin, { url: hanging.url, eventTypes: ['ACCOUNT_STAGE_CHANGED'] }))
      .secret;
    healthy.secret = (await createEndpoint(fine.admin, { url: healthy.url, eventTypes: ['ACCOUNT_STAGE_CHANGED'] }))
      .secret;
    hanging.answer(...Array<'hang'>(100).fill('hang'));

    for (let i = 0; i < 8; i++) await createAccount(stuck.admin, { name: `Stuck Studio ${i}` });
    await hanging.waitFor(() => hanging.open >= 2, 'two hanging requests');
    const accounts = [];
    for (let i = 0; i < 3; i++) accounts.push((await createAccount(fine.admin, { name: `Fine Studio ${i}` })).id);

    await healthy.waitFor(() => healthy.succeeded().length >= 3, "the healthy endpoint's deliveries", 90_000);
    expect(new Set(healthy.succeeded().map((entry) => JSON.parse(entry.body).data.accountId))).toEqual(
      new Set(accounts),
    );
    expect(healthy.received.every((entry) => entry.verified)).toBe(true);
    // the hanging endpoint never held more than its share of the four workers
    expect(hanging.mostOpen).toBe(2);
  }, 180_000);
});
