import { Browser, Page } from 'playwright-core';
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

const DAY_MS = 86_400_000;

/** A side-navigation link by its label, whatever count badge follows it. */
function navLink(page: Page, label: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: new RegExp(`^${label}\\b`) });
}

/** Opens a list page from the side navigation and waits for its rows. */
async function openList(page: Page, label: string): Promise<void> {
  await navLink(page, label).click();
  await page.getByRole('heading', { name: label, level: 1 }).waitFor();
  await page.locator('.state-loading').first().waitFor({ state: 'detached' });
}

describe('web app: usage by user, bulk actions and notification read state, by clicking', () => {
  let api: TestApp;
  let browser: Browser;
  let adminToken: string;
  beforeAll(async () => {
    [api, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    adminToken = (await apiSignIn(api, DEMO.admin)).accessToken;
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it("shows an account's usage by user for the period chosen", async () => {
    const domain = 'wrenfield-studio.example';
    const { createAccount: account } = await gql(
      api,
      adminToken,
      `mutation { createAccount(input: { name: "Wrenfield Studio", kind: STUDIO, domains: ["${domain}"] }) { id } }`,
    );
    await gql(
      api,
      adminToken,
      `mutation { createContact(input: { name: "Mara Wren", kind: EXECUTIVE, emails: ["mara@${domain}"] }) { id } }`,
    );
    const event = (n: number, email: string, daysAgo: number) => ({
      eventId: `wren-${n}`,
      kind: 'generation.completed',
      occurredAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
      userEmail: email,
      model: 'vidgen-3',
      costUsd: 3,
    });
    await postUsage(api, adminToken, [
      event(1, `mara@${domain}`, 1),
      event(2, `mara@${domain}`, 2),
      event(3, `olek@${domain}`, 200),
    ]);
    const read = async () =>
      (
        await gql(
          api,
          adminToken,
          'query ($a: ID!, $f: String!, $t: String!) { usageSummary(accountId: $a, from: $f, to: $t) { totals { events } } }',
          { a: account.id, f: new Date(Date.now() - 364 * DAY_MS).toISOString().slice(0, 10), t: new Date().toISOString().slice(0, 10) },
        )
      ).usageSummary.totals.events;
    expect(await eventually(read, 3, 20_000)).toBe(3);

    const page = await signedInPage(browser, api, DEMO.accountManager);
    await page.goto('/');
    await openList(page, 'Accounts');
    await page.getByLabel('Name or domain').fill('Wrenfield');
    await page.getByRole('link', { name: 'Wrenfield Studio' }).click();
    const usage = page.getByRole('region', { name: 'Usage' });
    const byUser = usage.getByRole('table', { name: /By user/ });
    await byUser.waitFor();
    expect(await byUser.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^Mara Wren mara@wrenfield-studio\.example\s+2\s+\$6\s+vidgen-3$/),
    ]);
    await usage.getByRole('button', { name: 'A year' }).click();
    await byUser.getByRole('rowheader', { name: `olek@${domain}` }).waitFor();
    expect(await byUser.locator('tbody tr').count()).toBe(2);
    await byUser.getByRole('link', { name: 'Mara Wren' }).click();
    await page.getByRole('heading', { name: 'Mara Wren', level: 1 }).waitFor();
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('keeps which notifications a member has read on the server: one by one, unread again, all at once', async () => {
    const am = (await apiSignIn(api, DEMO.accountManager)).accessToken;
    const { me } = await gql(api, am, '{ me { member { id } } }');
    await gql(
      api,
      adminToken,
      'mutation ($a: ID) { createTask(input: { title: "Check the Osprey reel", assigneeId: $a }) { id } }',
      { a: me.member.id },
    );
    const unreadNow = async () => (await gql(api, am, '{ unreadNotificationCount }')).unreadNotificationCount as number;
    const before = await unreadNow();
    expect(before).toBeGreaterThan(0);

    const page = await signedInPage(browser, api, DEMO.accountManager);
    await page.goto('/');
    const badge = page.getByTestId('unread-notifications');
    await badge.getByText(String(before)).waitFor();
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    const item = panel.locator('li', { hasText: 'Check the Osprey reel' });
    await item.getByRole('button', { name: 'Mark read: Task for you' }).click();
    await item.getByRole('button', { name: 'Mark unread: Task for you' }).waitFor();
    await badge.getByText(String(before - 1)).waitFor();
    expect(await unreadNow()).toBe(before - 1);

    // another browser of the same member sees the same state
    const elsewhere = await signedInPage(browser, api, DEMO.accountManager);
    await elsewhere.goto('/');
    await elsewhere.getByTestId('unread-notifications').getByText(String(before - 1)).waitFor();
    await elsewhere.getByRole('button', { name: /^Notifications/ }).click();
    const otherPanel = elsewhere.getByRole('region', { name: 'Notifications' });
    await otherPanel
      .locator('li', { hasText: 'Check the Osprey reel' })
      .getByRole('button', { name: 'Mark unread: Task for you' })
      .click();
    await elsewhere.getByTestId('unread-notifications').getByText(String(before)).waitFor();
    await otherPanel.getByRole('button', { name: 'Mark all read' }).click();
    await elsewhere.getByTestId('unread-notifications').waitFor({ state: 'detached' });
    await otherPanel.getByText('All read').waitFor();
    expect(await unreadNow()).toBe(0);
    await elsewhere.context().close();

    // the first browser catches up on its next navigation
    await page.keyboard.press('Escape');
    await navLink(page, 'My tasks').click();
    await page.getByRole('heading', { name: 'My tasks', level: 1 }).waitFor();
    await badge.waitFor({ state: 'detached' });
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('edits contacts, tasks and interactions in bulk from their lists: select rows or all shown, then apply', async () => {
    const rep = (await apiSignIn(api, DEMO.partnerships)).accessToken;
    const am = (await apiSignIn(api, DEMO.accountManager)).accessToken;
    const { me: manager } = await gql(api, am, '{ me { member { id } user { name } } }');
    const { me } = await gql(api, rep, '{ me { member { id } } }');
    for (const name of ['Bulkline Ada', 'Bulkline Bo', 'Bulkline Cy'])
      await gql(api, adminToken, 'mutation ($n: String!) { createContact(input: { name: $n, kind: EXECUTIVE }) { id } }', { n: name });
    const taskIds: string[] = [];
    for (const title of ['Bulkline task one', 'Bulkline task two'])
      taskIds.push(
        (
          await gql(api, adminToken, 'mutation ($t: String!, $a: ID) { createTask(input: { title: $t, assigneeId: $a }) { id } }', {
            t: title,
            a: me.member.id,
          })
        ).createTask.id,
      );
    const account = async (name: string) =>
      (await gql(api, adminToken, 'mutation ($n: String!) { createAccount(input: { name: $n, kind: STUDIO }) { id } }', { n: name }))
        .createAccount.id as string;
    const wrong = await account('Bulkline Wrong Pictures');
    const right = await account('Bulkline Right Pictures');
    const interactionIds: string[] = [];
    for (const summary of ['Bulkline screening notes', 'Bulkline pricing call'])
      interactionIds.push(
        (
          await gql(
            api,
            adminToken,
            'mutation ($a: ID!, $s: String!) { logInteraction(input: { kind: CALL, occurredAt: "2026-11-20T10:00:00Z", summary: $s, accountIds: [$a] }) { interaction { id } } }',
            { a: wrong, s: summary },
          )
        ).logInteraction.interaction.id,
      );

    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/');
    const bulk = page.getByRole('form', { name: 'Bulk actions' });
    const rows = page.locator('table.list-table tbody tr[data-row]');
    const counted = (text: string) => page.locator('.table-footer [role=status]').getByText(text, { exact: true }).waitFor();

    // contacts: an owner for two of them, then archive every one shown
    await openList(page, 'Contacts');
    await page.getByLabel('Name or email').fill('Bulkline');
    await counted('3 of 3');
    await page.getByRole('checkbox', { name: 'Select Bulkline Ada' }).check();
    await page.getByRole('checkbox', { name: 'Select Bulkline Bo' }).check();
    await bulk.getByText('2 selected').waitFor();
    await bulk.getByLabel('Action').selectOption('owner');
    await bulk.locator('select[name=owner]').selectOption({ label: manager.user.name });
    await bulk.getByRole('button', { name: 'Apply' }).click();
    await bulk.waitFor({ state: 'detached' });
    await rows.filter({ hasText: 'Bulkline Ada' }).getByText(manager.user.name).waitFor();
    await rows.filter({ hasText: 'Bulkline Bo' }).getByText(manager.user.name).waitFor();
    expect(await rows.filter({ hasText: 'Bulkline Cy' }).getByText(manager.user.name).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await bulk.getByText('3 selected').waitFor();
    await bulk.getByLabel('Action').selectOption('archive');
    await bulk.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No contact matches these filters.').waitFor();

    // tasks: complete both from My tasks
    await openList(page, 'My tasks');
    await page.getByLabel('Words').fill('Bulkline');
    await counted('2 of 2');
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await bulk.getByLabel('Action').selectOption('complete');
    await bulk.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Nothing to do here.').waitFor();
    for (const id of taskIds)
      expect((await gql(api, rep, 'query ($id: ID!) { task(id: $id) { status } }', { id })).task.status).toBe('DONE');

    // interactions: moved to the right account
    await navLink(page, 'Interactions').click();
    await page.getByRole('heading', { name: 'Interactions', level: 1 }).waitFor();
    await page.getByLabel('Words').fill('Bulkline');
    await counted('2 of 2');
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await bulk.getByLabel('Action').selectOption('move');
    await bulk.getByRole('combobox', { name: 'Account' }).fill('Bulkline Right');
    await bulk.getByRole('option', { name: /Bulkline Right Pictures/ }).click();
    await bulk.getByRole('button', { name: 'Apply' }).click();
    await bulk.waitFor({ state: 'detached' });
    await rows.filter({ hasText: 'Bulkline Right Pictures' }).nth(1).waitFor();
    expect(await rows.filter({ hasText: 'Bulkline Wrong Pictures' }).count()).toBe(0);
    for (const id of interactionIds) {
      const { interaction } = await gql(api, rep, 'query ($id: ID!) { interaction(id: $id) { accounts { id } } }', { id });
      expect(interaction.accounts).toEqual([{ id: right }]);
    }
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
