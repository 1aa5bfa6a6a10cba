import { Browser, Page } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { createApiKey } from '../telemetry/support';
import { apiSignIn, bearer, DEMO, gql, launchBrowser, problemsOf, screenshot, seriousA11yViolations, signedInPage, startWebApp } from './support/web-app';

const DAY = 86_400_000;
const ymd = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, '');

/** An Apple-style export: a meeting with a contact and someone unknown at her studio, and a weekly series. */
function calendarFile(now: Date): string {
  const yesterday = ymd(new Date(now.getTime() - DAY));
  const lastMonth = ymd(new Date(now.getTime() - 28 * DAY));
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Apple Inc.//macOS 15.1//EN',
    'BEGIN:VEVENT',
    'UID:dubbing-review@capture-web.example',
    `DTSTART:${yesterday}T150000Z`,
    `DTEND:${yesterday}T160000Z`,
    'SUMMARY:Dubbing review with Harbor',
    'DESCRIPTION:Pilot scope\\nRender quotas',
    'ORGANIZER;CN=Partnerships:mailto:partnerships@demo.greenlight.dev',
    'ATTENDEE;CN=Rosa Vidal:mailto:rosa@harbor-pictures.example',
    'ATTENDEE;CN=Theo Marsh:mailto:theo@harbor-pictures.example',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:harbor-weekly@capture-web.example',
    `DTSTART:${lastMonth}T170000Z`,
    `DTEND:${lastMonth}T173000Z`,
    'RRULE:FREQ=WEEKLY;COUNT=3',
    'SUMMARY:Harbor weekly',
    'ATTENDEE;CN=Rosa Vidal:mailto:rosa@harbor-pictures.example',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

describe('web app: capture settings, review queue and captured interactions on the timeline', () => {
  let api: TestApp;
  let browser: Browser;
  let token: string;
  let accountId: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    token = (await apiSignIn(api, DEMO.partnerships)).accessToken;
    const { createAccount } = await gql(api, token, 'mutation { createAccount(input: { name: "Harbor Pictures", kind: STUDIO, domains: ["harbor-pictures.example"] }) { id } }');
    accountId = createAccount.id;
    await gql(api, token, 'mutation ($account: ID!) { createContact(input: { name: "Rosa Vidal", kind: EXECUTIVE, emails: ["rosa@harbor-pictures.example"], accountId: $account }) { id } }', {
      account: accountId,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  describe('at 1280 px', () => {
    let page: Page;
    beforeAll(async () => {
      page = await signedInPage(browser, api, DEMO.partnerships, 1280);
      page.on('dialog', (dialog) => dialog.accept());
    });
    afterAll(async () => {
      expect(problemsOf(page)).toEqual([]);
      await page.context().close();
    });

    it('shows the BCC address with a copy button, connects a calendar and says why it is refused, uploads an .ics, pauses and removes', async () => {
      await page.goto('/');
      await page.getByRole('navigation').getByRole('link', { name: 'Capture', exact: true }).click();
      await page.getByRole('heading', { name: 'Capture', exact: true }).waitFor();
      const bcc = (await page.getByTestId('bcc-address').textContent())!;
      expect(bcc).toMatch(/^log\+[0-9a-f]{30}@/);
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.getByRole('button', { name: 'Copy BCC address' }).click();
      await page.getByRole('button', { name: 'Copy BCC address' }).getByText('Copied').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bcc);

      const connect = page.getByRole('form', { name: 'Connect a calendar' });
      await connect.getByLabel('Name').fill('Loopback calendar');
      await connect.getByLabel('Secret iCal address').fill('http://127.0.0.1:9/calendar.ics');
      await connect.getByRole('button', { name: 'Connect' }).click();
      const loopback = page.getByRole('listitem', { name: 'Loopback calendar' });
      await loopback.getByText('Refused').waitFor();
      await loopback.getByText(/is a private or local address/).waitFor();

      const upload = page.getByRole('form', { name: 'Upload an .ics file' });
      await upload.getByLabel('Name (optional)').fill('Apple export');
      await upload.getByLabel(/\.ics file/).setInputFiles({ name: 'apple.ics', mimeType: 'text/calendar', buffer: Buffer.from(calendarFile(new Date())) });
      await upload.getByRole('button', { name: 'Upload' }).click();
      const apple = page.getByRole('listitem', { name: 'Apple export' });
      await apple.getByText('Working').waitFor();
      expect(await apple.locator('dt:has-text("Events imported") + dd').textContent()).toBe('4');

      await loopback.getByRole('button', { name: 'Pause' }).click();
      await loopback.getByText('Paused').waitFor();
      await loopback.getByRole('button', { name: 'Resume' }).waitFor();
      await loopback.getByRole('button', { name: 'Remove' }).click();
      await loopback.waitFor({ state: 'detached' });
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'capture-settings-1280');
    });

    it('shows captured meetings with their source on the account timeline, and excludes a series from there', async () => {
      await page.goto(`/accounts/${accountId}`);
      const meeting = page.locator('.timeline-entry', { hasText: 'Dubbing review with Harbor' });
      await meeting.getByText('From calendar').waitFor();
      const weekly = page.locator('.timeline-entry', { hasText: 'Harbor weekly' });
      expect(await weekly.count()).toBe(3);
      await weekly.first().getByRole('button', { name: 'Exclude the series' }).click();
      await weekly.first().waitFor({ state: 'detached' });
      await meeting.getByText('From calendar').waitFor();
      expect(await page.locator('.timeline-entry', { hasText: 'Harbor weekly' }).count()).toBe(0);
    });

    it('accepts and dismisses in bulk on the review page, and captures an excluded series again', async () => {
      const admin = (await apiSignIn(api, DEMO.admin)).accessToken;
      const key = await createApiKey(api, admin, ['MAIL_WRITE']);
      const { captureSettings } = await gql(api, token, '{ captureSettings { bccAddress } }');
      for (const [i, from] of ['Ines Duarte <ines@lumen-agency.example>', 'Kofi Mensah <kofi@brightline-talent.example>'].entries()) {
        const raw = [`From: ${from}`, 'To: partnerships@demo.greenlight.dev', `Bcc: ${captureSettings.bccAddress}`, `Subject: Introduction ${i + 1}`,
          `Message-ID: <intro-${i}@capture-web.example>`, 'Content-Type: text/plain; charset=utf-8', '', 'Glad to connect.', ''].join('\r\n'); // prettier-ignore
        const response = await fetch(`${api.baseUrl}/v1/capture/mail`, { method: 'POST', headers: { 'content-type': 'message/rfc822', ...bearer(key) }, body: raw });
        expect(response.status).toBe(200);
      }

      await page.goto('/');
      await page.getByRole('navigation').getByRole('link', { name: 'Capture review' }).click();
      const contacts = page.getByRole('region', { name: /Suggested contacts/ });
      await contacts.getByText('theo@harbor-pictures.example').waitFor();
      await contacts.getByLabel('Select theo@harbor-pictures.example').check();
      await contacts.getByRole('button', { name: 'Accept 1' }).click();
      await contacts.getByText('No suggested contact.').waitFor();
      const { contacts: found } = await gql(api, token, 'query ($account: ID!) { contacts(first: 5, filter: { accountId: $account }) { edges { node { name } } } }', {
        account: accountId,
      });
      expect(found.edges.map((edge: { node: { name: string } }) => edge.node.name)).toContain('Theo Marsh');

      const messages = page.getByRole('region', { name: /Unmatched messages/ });
      await messages.getByText('Introduction 2').waitFor();
      await messages.getByLabel('Select all').check();
      await messages.getByRole('button', { name: 'Dismiss 2' }).click();
      await messages.getByText('No unmatched message.').waitFor();

      const excluded = page.getByRole('region', { name: /Excluded events/ });
      await excluded.getByText('Harbor weekly').waitFor();
      await excluded.getByText('The whole series').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await excluded.getByRole('button', { name: 'Capture again' }).click();
      await excluded.getByText('No excluded event.').waitFor();
    });
  });

  describe('at 375 px', () => {
    let page: Page;
    beforeAll(async () => {
      page = await signedInPage(browser, api, DEMO.partnerships, 375);
    });
    afterAll(async () => {
      expect(problemsOf(page)).toEqual([]);
      await page.context().close();
    });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    it.each([
      ['/capture', 'Capture', 'capture-settings-375'],
      ['/capture-review', 'Capture review', 'capture-review-375'],
    ])('%s fits the screen and has no serious or critical axe violation', async (path, heading, shot) => {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.locator('.state-loading').first().waitFor({ state: 'detached' });
      await screenshot(page, shot);
      expect([path, await overflow()]).toEqual([path, 0]);
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
  });
});
