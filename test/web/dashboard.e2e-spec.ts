import { Browser } from 'playwright-core';
import { TestApp } from '../support/test-app';
import {
  apiSignIn,
  DEMO,
  drag,
  gql,
  launchBrowser,
  problemsOf,
  signedInPage,
  startWebApp,
} from './support/web-app';

const DAY_MS = 86_400_000;

describe('web app: the executive dashboard and alerts', () => {
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

  async function stageId(key: string): Promise<string> {
    const { stages } = await gql(api, token, '{ stages { id key } }');
    return stages.find((stage: any) => stage.key === key).id;
  }

  async function pipelineCount(name: string): Promise<number> {
    const { pipeline } = await gql(api, token, '{ pipeline { stages { accountCount stage { name } } } }');
    return pipeline.stages.find((entry: any) => entry.stage.name === name).accountCount;
  }

  it('counts a card dragged to another stage in the pipeline figure, and lists it behind that figure', async () => {
    const { accounts } = await gql(
      api,
      token,
      'query ($ids: [ID!]) { accounts(first: 1, filter: { stageIds: $ids }, sortBy: STAGE_ENTERED_AT, sortDirection: DESC) { edges { node { id name } } } }',
      {
        ids: [await stageId('prospect')],
      },
    );
    const account = accounts.edges[0].node;
    const page = await signedInPage(browser, api, DEMO.partnerships);
    const contacted = page.locator('[data-figure="pipeline"] tr[data-stage="Contacted"] button');
    await page.goto('/dashboard');
    await contacted.waitFor();
    const before = Number(await contacted.getAttribute('data-count'));
    expect(before).toBe(await pipelineCount('Contacted'));

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Pipeline' }).click();
    const card = `[data-account="${account.name}"]`;
    await page.locator(card).waitFor();
    await drag(page, card, 'section[data-stage="Contacted"]', / is over Contacted\.$/, (box) => ({ x: box.width / 2, y: 60 }));
    const dialog = page.getByRole('dialog', { name: `Move ${account.name}` });
    await dialog.getByLabel('Reason').fill('Asked for the showreel');
    await dialog.getByRole('button', { name: 'Move to Contacted' }).click();
    await page.locator(`section[data-stage="Contacted"] ${card}`).waitFor();

    await nav.getByRole('link', { name: 'Dashboard' }).click();
    await page
      .locator(`[data-figure="pipeline"] tr[data-stage="Contacted"] button[data-count="${before + 1}"]`)
      .waitFor();
    expect(await pipelineCount('Contacted')).toBe(before + 1);

    await contacted.click();
    const drillDown = page.getByRole('dialog', { name: `Contacted: ${before + 1} accounts` });
    await drillDown.getByText(`${before + 1} accounts`, { exact: true }).waitFor();
    await drillDown.getByRole('link', { name: account.name }).click();
    await page.getByRole('heading', { name: account.name, level: 1 }).waitFor();
    expect(page.url()).toContain(`/accounts/${account.id}`);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('keeps the period and filters in the address and opens the accounts behind a funnel step', async () => {
    const page = await signedInPage(browser, api, DEMO.executive);
    await page.goto('/');
    await page.waitForURL('**/dashboard');
    await page.getByRole('combobox', { name: /^Period/ }).selectOption('365');
    await page.getByRole('combobox', { name: /^Kind/ }).selectOption('STUDIO');
    await page.waitForURL(/period=365.*kind=STUDIO|kind=STUDIO.*period=365/);
    const year = {
      from: new Date(Date.now() - 364 * DAY_MS).toISOString().slice(0, 10),
      to: new Date().toISOString().slice(0, 10),
    };
    const { funnel: expected } = await gql(
      api,
      token,
      'query ($period: DashboardPeriod!) { funnel(period: $period, filter: { kinds: [STUDIO] }) { steps { entered stage { name } } } }',
      { period: year },
    );
    const count: number = expected.steps.find((step: any) => step.stage.name === 'Prospect').entered;
    const entered = page
      .locator('[data-figure="funnel"]')
      .getByRole('button', { name: `${count} entered Prospect`, exact: true });
    await entered.waitFor();
    if (count > 0) {
      await entered.click();
      const dialog = page.getByRole('dialog', { name: `Prospect: ${count} entered` });
      await dialog.getByText(`${count} account${count === 1 ? '' : 's'}`, { exact: true }).waitFor();
      expect(await dialog.getByRole('link').count()).toBe(Math.min(count, 50));
      await page.keyboard.press('Escape');
    }
    await page.reload();
    expect(await page.getByRole('combobox', { name: /^Period/ }).inputValue()).toBe('365');
    expect(await page.getByRole('combobox', { name: /^Kind/ }).inputValue()).toBe('STUDIO');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('acknowledges an alert raised for an account gone quiet in the pilot stage, and checks it through GraphQL', async () => {
    const { createAccount: account } = await gql(
      api,
      token,
      'mutation ($stageId: ID) { createAccount(input: { name: "Quiet Harbor Films", kind: STUDIO, stageId: $stageId }) { id } }',
      {
        stageId: await stageId('pilot'),
      },
    );
    await gql(
      api,
      token,
      'mutation ($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }',
      {
        input: {
          kind: 'CALL',
          accountIds: [account.id],
          occurredAt: new Date(Date.now() - 45 * DAY_MS).toISOString(),
          summary: 'Kick-off call, then silence',
        },
      },
    );
    await gql(api, token, 'mutation { evaluateAlerts { raised } }');
    const { alerts } = await gql(
      api,
      token,
      'query ($id: ID) { alerts(accountId: $id, first: 10) { edges { node { id kind status } } } }',
      { id: account.id },
    );
    const alert = alerts.edges
      .map((edge: any) => edge.node)
      .find((node: any) => node.kind === 'NO_RECENT_INTERACTION');
    expect(alert.status).toBe('OPEN');
    const { alerts: open } = await gql(api, token, '{ alerts(status: OPEN, first: 1) { totalCount } }');

    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/alerts?kind=NO_RECENT_INTERACTION');
    const badge = page.getByTestId('open-alert-count');
    await badge.getByText(String(open.totalCount)).waitFor();
    const row = page.locator(`tr[data-alert="${alert.id}"]`);
    await row.getByRole('link', { name: 'Quiet Harbor Films' }).waitFor();
    await row.getByText(/no interaction in 45 days/).waitFor();
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await row.getByLabel('Note').fill('Calling their head of post on Monday');
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await row.getByText('Acknowledged', { exact: true }).waitFor();
    await row.getByText(/Calling their head of post on Monday/).waitFor();

    const { alerts: after } = await gql(
      api,
      token,
      'query ($id: ID) { alerts(accountId: $id, first: 10) { edges { node { id status acknowledgementNote acknowledgedBy { user { email } } } } } }',
      {
        id: account.id,
      },
    );
    expect(after.edges.map((edge: any) => edge.node).find((node: any) => node.id === alert.id)).toEqual({
      id: alert.id,
      status: 'ACKNOWLEDGED',
      acknowledgementNote: 'Calling their head of post on Monday',
      acknowledgedBy: { user: { email: DEMO.partnerships } },
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const left = open.totalCount - 1;
    if (left > 0) await badge.getByText(String(left)).waitFor();
    else await badge.waitFor({ state: 'detached' });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
