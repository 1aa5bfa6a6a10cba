import { Browser } from 'playwright-core';
import { TestApp } from '../support/test-app';
import {
  apiSignIn,
  bearer,
  DEMO,
  drag,
  eventually,
  gql,
  launchBrowser,
  problemsOf,
  signedInPage,
  startWebApp,
} from './support/web-app';

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

    await drag(page, card, 'section[data-stage="Contacted"]', / is over Contacted\.$/, (box) => ({
      x: box.width / 2,
      y: 60,
    }));
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
    await dialog
      .getByRole('option', { name: new RegExp(account.name) })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: `Remove ${account.name}` }).waitFor();
    if (contact) {
      await dialog.getByRole('combobox', { name: 'Attendees' }).fill(contact.name);
      await dialog
        .getByRole('option', { name: new RegExp(contact.name) })
        .first()
        .waitFor();
      await page.keyboard.press('Enter');
      await dialog.getByRole('button', { name: `Remove ${contact.name}` }).waitFor();
    }
    await dialog
      .getByLabel('Summary')
      .fill('Screened the spec spot; they want a pilot on the trailer pipeline');
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
    await page
      .getByRole('region', { name: /Open tasks/ })
      .getByText('Send the pilot proposal')
      .waitFor();

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
    await page
      .getByRole('list', { name: 'Search results' })
      .getByRole('link', { name: new RegExp(account.name) })
      .first()
      .click();
    await page.getByRole('heading', { name: account.name, level: 1 }).waitFor();
    expect(page.url()).toContain(`/accounts/${account.id}`);
    await page.context().close();
  });

  it('reaches every account of a crowded stage with “Load more” in its column', async () => {
    const { stages } = await gql(api, token, '{ stages { id name } }');
    const stage = stages.find((entry: any) => entry.name === 'Paused');
    for (let i = 1; i <= 45; i++)
      await gql(
        api,
        token,
        'mutation ($name: String!, $stage: ID) { createAccount(input: { name: $name, kind: STUDIO, stageId: $stage }) { id } }',
        { name: `Crowded Studio ${i}`, stage: stage.id },
      );
    const { pipeline } = await gql(api, token, '{ pipeline { stages { accountCount stage { name } } } }');
    const crowded = pipeline.stages.find((entry: any) => entry.stage.name === 'Paused');
    expect(crowded.accountCount).toBeGreaterThan(45);
    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Pipeline/ })
      .click();
    const column = page.locator(`section[data-stage="${crowded.stage.name}"]`);
    const cards = column.locator('[data-account]');
    await cards.nth(19).waitFor();
    expect(await cards.count()).toBe(20);
    expect(await column.locator('.column-count').textContent()).toBe(String(crowded.accountCount));
    for (let shown = 20; shown < crowded.accountCount; shown += 20) {
      await column.getByRole('button', { name: `Load more accounts in ${crowded.stage.name}` }).click();
      await cards.nth(Math.min(shown + 20, crowded.accountCount) - 1).waitFor();
    }
    expect(await cards.count()).toBe(crowded.accountCount);
    expect(await column.getByRole('button', { name: /Load more/ }).count()).toBe(0);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('lets an admin reorder stages by dragging and delete one, moving its accounts to another', async () => {
    const admin = (await apiSignIn(api, DEMO.admin)).accessToken;
    const page = await signedInPage(browser, api, DEMO.admin);
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Admin/ })
      .click();
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'Stages' })
      .click();
    const add = page.getByRole('form', { name: 'Add a stage' });
    await add.getByLabel('New stage').fill('Legal review');
    await add.getByRole('button', { name: 'Add stage' }).click();
    await page.locator('tr[data-stage-row="Legal review"]').waitFor();

    const order = async () => (await gql(api, admin, '{ stages { id name } }')).stages;
    const before = await order();
    expect(before.at(-1).name).toBe('Legal review');
    await drag(
      page,
      'button[aria-label="Reorder Legal review"]',
      `button[aria-label="Reorder ${before[1].name}"]`,
      /^Legal review is at position 2\.$/,
    );
    await page.waitForFunction(
      () =>
        document.querySelectorAll('tr[data-stage-row]')[1]?.getAttribute('data-stage-row') === 'Legal review',
    );
    const expected = [before[0].name, 'Legal review', ...before.slice(1, -1).map((stage: any) => stage.name)];
    const names = async () => (await order()).map((stage: any) => stage.name);
    expect(await eventually(names, expected)).toEqual(expected);
    const after = await order();

    const legal = after[1];
    const { accounts } = await gql(
      api,
      admin,
      '{ accounts(first: 2, sortBy: NAME) { edges { node { id } } } }',
    );
    for (const { node } of accounts.edges)
      await gql(
        api,
        admin,
        'mutation ($a: ID!, $s: ID!) { moveAccountStage(input: { accountId: $a, stageId: $s, reason: "legal" }) { id } }',
        { a: node.id, s: legal.id },
      );
    await page.reload();
    await page.getByRole('button', { name: 'Delete Legal review' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Legal review' });
    await dialog.getByLabel('Move its 2 accounts to').selectOption({ label: before[0].name });
    await dialog.getByRole('button', { name: 'Delete stage' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('tr[data-stage-row="Legal review"]').waitFor({ state: 'detached' });
    expect((await order()).map((stage: any) => stage.name)).not.toContain('Legal review');
    for (const { node } of accounts.edges) {
      const { account } = await gql(api, admin, 'query ($id: ID!) { account(id: $id) { stage { id } } }', {
        id: node.id,
      });
      expect(account.stage.id).toBe(before[0].id);
    }
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
