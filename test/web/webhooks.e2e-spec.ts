import { Browser } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { Receiver } from '../webhooks/receiver';
import { apiSignIn, bearer, DEMO, launchBrowser, problemsOf, signedInPage, startWebApp } from './support/web-app';

describe('web app: Admin › Webhooks', () => {
  let api: TestApp;
  let browser: Browser;
  let receiver: Receiver;
  beforeAll(async () => {
    [api, browser, receiver] = await Promise.all([
      startWebApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_DELAY_SECONDS: '3600' }),
      launchBrowser(),
      Receiver.start(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await api?.close();
  });

  it('adds an endpoint (secret shown once), reads its delivery log, redelivers, disables and deletes it', async () => {
    const page = await signedInPage(browser, api, DEMO.admin);
    await page.goto('/admin/webhooks');
    await page.getByText('No webhook endpoints yet.').waitFor();
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByLabel('Description').fill('Warehouse');
    await page.getByRole('checkbox', { name: 'account.stage_changed' }).check();
    receiver.answer(500);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = await page.getByTestId('webhook-secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    receiver.secret = secret;
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    const row = page.locator(`tr[data-endpoint="${receiver.url}"]`);
    await row.getByText('Enabled').waitFor();

    // an account created through the API makes an event; its first attempt fails
    const token = (await apiSignIn(api, DEMO.admin)).accessToken;
    await api.graphql('mutation { createAccount(input: { name: "Webhook Pictures", kind: STUDIO }) { id } }', {}, bearer(token));
    await receiver.waitFor(() => receiver.received.length === 1, 'the first attempt');

    await row.getByRole('button', { name: 'Delivery log' }).click();
    const log = page.getByRole('region', { name: 'Delivery log' });
    await log.getByText('account.stage_changed').waitFor();
    await log.getByText(/the endpoint answered 500/).first().waitFor();
    await log.getByRole('button', { name: 'Redeliver' }).click();
    await receiver.waitFor(() => receiver.succeeded().length === 1, 'the redelivery');
    expect(receiver.received[1].id).toBe(receiver.received[0].id);
    expect(receiver.received[1].verified).toBe(true);
    await log.getByRole('button', { name: 'Refresh' }).click();
    await log.getByText(/redelivery/).waitFor();

    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Disabled').waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No webhook endpoints yet.').waitFor();
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
