import { Role, WorkspaceService } from '@greenlight/identity';
import { Browser } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { apiSignIn, bearer, DEMO, DEMO_PASSWORD, launchBrowser, newPage, problemsOf, signedInPage, startWebApp } from './support/web-app';

describe('web app: signing in and roles', () => {
  let api: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [api, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('serves the app on every client route without shadowing the API', async () => {
    const page = await fetch(`${api.baseUrl}/accounts/123`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const health = await fetch(`${api.baseUrl}/health/live`, { headers: { accept: 'text/html' } });
    expect(health.headers.get('content-type')).toContain('application/json');
    const missingApi = await fetch(`${api.baseUrl}/v1/nothing-here`, { headers: { accept: 'text/html' } });
    expect(missingApi.status).toBe(404);
    const missingAsset = await fetch(`${api.baseUrl}/assets/missing.js`, { headers: { accept: 'text/html' } });
    expect(missingAsset.status).toBe(404);
  });

  it('signs in with the demo credentials, says why a bad password fails, and signs out', async () => {
    const page = await newPage(browser, api);
    await page.goto('/pipeline');
    await page.waitForURL(/\/sign-in\?next=%2Fpipeline/);
    await page.getByLabel('Workspace').fill('demo');
    await page.getByLabel('Email').fill(DEMO.admin);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/password/i);

    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Pipeline' }).waitFor();
    expect(page.url()).toMatch(/\/pipeline$/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('greenlight.session'))).toBeNull();
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('refreshes an expired access token without sending the user back to sign-in', async () => {
    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const before = await page.evaluate(() => JSON.parse(localStorage.getItem('greenlight.session')!));
    // The access token is now refused and said to be expired: the app must refresh before asking.
    await page.evaluate((session) => {
      localStorage.setItem('greenlight.session', JSON.stringify({ ...session, accessToken: 'expired', expiresAt: new Date(0).toISOString() }));
    }, before);
    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const after = await page.evaluate(() => JSON.parse(localStorage.getItem('greenlight.session')!));
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe('expired');
    await page.context().close();
  });

  it('switches to another workspace of the same user', async () => {
    const workspaces = api.app.get(WorkspaceService);
    const other = await workspaces.create({
      name: 'Northlight Media',
      admin: { email: 'owner@northlight.test', name: 'Northlight Owner', password: 'a long enough password' },
    });
    await workspaces.addMember(other.workspace.id, { email: DEMO.accountManager, name: 'AM', role: Role.ACCOUNT_MANAGER, password: DEMO_PASSWORD });

    const page = await signedInPage(browser, api, DEMO.accountManager);
    await page.goto('/');
    const picker = page.getByLabel('Workspace');
    await picker.selectOption({ label: 'Northlight Media' });
    await page.locator('.page-subtitle', { hasText: 'Northlight Media' }).waitFor();
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('greenlight.session')!).accessToken);
    const me = await api.graphql<any>('{ me { workspace { name } } }', {}, bearer(token));
    expect(me.data.me.workspace.name).toBe('Northlight Media');
    await page.context().close();
  });

  it('shows an executive no edit control anywhere', async () => {
    const token = (await apiSignIn(api, DEMO.executive)).accessToken;
    const accounts = await api.graphql<any>('{ accounts(first: 1) { edges { node { id name } } } }', {}, bearer(token));
    const account = accounts.data.accounts.edges[0].node;
    const page = await signedInPage(browser, api, DEMO.executive);

    await page.goto('/pipeline');
    await page.locator('[data-account]').first().waitFor();
    expect(await page.getByRole('button', { name: /Log interaction/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /to another stage/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.keyboard.press('l');
    expect(await page.getByRole('dialog').count()).toBe(0);

    await page.goto(`/accounts/${account.id}`);
    await page.getByRole('heading', { name: account.name }).waitFor();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await page.locator('main select, main textarea, main input').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Log interaction|competitor|Complete/i }).count()).toBe(0);

    await page.goto('/identities');
    await page.getByRole('heading', { name: 'Unmatched usage' }).waitFor();
    expect(await page.getByRole('button', { name: 'Link to account' }).count()).toBe(0);

    await page.goto('/admin/members');
    await page.getByText('Only workspace admins can open this page.').waitFor();
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
