import * as fs from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { TestApp } from '../support/test-app';
import {
  apiSignIn,
  DEMO,
  gql,
  launchBrowser,
  problemsOf,
  screenshot,
  seriousA11yViolations,
  signedInPage,
  startWebApp,
} from './support/web-app';

const GRANTS_OF = `query ($id: ID!) { account(id: $id) { grants { id status seats creditUnit creditLimit modelTier models
  expiresOn notes history { fromStatus toStatus reason } } } }`;

/** Today (UTC) moved by `offset` days, as YYYY-MM-DD. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Opens the side navigation first when it is folded behind the menu button (narrow screens). */
async function navigate(page: Page, link: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
}

describe('web app: access grants on the account and contact pages, Beta access and the dashboard', () => {
  let api: TestApp;
  let browser: Browser;
  let token: string;
  let account: { id: string; name: string };
  beforeAll(async () => {
    [api, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    token = (await apiSignIn(api, DEMO.accountManager)).accessToken;
    ({ createAccount: account } = await gql(
      api,
      token,
      'mutation { createAccount(input: { name: "Northlight Studios", kind: STUDIO }) { id name } }',
    ));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('creates a grant on an account (a refused field explained beside it), pauses and revokes it with reasons', async () => {
    const page = await signedInPage(browser, api, DEMO.accountManager);
    await page.goto(`/accounts/${account.id}`);
    const section = page.getByRole('region', { name: /Beta access/ });
    await section.getByText('No access to the generator granted yet.').waitFor();
    await section.getByRole('button', { name: 'Grant access' }).click();
    const dialog = page.getByRole('dialog', { name: 'Grant access to Northlight Studios' });
    await dialog.getByLabel('Seats').fill('5');
    await dialog.getByLabel('Credits in').selectOption('USD');
    await dialog.getByRole('button', { name: 'Grant access' }).click();
    const credits = dialog.getByLabel('Credits', { exact: true });
    await dialog.getByText('input.creditUnit and input.creditLimit go together').waitFor();
    expect(await credits.getAttribute('aria-invalid')).toBe('true');

    await credits.fill('500');
    await dialog.getByLabel('Status').selectOption('ACTIVE');
    await dialog.getByLabel('Model tier').fill('pro');
    await dialog.getByLabel('Models').fill('vidgen-2, vidgen-2-fast');
    await dialog.getByLabel('Last day').fill(day(30));
    await dialog.getByLabel('Notes').fill('Previs team for the spring shoot');
    await dialog.getByRole('button', { name: 'Grant access' }).click();
    await dialog.waitFor({ state: 'detached' });
    const grant = section.locator('.grant-item').first();
    await grant.getByText('Active', { exact: true }).waitFor();
    await grant.getByText('5 seats · pro tier · vidgen-2, vidgen-2-fast').waitFor();
    await grant.getByText(/\$0(\.00)? used, \$500(\.00)? left/).waitFor();
    await grant.getByText('Not used yet', { exact: false }).waitFor();

    await grant.getByRole('button', { name: 'Pause' }).click();
    const pause = page.getByRole('dialog', { name: 'Pause the grant of Northlight Studios' });
    await pause.getByLabel('Reason').fill('Invoice dispute');
    await pause.getByRole('button', { name: 'Pause' }).click();
    await pause.waitFor({ state: 'detached' });
    await grant.getByText('Paused', { exact: true }).waitFor();
    await grant.getByRole('button', { name: 'Resume' }).waitFor();

    await grant.getByRole('button', { name: 'Revoke' }).click();
    const revoke = page.getByRole('dialog', { name: 'Revoke the grant of Northlight Studios' });
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await revoke.locator('textarea[aria-invalid="true"]').waitFor();
    await revoke.locator('.field-error').waitFor();
    await revoke.getByLabel('Reason').fill('Left the programme');
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await revoke.waitFor({ state: 'detached' });
    await grant.getByText('Revoked', { exact: true }).waitFor();
    expect(await grant.getByRole('button').count()).toBe(0);
    await grant.getByText('History (3)').click();
    await grant.getByText('Paused → Revoked — “Left the programme”').waitFor();
    await grant.getByText('Active → Paused — “Invoice dispute”').waitFor();

    const { account: saved } = await gql(api, token, GRANTS_OF, { id: account.id });
    expect(saved.grants).toEqual([
      {
        id: expect.any(String),
        status: 'REVOKED',
        seats: 5,
        creditUnit: 'USD',
        creditLimit: 500,
        modelTier: 'pro',
        models: ['vidgen-2', 'vidgen-2-fast'],
        expiresOn: day(30),
        notes: 'Previs team for the spring shoot',
        history: [
          { fromStatus: 'PAUSED', toStatus: 'REVOKED', reason: 'Left the programme' },
          { fromStatus: 'ACTIVE', toStatus: 'PAUSED', reason: 'Invoice dispute' },
          { fromStatus: null, toStatus: 'ACTIVE', reason: 'created' },
        ],
      },
    ]);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('gives a person generation credits and extends them from the contact page', async () => {
    const { createContact: contact } = await gql(
      api,
      token,
      `mutation ($accountId: ID!) { createContact(input: { name: "Ines Varga", kind: DIRECTOR,
         emails: ["ines@northlight.example"], accountId: $accountId, title: "Director" }) { id } }`,
      { accountId: account.id },
    );
    const page = await signedInPage(browser, api, DEMO.accountManager);
    await page.goto(`/contacts/${contact.id}`);
    const section = page.getByRole('region', { name: /Beta access/ });
    await section.getByRole('button', { name: 'Grant access' }).click();
    const dialog = page.getByRole('dialog', { name: 'Grant access to Ines Varga' });
    expect(await dialog.getByLabel('Seats').count()).toBe(0);
    await dialog.getByLabel('Credits in').selectOption('GENERATIONS');
    await dialog.getByLabel('Credits', { exact: true }).fill('40');
    await dialog.getByRole('button', { name: 'Grant access' }).click();
    await dialog.waitFor({ state: 'detached' });
    const grant = section.locator('.grant-item').first();
    await grant.getByText('Offered', { exact: true }).waitFor();
    await grant.getByText('0 generations used, 40 generations left').waitFor();

    await grant.getByRole('button', { name: 'Extend' }).click();
    const extend = page.getByRole('dialog', { name: 'Extend the grant of Ines Varga' });
    await extend.getByLabel('Credit limit (generations)').fill('60');
    await extend.getByLabel('Last day', { exact: true }).fill(day(60));
    await extend.getByLabel('Reason').fill('Second unit joins');
    await extend.getByRole('button', { name: 'Extend' }).click();
    await extend.waitFor({ state: 'detached' });
    await grant.getByText('0 generations used, 60 generations left').waitFor();
    await grant.getByRole('button', { name: 'Activate' }).click();
    const activate = page.getByRole('dialog', { name: 'Activate the grant of Ines Varga' });
    await activate.getByLabel('Reason').fill('Signed the beta terms');
    await activate.getByRole('button', { name: 'Activate' }).click();
    await grant.getByText('Active', { exact: true }).waitFor();

    const { contact: saved } = await gql(
      api,
      token,
      'query ($id: ID!) { contact(id: $id) { grants { status creditUnit creditLimit expiresOn history { reason } } } }',
      { id: contact.id },
    );
    expect(saved.grants).toEqual([
      {
        status: 'ACTIVE',
        creditUnit: 'GENERATIONS',
        creditLimit: 60,
        expiresOn: day(60),
        history: [{ reason: 'Signed the beta terms' }, { reason: 'Second unit joins' }, { reason: 'created' }],
      },
    ]);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('lists every grant on Beta access, filters, sorts from the keyboard and exports the view as CSV', async () => {
    const page = await signedInPage(browser, api, DEMO.accountManager);
    await page.goto('/');
    await navigate(page, 'Beta access');
    await page.getByRole('heading', { name: 'Beta access', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Northlight Studios' }).waitFor();

    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('REVOKED');
    await page.waitForURL(/status=REVOKED/);
    await page.getByRole('combobox', { name: 'Account kind', exact: true }).selectOption('STUDIO');
    await page.waitForURL(/kind=STUDIO/);
    const { grants } = await gql(
      api,
      token,
      '{ grants(first: 100, filter: { statuses: [REVOKED], accountKinds: [STUDIO] }) { totalCount edges { node { id account { name } } } } }',
    );
    await page.getByText(`${grants.edges.length} of ${grants.totalCount}`).waitFor();
    const shown = await page
      .locator('table.list-table tbody tr[data-row] td:first-child a')
      .evaluateAll((links) => links.map((link) => link.textContent));
    expect(shown).toEqual(grants.edges.map((edge: any) => edge.node.account.name));
    expect(shown).toContain('Northlight Studios');

    const expires = page.getByRole('button', { name: /^Expires/ });
    await expires.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=EXPIRES_ON/);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = fs
      .readFileSync((await (await download).path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toMatch(/^id,subjectKind,subject,/);
    expect(csv.length - 1).toBe(grants.totalCount);
    for (const edge of grants.edges) expect(csv.some((line) => line.startsWith(edge.node.id))).toBe(true);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the beta-access summary on the dashboard by account kind', async () => {
    const { betaAccessSummary } = await gql(
      api,
      token,
      '{ betaAccessSummary { granted byAccountKind { accountKind granted } } }',
    );
    const page = await signedInPage(browser, api, DEMO.accountManager);
    await page.goto('/dashboard');
    const panel = page.locator('[data-figure="beta-access"]');
    await panel.getByRole('table').waitFor();
    await panel.getByRole('heading', { name: `Beta access ${betaAccessSummary.granted}` }).waitFor();
    for (const row of betaAccessSummary.byAccountKind.filter((each: any) => each.accountKind))
      await panel
        .getByRole('link', { name: new RegExp(`^${row.granted} active grants of `) })
        .first()
        .waitFor();
    await panel.getByRole('link', { name: 'All active grants' }).click();
    await page.waitForURL(/\/beta-access\?status=ACTIVE/);
    await page.getByRole('link', { name: 'Ines Varga' }).waitFor();
    expect(await page.getByRole('link', { name: 'Northlight Studios' }).count()).toBe(0);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('fits a 375-px screen with no serious or critical axe violation', async () => {
    const page = await signedInPage(browser, api, DEMO.accountManager, 375);
    await page.goto(`/accounts/${account.id}`);
    await page.getByRole('region', { name: /Beta access/ }).locator('.grant-item').first().waitFor();
    await page.getByRole('region', { name: /Beta access/ }).getByText(/^History/).click();
    await screenshot(page, 'account-grants-375');
    expect(await overflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('region', { name: /Beta access/ }).getByRole('button', { name: 'Grant access' }).click();
    await page.getByRole('dialog', { name: /Grant access to/ }).waitFor();
    expect(await overflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await navigate(page, 'Beta access');
    await page.locator('table.list-table tbody tr[data-row]').first().waitFor();
    await screenshot(page, 'beta-access-375');
    expect(await overflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('shows an executive the grants without any control', async () => {
    const page = await signedInPage(browser, api, DEMO.executive);
    const main = page.locator('main');
    await page.goto(`/accounts/${account.id}`);
    const section = page.getByRole('region', { name: /Beta access/ });
    await section.locator('.grant-item').first().waitFor();
    expect(await section.getByRole('button').count()).toBe(0);
    await section.getByText(/^History/).click();
    await section.getByText('Active → Paused — “Invoice dispute”').waitFor();

    await page.goto('/beta-access');
    await page.locator('table.list-table tbody tr[data-row]').first().waitFor();
    expect(await main.getByRole('button', { name: /Grant access|Pause|Revoke|Extend|Resume|Activate/ }).count()).toBe(0);
    await page.goto('/dashboard');
    await page.locator('[data-figure="beta-access"]').getByRole('table').waitFor();
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
