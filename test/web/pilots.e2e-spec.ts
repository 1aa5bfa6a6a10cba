import { Browser } from 'playwright-core';
import { TestApp } from '../support/test-app';
import {
  apiSignIn,
  DEMO,
  eventually,
  gql,
  launchBrowser,
  postUsage,
  problemsOf,
  signedInPage,
  startWebApp,
} from './support/web-app';

const DOMAIN = 'harborline-pictures.example';

describe('web app: pilots, their criteria and what executives see', () => {
  let api: TestApp;
  let browser: Browser;
  let token: string;
  let adminToken: string;
  beforeAll(async () => {
    [api, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    token = (await apiSignIn(api, DEMO.accountManager)).accessToken;
    adminToken = (await apiSignIn(api, DEMO.admin)).accessToken;
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('creates a pilot from the account page, adds criteria, activates it, and shows progress from ingested usage', async () => {
    const { createAccount: account } = await gql(
      api,
      token,
      `mutation { createAccount(input: { name: "Harborline Pictures", kind: STUDIO, domains: ["${DOMAIN}"] }) { id } }`,
    );
    const page = await signedInPage(browser, api, DEMO.accountManager);
    await page.goto(`/accounts/${account.id}`);
    const pilots = page.getByRole('region', { name: /Pilots/ });
    await pilots.getByText('No pilot with this account yet.').waitFor();
    await pilots.getByRole('button', { name: 'New pilot' }).click();
    const create = page.getByRole('dialog', { name: 'New pilot with Harborline Pictures' });
    await create.getByLabel('Name').fill('Trailer sprint');
    await create.getByLabel('Credit (USD)').fill('2000');
    await create.getByRole('button', { name: 'Create pilot' }).click();
    await page.getByRole('heading', { name: 'Trailer sprint', level: 1 }).waitFor();
    const pilotId = page.url().split('/pilots/')[1]!;

    const criteria = page.getByRole('region', { name: /Success criteria/ });
    await criteria.getByRole('button', { name: 'Add criterion' }).click();
    await criteria.getByLabel('Metric').selectOption('GENERATIONS');
    await criteria.getByLabel('Target').fill('10');
    await criteria.getByRole('button', { name: 'Add criterion' }).click();
    await criteria.locator('[data-criterion="Generations at least 10"]').waitFor();
    await criteria.getByRole('button', { name: 'Add criterion' }).click();
    await criteria.getByLabel('Metric').selectOption('MANUAL');
    await criteria.getByLabel('What is judged').fill('Editorial sign-off');
    await criteria.getByRole('button', { name: 'Add criterion' }).click();
    const signOff = criteria.locator('[data-criterion="Editorial sign-off"]');
    await signOff.getByRole('button', { name: 'Mark met' }).click();
    await signOff.getByText('Met', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Change status' }).click();
    const status = page.getByRole('dialog', { name: 'Change the status of Trailer sprint' });
    await status.getByLabel('New status').selectOption('ACTIVE');
    await status.getByLabel('Reason').fill('Credentials issued to their editors');
    await status.getByRole('button', { name: 'Change to active' }).click();
    await status.waitFor({ state: 'detached' });
    await page
      .getByRole('region', { name: 'Status history' })
      .getByText('Credentials issued to their editors')
      .waitFor();

    await postUsage(
      api,
      adminToken,
      [1, 2, 3, 4].map((n) => ({
        eventId: `pilot-web-${n}`,
        kind: 'generation.completed',
        userEmail: `editor${n % 2}@${DOMAIN}`,
        videoSeconds: 6,
        costUsd: 1.5,
      })),
    );
    const readValue = async () => {
      const { pilot } = await gql(
        api,
        token,
        'query ($id: ID!) { pilot(id: $id) { criteria { metric currentValue } } }',
        { id: pilotId },
      );
      return pilot.criteria.find((criterion: any) => criterion.metric === 'GENERATIONS').currentValue;
    };
    expect(await eventually(readValue, 4, 20_000)).toBe(4);

    await page.reload();
    const generations = page.locator('[data-criterion="Generations at least 10"]');
    await generations.getByText('4 of 10').waitFor();
    expect(await generations.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    await generations.getByText('Not met', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Success criteria' }).getByText('1 of 2 met').waitFor();

    const { pilot } = await gql(
      api,
      token,
      'query ($id: ID!) { pilot(id: $id) { status statusHistory { toStatus reason } criteria { metric met progress } } }',
      { id: pilotId },
    );
    expect(pilot.status).toBe('ACTIVE');
    expect(pilot.statusHistory[0]).toEqual({
      toStatus: 'ACTIVE',
      reason: 'Credentials issued to their editors',
    });
    expect(pilot.criteria).toEqual([
      { metric: 'GENERATIONS', met: false, progress: 0.4 },
      { metric: 'MANUAL', met: true, progress: 1 },
    ]);

    await page.goto(`/accounts/${account.id}`);
    await page.getByRole('progressbar', { name: 'Trailer sprint: Generations' }).waitFor();
    expect(
      await page
        .getByRole('progressbar', { name: 'Trailer sprint: Generations' })
        .getAttribute('aria-valuenow'),
    ).toBe('40');
    await page
      .getByRole('region', { name: /Health/ })
      .locator('.badge')
      .waitFor();
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('filters the pilots list by status and ending soon', async () => {
    const page = await signedInPage(browser, api, DEMO.accountManager);
    await page.goto('/pilots');
    await page.locator('tr[data-pilot]').first().waitFor();
    await page.getByRole('combobox', { name: /^Status/ }).selectOption('ACTIVE');
    await page.waitForURL(/status=ACTIVE/);
    const { pilots } = await gql(
      api,
      token,
      '{ pilots(first: 100, filter: { statuses: [ACTIVE] }) { totalCount edges { node { name } } } }',
    );
    await page.getByText(`${pilots.edges.length} of ${pilots.totalCount}`).waitFor();
    const shown = await page
      .locator('tr[data-pilot]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-pilot')));
    expect(shown).toEqual(pilots.edges.map((edge: any) => edge.node.name));
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('shows an executive the new pages without any edit control', async () => {
    const { pilots } = await gql(
      api,
      token,
      '{ pilots(first: 1, filter: { statuses: [ACTIVE] }) { edges { node { id name account { id name } } } } }',
    );
    const pilot = pilots.edges[0].node;
    await gql(api, token, 'mutation { evaluateAlerts { raised } }');
    const page = await signedInPage(browser, api, DEMO.executive);
    const main = page.locator('main');

    await page.goto(`/pilots/${pilot.id}`);
    await page.getByRole('heading', { name: pilot.name, level: 1 }).waitFor();
    await page
      .getByRole('region', { name: /Success criteria/ })
      .getByRole('progressbar')
      .first()
      .waitFor();
    expect(await main.locator('select, textarea, input').count()).toBe(0);
    expect(await main.getByRole('button').count()).toBe(0);

    await page.goto('/pilots');
    await page.locator('tr[data-pilot]').first().waitFor();
    expect(
      await main.getByRole('button', { name: /New pilot|Change status|Add criterion|Edit|Remove/ }).count(),
    ).toBe(0);

    await page.goto(`/accounts/${pilot.account.id}`);
    await page
      .getByRole('region', { name: /Pilots/ })
      .getByRole('link', { name: pilot.name })
      .waitFor();
    expect(await page.getByRole('button', { name: 'New pilot' }).count()).toBe(0);

    await page.goto('/alerts');
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await page.locator('table, .state-empty').first().waitFor();
    expect(await main.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);

    await page.goto('/dashboard');
    await page.locator('[data-figure="pipeline"] .recharts-bar-rectangle').first().waitFor();
    expect(
      await main.getByRole('button', { name: /Acknowledge|New pilot|Change status|Log interaction/ }).count(),
    ).toBe(0);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
