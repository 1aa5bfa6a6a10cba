import { Browser, Page } from 'playwright-core';
import { TestApp } from '../support/test-app';
import {
  apiSignIn,
  bearer,
  DEMO,
  launchBrowser,
  newPage,
  problemsOf,
  screenshot,
  seriousA11yViolations,
  signedInPage,
  startWebApp,
} from './support/web-app';

/** The main pages, each with what shows it has loaded. */
function mainPages(accountId: string, accountName: string, pilotId: string): { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] {
  return [
    { name: 'dashboard', path: '/dashboard', ready: (page) => page.locator('[data-figure] .state-loading').first().waitFor({ state: 'detached' }).then(() => page.locator('[data-figure="pipeline"] .recharts-bar-rectangle').first().waitFor()) },
    { name: 'pilots', path: '/pilots', ready: (page) => page.locator('tr[data-pilot]').first().waitFor() },
    { name: 'pilot', path: `/pilots/${pilotId}`, ready: (page) => page.getByRole('region', { name: /Success criteria/ }).getByRole('progressbar').first().waitFor() },
    { name: 'alerts', path: '/alerts', ready: (page) => page.getByRole('heading', { name: 'Alerts' }).waitFor().then(() => page.locator('.state-empty, table').first().waitFor()) },
    { name: 'overview', path: '/', ready: (page) => page.locator('.recharts-bar-rectangle').first().waitFor() },
    { name: 'pipeline', path: '/pipeline', ready: (page) => page.locator('[data-account]').first().waitFor() },
    { name: 'account', path: `/accounts/${accountId}`, ready: (page) => page.getByRole('heading', { name: accountName }).waitFor().then(() => page.locator('.timeline-entry').first().waitFor()) },
    { name: 'beta-access', path: '/beta-access', ready: (page) => page.getByRole('heading', { name: 'Beta access', level: 1 }).waitFor().then(() => page.locator('.state-empty, .table-footer [role=status]').first().waitFor()) },
    { name: 'identities', path: '/identities', ready: (page) => page.getByRole('heading', { name: 'Unmatched usage' }).waitFor().then(() => page.locator('.state, table').first().waitFor()) },
    { name: 'admin-members', path: '/admin/members', ready: (page) => page.getByRole('table').waitFor() },
    { name: 'admin-api-keys', path: '/admin/api-keys', ready: (page) => page.getByRole('button', { name: 'Create key' }).waitFor() },
    { name: 'admin-stages', path: '/admin/stages', ready: (page) => page.getByRole('table').waitFor() },
    { name: 'admin-import', path: '/admin/import', ready: (page) => page.getByRole('button', { name: 'Upload' }).waitFor() },
  ];
}

describe('web app: main pages are accessible at desktop and tablet widths', () => {
  let api: TestApp;
  let browser: Browser;
  let account: { id: string; name: string };
  let pilotId: string;
  beforeAll(async () => {
    [api, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    const token = (await apiSignIn(api, DEMO.admin)).accessToken;
    const accounts = await api.graphql<any>(
      '{ accounts(first: 1, sortBy: UPDATED_AT, sortDirection: DESC) { edges { node { id name } } } }',
      {},
      bearer(token),
    );
    account = accounts.data.accounts.edges[0].node;
    const pilots = await api.graphql<any>('{ pilots(first: 1, filter: { statuses: [ACTIVE] }) { edges { node { id } } } }', {}, bearer(token));
    pilotId = pilots.data.pilots.edges[0].node.id;
    await api.graphql<any>('mutation { evaluateAlerts { raised } }', {}, bearer(token));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('has no serious or critical axe violation on the sign-in page', async () => {
    const page = await newPage(browser, api);
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  describe.each([1280, 768])('at %i px', (width) => {
    let page: Page;
    beforeAll(async () => {
      page = await signedInPage(browser, api, DEMO.admin, width);
    });
    afterAll(async () => {
      expect(problemsOf(page)).toEqual([]);
      await page.context().close();
    });

    it.each(['overview', 'dashboard', 'pipeline', 'account', 'pilots', 'pilot', 'beta-access', 'alerts', 'identities', 'admin-members', 'admin-api-keys', 'admin-stages', 'admin-import'])(
      '%s has no serious or critical axe violation',
      async (name) => {
        const main = mainPages(account.id, account.name, pilotId).find((entry) => entry.name === name)!;
        await page.goto(main.path);
        await main.ready(page);
        await screenshot(page, `${name}-${width}`);
        expect(await seriousA11yViolations(page)).toEqual([]);
      },
    );

    it('the log-interaction dialog has no serious or critical axe violation', async () => {
      await page.keyboard.press('l');
      await page.getByRole('dialog', { name: 'Log interaction' }).waitFor();
      await screenshot(page, `log-interaction-${width}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
    });
  });
});
