import { Browser } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { apiSignIn, bearer, DEMO, eventually, launchBrowser, problemsOf, signedInPage, startWebApp } from './support/web-app';

describe('web app: admin and unmatched usage', () => {
  let api: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [api, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('creates an API key (secret shown once), then links the identity its usage created to an account', async () => {
    const page = await signedInPage(browser, api, DEMO.admin);
    await page.goto('/admin/api-keys');
    await page.getByLabel('Name').fill('Generator staging');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByTestId('api-key-secret').textContent();
    expect(key).toMatch(/^glk_/);
    await page.getByRole('cell', { name: 'Generator staging' }).waitFor();
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);

    const usage = await fetch(`${api.baseUrl}/v1/usage/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        events: [1, 2, 3].map((n) => ({
          eventId: `web-${n}`,
          kind: 'generation.completed',
          orgId: 'org-lumiere-web',
          userEmail: `artist${n}@lumiere-unknown.example`,
          videoSeconds: 8,
        })),
      }),
    });
    expect((await usage.json()).accepted).toBe(3);

    const token = (await apiSignIn(api, DEMO.admin)).accessToken;
    const accounts = await api.graphql<any>('{ accounts(first: 1, sortBy: NAME) { edges { node { id name } } } }', {}, bearer(token));
    const account = accounts.data.accounts.edges[0].node;

    await page.goto('/identities');
    const row = page.locator('tr[data-identity="org-lumiere-web"]');
    await row.getByRole('cell', { name: '3', exact: true }).waitFor();
    await row.getByRole('button', { name: 'Link to account' }).click();
    await row.getByRole('combobox').fill(account.name);
    await row.getByRole('option', { name: new RegExp(account.name) }).first().click();
    await row.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByText(`org-lumiere-web linked to ${account.name}: 3 past events attributed.`).waitFor();
    await row.waitFor({ state: 'detached' });

    const unmatched = await api.graphql<any>('{ unmatchedIdentities(first: 50) { edges { node { orgId } } } }', {}, bearer(token));
    expect(unmatched.data.unmatchedIdentities.edges.map((edge: any) => edge.node.orgId)).not.toContain('org-lumiere-web');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('checks a CSV import in a dry run and lists the refused rows by line', async () => {
    const token = (await apiSignIn(api, DEMO.admin)).accessToken;
    const count = async () => (await api.graphql<any>('{ accounts(first: 1) { totalCount } }', {}, bearer(token))).data.accounts.totalCount;
    const before = await count();
    const page = await signedInPage(browser, api, DEMO.admin);
    await page.goto('/admin/import');
    await page.getByLabel('What the file holds').selectOption('accounts');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'accounts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,kind\nLumiere Pictures,studio\n,streamer\nNorthwind Post,vfx_post_house\n'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    const report = page.getByRole('status', { name: 'Import report' });
    await report.getByText('Dry run: nothing was saved').waitFor();
    const refused = report.getByRole('table');
    await refused.getByRole('cell', { name: '3', exact: true }).waitFor();

    await refused.getByRole('cell', { name: 'name', exact: true }).waitFor();
    expect(await count()).toBe(before);
    await page.context().close();
  });

  it('invites a member with a link to copy, and revokes the invitation', async () => {
    const page = await signedInPage(browser, api, DEMO.admin);
    await page.goto('/admin/invitations');
    await page.getByLabel('Email').fill('new.rep@demo.greenlight.dev');
    await page.getByLabel('Role').selectOption('PARTNERSHIPS');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const link = await page.locator('.secret code').textContent();
    expect(link).toMatch(/\/invite\/.+/);
    const row = page.getByRole('row', { name: /new\.rep@demo\.greenlight\.dev/ });
    await row.getByText('Pending').waitFor();
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();
    await page.context().close();
  });

  it('changes a member role from the members table', async () => {
    const page = await signedInPage(browser, api, DEMO.admin);
    await page.goto('/admin/members');
    const select = page.getByLabel(/Role of .*/).nth(1);
    const name = (await select.getAttribute('aria-label'))!.replace('Role of ', '');
    await select.selectOption('ACCOUNT_MANAGER');
    const token = (await apiSignIn(api, DEMO.admin)).accessToken;
    const role = await eventually(async () => {
      const members = await api.graphql<any>('{ members(first: 10) { edges { node { role user { name } } } } }', {}, bearer(token));
      return members.data.members.edges.find((edge: any) => edge.node.user.name === name).node.role;
    }, 'ACCOUNT_MANAGER');
    expect(role).toBe('ACCOUNT_MANAGER');
    await page.context().close();
  });
});
