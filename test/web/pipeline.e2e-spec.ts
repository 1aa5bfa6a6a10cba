import { Browser } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { apiSignIn, bearer, DEMO, drag, launchBrowser, problemsOf, signedInPage, startWebApp } from './support/web-app';

describe('web app: working the pipeline', () => {
  let api: TestApp;
  let browser: Browser;
  let token: string;
  beforeAll(async () => {
    [api, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    token = (await apiSignIn(api, DEMO.partnerships)).accessToken;
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function firstAccountIn(stageKey: string): Promise<{ id: string; name: string }> {
    const stages = await api.graphql<any>('{ stages { id key name } }', {}, bearer(token));
    const stage = stages.data.stages.find((s: any) => s.key === stageKey);
    const accounts = await api.graphql<any>(
      'query ($ids: [ID!]) { accounts(first: 1, filter: { stageIds: $ids }, sortBy: STAGE_ENTERED_AT, sortDirection: DESC) { edges { node { id name } } } }',
      { ids: [stage.id] },
      bearer(token),
    );
    return accounts.data.accounts.edges[0].node;
  }

  it('moves an account to another stage by dragging its card, asking for the reason', async () => {
    const account = await firstAccountIn('prospect');
    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/pipeline');
    const card = `[data-account="${account.name}"]`;
    await page.locator(card).waitFor();

    await drag(page, card, 'section[data-stage="Contacted"]');
    const dialog = page.getByRole('dialog', { name: `Move ${account.name}` });
    await dialog.waitFor();
    await dialog.getByLabel('Reason').fill('Replied to the cold email, wants a reel');
    await dialog.getByRole('button', { name: 'Move to Contacted' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`section[data-stage="Contacted"] ${card}`).waitFor();

    const moved = await api.graphql<any>(
      'query ($id: ID!) { account(id: $id) { stage { key } stageHistory { reason toStage { key } by { user { email } } } } }',
      { id: account.id },
      bearer(token),
    );
    expect(moved.data.account.stage.key).toBe('contacted');
    expect(moved.data.account.stageHistory[0]).toEqual({
      reason: 'Replied to the cold email, wants a reel',
      toStage: { key: 'contacted' },
      by: { user: { email: DEMO.partnerships } },
    });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('logs a meeting with an attendee and a follow-up from the keyboard, and shows it on the timeline', async () => {
    const account = await firstAccountIn('engaged');
    const contacts = await api.graphql<any>(
      'query ($id: ID!) { contacts(first: 1, filter: { accountId: $id }) { edges { node { id name } } } }',
      { id: account.id },
      bearer(token),
    );
    const contact = contacts.data.contacts.edges[0]?.node;
    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/pipeline');
    await page.locator('[data-account]').first().waitFor();

    await page.keyboard.press('l');
    const dialog = page.getByRole('dialog', { name: 'Log interaction' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Accounts' }).fill(account.name);
    await dialog.getByRole('option', { name: new RegExp(account.name) }).first().waitFor();
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: `Remove ${account.name}` }).waitFor();
    if (contact) {
      await dialog.getByRole('combobox', { name: 'Attendees' }).fill(contact.name);
      await dialog.getByRole('option', { name: new RegExp(contact.name) }).first().waitFor();
      await page.keyboard.press('Enter');
      await dialog.getByRole('button', { name: `Remove ${contact.name}` }).waitFor();
    }
    await dialog.getByLabel('Summary').fill('Screened the spec spot; they want a pilot on the trailer pipeline');
    await dialog.locator('label', { hasText: 'Positive' }).click();
    await dialog.getByRole('button', { name: '+ Add follow-up' }).click();
    await dialog.getByLabel('Follow-up 1 title').fill('Send the pilot proposal');
    await dialog.getByLabel('Follow-up 1 due date').fill('2030-01-15');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Meeting logged with 1 follow-up.').waitFor();

    await page.goto(`/accounts/${account.id}`);
    const timeline = page.locator('#timeline');
    await timeline.getByText('Screened the spec spot; they want a pilot on the trailer pipeline').waitFor();
    await timeline.getByText('Follow-ups: Send the pilot proposal').waitFor();
    await page.getByRole('region', { name: /Open tasks/ }).getByText('Send the pilot proposal').waitFor();

    const logged = await api.graphql<any>(
      'query ($id: ID!) { interactions(first: 1, filter: { accountId: $id }) { edges { node { kind sentiment contacts { id } tasks { title dueAt } } } } }',
      { id: account.id },
      bearer(token),
    );
    const interaction = logged.data.interactions.edges[0].node;
    expect(interaction.kind).toBe('MEETING');
    expect(interaction.sentiment).toBe('POSITIVE');
    expect(interaction.tasks.map((task: any) => task.title)).toEqual(['Send the pilot proposal']);
    expect(interaction.tasks[0].dueAt.slice(0, 10)).toBe('2030-01-15');
    if (contact) expect(interaction.contacts).toEqual([{ id: contact.id }]);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('finds an account with the global search and opens it', async () => {
    const account = await firstAccountIn('pilot');
    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type(account.name);
    await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: new RegExp(account.name) }).first().click();
    await page.getByRole('heading', { name: account.name, level: 1 }).waitFor();
    expect(page.url()).toContain(`/accounts/${account.id}`);
    await page.context().close();
  });
});
