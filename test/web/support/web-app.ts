import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { seedDemo } from '../../../apps/api/src/demo/seed';
import { startTestApp, TestApp } from '../../support/test-app';
import { ROOT } from '../../support/server-process';
import { findChromium } from '../../../tools/chromium';

export const DEMO_PASSWORD = 'greenlight-demo';
export const DEMO = {
  admin: 'admin@demo.greenlight.dev',
  partnerships: 'partnerships@demo.greenlight.dev',
  accountManager: 'am@demo.greenlight.dev',
  executive: 'exec@demo.greenlight.dev',
};

const SCREENSHOTS = path.join(ROOT, 'test/web/screenshots');

/** Builds apps/web when its build is missing or stale (a hash check when it is not). */
export function ensureWebBuild(): void {
  execFileSync(process.execPath, ['tools/build-web.js'], { cwd: ROOT, stdio: 'pipe' });
}

/**
 * The real server in production mode (strict content policy, same-origin web app) on a fresh
 * database holding the demo workspace.
 */
export async function startWebApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  ensureWebBuild();
  const api = await startTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env });
  await seedDemo(api.app, { info: () => undefined });
  return api;
}

export function launchBrowser(): Promise<Browser> {
  // `npm test` installs it first (tools/chromium.js) or stops saying what to install
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run `node tools/chromium.js` or set CHROMIUM_PATH');
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

export async function apiSignIn(api: TestApp, email: string, password = DEMO_PASSWORD): Promise<Tokens> {
  const response = await api.graphql<{ signIn: Tokens }>(
    `mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken refreshToken expiresAt } }`,
    { email, password },
  );
  if (!response.data) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(response.errors)}`);
  return response.data.signIn;
}

/** A browser page already signed in as `email` (the tokens put where the app keeps them). */
export async function signedInPage(browser: Browser, api: TestApp, email: string, width = 1280): Promise<Page> {
  const tokens = await apiSignIn(api, email);
  const context = await browser.newContext({ viewport: { width, height: 860 }, baseURL: api.baseUrl });
  await context.addInitScript((session) => {
    if (!localStorage.getItem('greenlight.session')) localStorage.setItem('greenlight.session', session);
  }, JSON.stringify(tokens));
  const page = await context.newPage();
  watchForProblems(page);
  return page;
}

export async function newPage(browser: Browser, api: TestApp, width = 1280): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ viewport: { width, height: 860 }, baseURL: api.baseUrl });
  const page = await context.newPage();
  watchForProblems(page);
  return page;
}

/** Content-policy refusals and uncaught errors fail the test that caused them. */
function watchForProblems(page: Page): void {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message} at ${page.url()}\n${error.stack?.split("\n").slice(0, 4).join("\n")}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) problems.push(message.text());
  });
  (page as Page & { problems: string[] }).problems = problems;
}

export function problemsOf(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core over the page: the serious and critical violations, as readable lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')})`);
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Retries `read` until it returns `expected` (compared as JSON) or the time is up; returns the last value. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

/** A GraphQL call as the holder of `token`; throws on errors so a failed setup says why. */
export async function gql<T = any>(api: TestApp, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await api.graphql<T>(query, variables, bearer(token));
  if (response.errors?.length || !response.data) throw new Error(`GraphQL failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/**
 * Drags as a person does, step by step as the app confirms it: press on `from`, move past dnd-kit's
 * threshold and wait until the live region announces the drag, move onto `to` (measured after the
 * pick-up, since lifting changes the layout) until the announcement matches `over`, then release.
 * `offset` is where on the target to aim, from its top-left corner (its centre by default).
 */
export async function drag(
  page: Page,
  from: string,
  to: string,
  over: RegExp,
  offset?: (box: { width: number; height: number }) => { x: number; y: number },
): Promise<void> {
  const announced = page.locator('[id^="DndLiveRegion"]'); // visually hidden, so waited for attached
  const source = (await page.locator(from).boundingBox())!;
  const start = { x: source.x + source.width / 2, y: source.y + source.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x, start.y - 10, { steps: 5 });
  await announced.filter({ hasText: /\S/ }).waitFor({ state: 'attached' }); // picked up (or already over something)
  const target = (await page.locator(to).boundingBox())!;
  const aim = offset ? offset(target) : { x: target.width / 2, y: target.height / 2 };
  await page.mouse.move(target.x + aim.x, target.y + aim.y, { steps: 12 });
  await announced.filter({ hasText: over }).waitFor({ state: 'attached' });
  await page.mouse.up();
}

/** Events matched to an account through its e-mail domain, posted with a fresh usage API key. */
export async function postUsage(api: TestApp, adminToken: string, events: Record<string, unknown>[]): Promise<void> {
  const created = await gql(api, adminToken, 'mutation { createApiKey(name: "Web test generator", scopes: [USAGE_WRITE]) { key } }');
  const response = await fetch(`${api.baseUrl}/v1/usage/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${created.createApiKey.key}` },
    body: JSON.stringify({ events }),
  });
  const body = await response.json();
  if (body.accepted !== events.length) throw new Error(`usage refused: ${JSON.stringify(body)}`);
}
