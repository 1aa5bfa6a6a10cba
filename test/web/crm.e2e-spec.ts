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

/** The side navigation's links, the page heading each opens, and what shows the page has loaded. */
const NAVIGATION: { link: string; heading: string | RegExp; path: string }[] = [
  { link: 'Overview', heading: 'Overview', path: '/' },
  { link: 'My tasks', heading: 'My tasks', path: '/tasks' },
  { link: 'Dashboard', heading: 'Dashboard', path: '/dashboard' },
  { link: 'Pipeline', heading: 'Pipeline', path: '/pipeline' },
  { link: 'Accounts', heading: 'Accounts', path: '/accounts' },
  { link: 'Contacts', heading: 'Contacts', path: '/contacts' },
  { link: 'Interactions', heading: 'Interactions', path: '/interactions' },
  { link: 'Pilots', heading: 'Pilots', path: '/pilots' },
  { link: 'Beta access', heading: 'Beta access', path: '/beta-access' },
  { link: 'Alerts', heading: 'Alerts', path: '/alerts' },
  { link: 'Unmatched usage', heading: 'Unmatched usage', path: '/identities' },
  { link: 'Audit log', heading: 'Audit log', path: '/audit' },
  { link: 'Admin', heading: 'Admin', path: '/admin/members' },
];
const ADMIN_TABS: { tab: string; path: string }[] = [
  { tab: 'Members', path: '/admin/members' },
  { tab: 'Invitations', path: '/admin/invitations' },
  { tab: 'API keys', path: '/admin/api-keys' },
  { tab: 'Stages', path: '/admin/stages' },
  { tab: 'Import', path: '/admin/import' },
];

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Opens the side navigation first when it is folded behind the menu button (narrow screens). */
async function navigate(page: Page, link: string): Promise<void> {
  await page.locator('nav[aria-label="Main"]').waitFor({ state: 'attached' });
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) {
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  }
  await navLink(page, link).click();
}

/** A select of a filter bar, by the words of its label. */
function filterSelect(page: Page, label: string) {
  return page
    .locator('.filters label.field', { has: page.locator(`span:text-is("${label}")`) })
    .locator('select');
}

/** A side-navigation link by its label, whatever count badge follows it. */
function navLink(page: Page, label: string) {
  return page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: new RegExp(`^${label}\\b`) });
}

async function waitForPage(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await page.locator('.state-loading').first().waitFor({ state: 'detached' });
}

describe('web app: the CRM by clicking', () => {
  let api: TestApp;
  let browser: Browser;
  let token: string;
  beforeAll(async () => {
    [api, browser] = await Promise.all([startWebApp(), launchBrowser()]);
    token = (await apiSignIn(api, DEMO.admin)).accessToken;
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('reaches every page from the side navigation and every admin tab from the tabs, marking the current one', async () => {
    const page = await signedInPage(browser, api, DEMO.admin);
    await page.goto('/');
    for (const entry of NAVIGATION) {
      await navigate(page, entry.link);
      await waitForPage(page, entry.heading);
      expect([entry.link, pathOf(page)]).toEqual([entry.link, entry.path]);
      expect(await navLink(page, entry.link).getAttribute('aria-current')).toBe('page');
    }
    const tabs = page.getByRole('navigation', { name: 'Admin sections' });
    for (const { tab, path } of [...ADMIN_TABS, ...ADMIN_TABS.slice().reverse()]) {
      await tabs.getByRole('link', { name: tab }).click();
      await page.waitForURL((url) => url.pathname === path);
      expect(await tabs.getByRole('link', { name: tab }).getAttribute('aria-current')).toBe('page');
      expect(await page.getByText('There is no page here').count()).toBe(0);
    }
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('creates an account, adds an agent representing a talent there, logs a meeting from the agent and shows it on both timelines', async () => {
    const talent = (
      await gql(
        api,
        token,
        'mutation { createContact(input: { name: "Rosa Talentine", kind: TALENT }) { id } }',
      )
    ).createContact;
    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/');
    await navigate(page, 'Accounts');
    await waitForPage(page, 'Accounts');
    await page.getByRole('button', { name: 'New account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    // The dialog opens on its first field.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('name');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await dialog.getByText('Give the account a name.').waitFor();
    await dialog.getByLabel('Name').fill('Lumen Harbor Studios');
    await dialog.getByLabel('Kind').selectOption('STUDIO');
    await dialog.getByLabel('Website').fill('not a url');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    // The API's validation message, beside its field.
    const website = dialog.getByLabel('Website');
    await page.waitForFunction(
      () => document.querySelector('[name="website"]')?.getAttribute('aria-invalid') === 'true',
    );
    expect(await dialog.locator('.field-error').allTextContents()).toEqual([
      expect.stringMatching(/website/),
    ]);
    await website.fill('https://lumenharbor.example');
    await dialog.getByLabel('Region').fill('Los Angeles');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Lumen Harbor Studios', level: 1 }).waitFor();
    const accountId = pathOf(page).split('/').pop()!;

    await page.getByRole('button', { name: 'Add contact' }).click();
    const contactDialog = page.getByRole('dialog', { name: 'New contact at Lumen Harbor Studios' });
    await contactDialog.getByLabel('Name').fill('Max Agentry');
    await contactDialog.getByLabel('Kind').selectOption('AGENT');
    await contactDialog.getByLabel('Title').fill('Head of AI partnerships');
    await contactDialog.getByRole('combobox', { name: 'Represents (talent)' }).fill('Rosa Talen');
    await contactDialog.getByRole('option', { name: /Rosa Talentine/ }).click();
    await contactDialog.getByRole('button', { name: 'Create contact' }).click();
    await page.getByRole('heading', { name: 'Max Agentry', level: 1 }).waitFor();
    await page
      .getByRole('region', { name: 'Representation' })
      .getByRole('link', { name: 'Rosa Talentine' })
      .waitFor();
    const contactId = pathOf(page).split('/').pop()!;

    await page.getByRole('button', { name: 'Log interaction' }).last().click();
    const log = page.getByRole('dialog', { name: 'Log interaction' });
    await log.getByRole('button', { name: 'Remove Lumen Harbor Studios' }).waitFor();
    await log.getByRole('button', { name: 'Remove Max Agentry' }).waitFor();
    await log.getByLabel('Summary').fill('Walked Max through the talent likeness consent flow');
    await log.getByRole('button', { name: 'Save interaction' }).click();
    await log.waitFor({ state: 'detached' });
    // Focus returns to the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Log interaction');
    await page
      .locator('#timeline')
      .getByText('Walked Max through the talent likeness consent flow')
      .waitFor();

    await page.getByRole('link', { name: 'Lumen Harbor Studios' }).first().click();
    await page.getByRole('heading', { name: 'Lumen Harbor Studios', level: 1 }).waitFor();
    await page
      .locator('#timeline')
      .getByText('Walked Max through the talent likeness consent flow')
      .waitFor();
    await page
      .getByRole('region', { name: /Contacts/ })
      .getByRole('link', { name: 'Max Agentry' })
      .waitFor();

    // Inline editing, then archive and restore.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('form', { name: 'Edit Lumen Harbor Studios' });
    await edit.getByLabel('Tags').fill('priority, consent');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('priority, consent').waitFor();
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('button', { name: 'Archive' }).waitFor();

    const { account, contact } = await gql(
      api,
      token,
      `query ($a: ID!, $c: ID!) {
        account(id: $a) { name region website tags archivedAt positions { contact { id } current } }
        contact(id: $c) { kind title represents { talent { name } } }
        interactions(first: 1, filter: { contactId: $c }) { edges { node { summary accounts { id } } } }
      }`,
      { a: accountId, c: contactId },
    );
    expect(account).toEqual({
      name: 'Lumen Harbor Studios',
      region: 'Los Angeles',
      website: 'https://lumenharbor.example',
      tags: ['priority', 'consent'],
      archivedAt: null,
      positions: [{ contact: { id: contactId }, current: true }],
    });
    expect(contact).toEqual({
      kind: 'AGENT',
      title: 'Head of AI partnerships',
      represents: [{ talent: { name: 'Rosa Talentine' } }],
    });
    expect(talent.id).toBeTruthy();
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('offers the account’s people first in the attendee picker, warns about outsiders, and quick-adds a contact there', async () => {
    const { accounts } = await gql(
      api,
      token,
      '{ accounts(first: 1, filter: { text: "Granite" }) { edges { node { id name positions(current: true) { contact { name } } } } } }',
    );
    const granite = accounts.edges[0].node;
    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/');
    await navigate(page, 'Accounts');
    await waitForPage(page, 'Accounts');
    await page.getByRole('searchbox', { name: 'Name or domain' }).fill('Granite');
    await page.waitForURL(/q=Granite/);
    await page.getByRole('link', { name: granite.name }).click();
    await page.getByRole('heading', { name: granite.name, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Log interaction', exact: true }).last().click();
    const log = page.getByRole('dialog', { name: 'Log interaction' });
    const attendees = log.getByRole('combobox', { name: 'Attendees' });
    // Opened from the account, the dialog starts on the attendees.
    await expect(attendees.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    const options = log.getByRole('listbox', { name: 'Attendees' }).getByRole('option');
    await options.first().waitFor();
    const current = granite.positions.map((position: any) => position.contact.name);
    const firstNames = (await options.allTextContents()).slice(0, current.length);
    expect(firstNames.every((text) => current.some((name: string) => text.includes(name)))).toBe(true);

    await attendees.fill('Jane Quickadd');
    await log.getByRole('option', { name: `Add “Jane Quickadd” as a contact at ${granite.name}` }).click();
    await log.getByRole('button', { name: 'Remove Jane Quickadd' }).waitFor();
    const { contacts } = await gql(
      api,
      token,
      '{ contacts(first: 1, filter: { text: "Jane Quickadd" }) { edges { node { currentAccount { id } } } } }',
    );
    expect(contacts.edges[0].node.currentAccount.id).toBe(granite.id);

    const outsider = (
      await gql(
        api,
        token,
        'mutation { createContact(input: { name: "Olga Outsider", kind: PRODUCER }) { id } }',
      )
    ).createContact;
    expect(outsider.id).toBeTruthy();
    await attendees.fill('Olga Outsider');
    await log.getByRole('option', { name: /^Contact\s*Olga Outsider/ }).click();
    await log.getByText(`does not work at ${granite.name}`).waitFor();
    await page.keyboard.press('Escape');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('picks the best-ranked account in the account picker, typos included', async () => {
    const { accounts } = await gql(
      api,
      token,
      '{ accounts(first: 5, filter: { text: "Kestrel" }) { edges { node { name } } } }',
    );
    const names: string[] = accounts.edges.map((edge: any) => edge.node.name);
    const target = names.find((name) => /Stud/.test(name)) ?? names[0]!;
    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/');
    await page.getByRole('button', { name: /Log interaction/ }).click();
    const log = page.getByRole('dialog', { name: 'Log interaction' });
    const picker = log.getByRole('combobox', { name: 'Accounts' });
    await expect(picker.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    await picker.fill(target.split(' ')[0]!.replace('Kestrel', 'Kestral'));
    await log
      .getByRole('option', { name: new RegExp(target) })
      .first()
      .waitFor();
    await picker.fill(target.slice(0, target.indexOf(' ') + 5));
    await page.waitForFunction(
      (name) =>
        document
          .querySelector('[role="listbox"][aria-label="Accounts"] [aria-selected="true"]')
          ?.textContent?.includes(name),
      target,
    );
    await page.keyboard.press('Enter');
    await log.getByRole('button', { name: `Remove ${target}` }).waitFor();
    // Tab moves on to the next field and the list closes, inside the dialog.
    await page.keyboard.press('Tab');
    expect(await log.getByRole('listbox', { name: 'Accounts' }).isHidden()).toBe(true);
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  it('filters, sorts, pages and exports the accounts list, and edits in bulk', async () => {
    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/');
    await navigate(page, 'Accounts');
    await waitForPage(page, 'Accounts');
    const rows = page.locator('table.list-table tbody tr[data-row]');
    await rows.first().waitFor();
    const { accounts: all } = await gql(api, token, '{ accounts(first: 1) { totalCount } }');
    await page
      .getByRole('status')
      .filter({ hasText: ` of ${all.totalCount}` })
      .waitFor();
    if (all.totalCount > 50) {
      await page.getByRole('button', { name: 'Load more' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${Math.min(100, all.totalCount)} of ${all.totalCount}` })
        .waitFor();
    }

    await filterSelect(page, 'Kind').selectOption('STREAMER');
    const { accounts: streamers } = await gql(
      api,
      token,
      '{ accounts(first: 100, filter: { kinds: [STREAMER] }, sortBy: EXPECTED_ANNUAL_VALUE, sortDirection: DESC) { totalCount edges { node { name } } } }',
    );
    await page
      .getByRole('status')
      .filter({ hasText: ` of ${streamers.totalCount}` })
      .waitFor();
    await page.getByRole('button', { name: 'Expected value' }).click();
    await page.getByRole('button', { name: 'Expected value' }).click();
    await page.waitForURL(/dir=DESC/);
    await page.waitForFunction(
      (first) => document.querySelector('table.list-table tbody tr[data-row] td a')?.textContent === first,
      streamers.edges[0].node.name,
    );
    expect(new URL(page.url()).searchParams.get('kind')).toBe('STREAMER');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = fs
      .readFileSync((await (await download).path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv.length - 1).toBe(streamers.totalCount);
    for (const edge of streamers.edges) expect(csv.some((line) => line.includes(edge.node.name))).toBe(true);

    const picked = [streamers.edges[0].node.name, streamers.edges[1].node.name];
    for (const name of picked) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    const bulk = page.getByRole('form', { name: 'Bulk actions' });
    await bulk.getByLabel('Action').selectOption('tag');
    await bulk.getByLabel('Tag', { exact: true }).fill('q3-push');
    await bulk.getByRole('button', { name: 'Apply' }).click();
    await bulk.waitFor({ state: 'detached' });
    const { accounts: tagged } = await gql(
      api,
      token,
      '{ accounts(first: 10, filter: { tags: ["q3-push"] }) { edges { node { name } } } }',
    );
    expect(tagged.edges.map((edge: any) => edge.node.name).sort()).toEqual([...picked].sort());
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('saves a contacts view with a filter and chosen columns, applies it again and exports it', async () => {
    const { contacts: agents } = await gql(
      api,
      token,
      '{ contacts(first: 100, filter: { kinds: [AGENT] }) { totalCount edges { node { name } } } }',
    );
    const page = await signedInPage(browser, api, DEMO.partnerships);
    await page.goto('/');
    await navigate(page, 'Contacts');
    await waitForPage(page, 'Contacts');
    const count = (total: number) => page.getByRole('status').filter({ hasText: ` of ${total}` });
    await filterSelect(page, 'Kind').selectOption('AGENT');
    await count(agents.totalCount).waitFor();
    await page.getByText('Columns', { exact: true }).click();
    // the box follows the address, which changes a moment after the click
    await page.getByRole('group', { name: 'Columns shown' }).getByLabel('Email').click();
    await page.waitForURL(/cols=/);
    expect(await page.getByRole('columnheader', { name: 'Email' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Save view' }).click();
    const save = page.getByRole('form', { name: 'Save this view' });
    await save.getByLabel('Name').fill('Agents without email');
    await save.getByRole('button', { name: 'Save' }).click();
    await save.waitFor({ state: 'detached' });
    const viewSelect = page.getByRole('group', { name: 'View' }).getByLabel('View');
    await page.waitForFunction(() => {
      const select = document.querySelector<HTMLSelectElement>('.saved-views select');
      return select?.selectedOptions[0]?.textContent === 'Agents without email';
    });

    await viewSelect.selectOption({ label: 'Default' });
    await page.getByRole('columnheader', { name: 'Email' }).waitFor();
    expect(await filterSelect(page, 'Kind').inputValue()).toBe('');
    await viewSelect.selectOption({ label: 'Agents without email' });
    await count(agents.totalCount).waitFor();
    expect(await filterSelect(page, 'Kind').inputValue()).toBe('AGENT');
    expect(await page.getByRole('columnheader', { name: 'Email' }).count()).toBe(0);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = fs
      .readFileSync((await (await download).path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv.length - 1).toBe(agents.totalCount);
    for (const edge of agents.edges) expect(csv.some((line) => line.includes(edge.node.name))).toBe(true);

    const partnerships = (await apiSignIn(api, DEMO.partnerships)).accessToken;
    const { savedViews } = await gql(api, partnerships, '{ savedViews(list: CONTACTS) { name query } }');
    expect(savedViews).toEqual([
      { name: 'Agents without email', query: expect.stringContaining('kind=AGENT') },
    ]);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('shows a member their notifications: a task given to them, a mention and alerts on their accounts', async () => {
    const am = (await apiSignIn(api, DEMO.accountManager)).accessToken;
    const { me } = await gql(api, am, '{ me { member { id } user { name } } }');
    const { accounts } = await gql(
      api,
      token,
      '{ accounts(first: 1, sortBy: NAME) { edges { node { id name } } } }',
    );
    const account = accounts.edges[0].node;
    await gql(
      api,
      token,
      'mutation ($a: ID, $acc: ID) { createTask(input: { title: "Prepare the renewal deck", assigneeId: $a, accountId: $acc }) { id } }',
      { a: me.member.id, acc: account.id },
    );
    const summary = `Renewal call; @${me.user.name} owns the follow-up`;
    await gql(
      api,
      token,
      'mutation ($acc: ID!, $s: String!, $at: DateTime!) { logInteraction(input: { kind: CALL, occurredAt: $at, summary: $s, accountIds: [$acc] }) { interaction { id } } }',
      { acc: account.id, s: summary, at: new Date().toISOString() },
    );
    await gql(api, token, 'mutation { evaluateAlerts { raised } }');
    const { alerts } = await gql(
      api,
      am,
      'query ($me: ID!) { alerts(first: 20, ownerId: $me, status: OPEN) { edges { node { message account { owner { id } } } } } }',
      { me: me.member.id },
    );
    for (const { node } of alerts.edges) expect(node.account.owner.id).toBe(me.member.id);

    const page = await signedInPage(browser, api, DEMO.accountManager);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByTestId('unread-notifications').waitFor();
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await panel.getByText('Prepare the renewal deck').waitFor();
    if (alerts.edges.length) await panel.getByText(alerts.edges[0].node.message).first().waitFor();
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByTestId('unread-notifications').waitFor({ state: 'detached' });
    await panel.getByRole('link', { name: new RegExp(`mentioned you.*${summary.slice(0, 20)}`) }).click();
    await page.getByRole('heading', { name: account.name, level: 1 }).waitFor();
    expect(await panel.count()).toBe(0);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('completes a task from My tasks and undoes it', async () => {
    const { me } = await gql(
      api,
      (await apiSignIn(api, DEMO.accountManager)).accessToken,
      '{ me { member { id } } }',
    );
    const { createTask } = await gql(
      api,
      token,
      'mutation ($a: ID) { createTask(input: { title: "Send the consent template", assigneeId: $a, dueAt: "2020-01-01T12:00:00Z" }) { id } }',
      { a: me.member.id },
    );
    const page = await signedInPage(browser, api, DEMO.accountManager);
    await page.goto('/');
    await navigate(page, 'My tasks');
    await waitForPage(page, 'My tasks');
    await page.getByRole('button', { name: /Overdue/ }).click();
    await page.getByRole('checkbox', { name: 'Complete Send the consent template' }).check();
    await page.getByText('Completed “Send the consent template”.').waitFor();
    const status = async () =>
      (await gql(api, token, 'query ($id: ID!) { task(id: $id) { status } }', { id: createTask.id })).task
        .status;
    expect(await status()).toBe('DONE');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('checkbox', { name: 'Complete Send the consent template' }).waitFor();
    expect(await status()).toBe('OPEN');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('shows an admin the audit entry of a change, filtered by member and kind of record', async () => {
    const { accounts } = await gql(
      api,
      token,
      '{ accounts(first: 1, sortBy: NAME) { edges { node { id name } } } }',
    );
    const account = accounts.edges[0].node;
    const partnerships = await apiSignIn(api, DEMO.partnerships);
    await gql(
      api,
      partnerships.accessToken,
      'mutation ($id: ID!) { updateAccount(input: { id: $id, tier: "audited-tier" }) { id } }',
      { id: account.id },
    );
    const { me } = await gql(api, partnerships.accessToken, '{ me { member { id } } }');
    const page = await signedInPage(browser, api, DEMO.admin);
    await page.goto('/');
    await navigate(page, 'Audit log');
    await waitForPage(page, 'Audit log');
    await filterSelect(page, 'Member').selectOption(me.member.id);
    await filterSelect(page, 'Record kind').selectOption('account');
    const row = page.locator('tr[data-row]').filter({ hasText: 'audited-tier' });
    await row.first().waitFor();
    expect(await row.first().getByRole('link').getAttribute('href')).toBe(`/accounts/${account.id}`);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('warns before a re-invitation revokes the earlier link', async () => {
    const page = await signedInPage(browser, api, DEMO.admin);
    await page.goto('/');
    await navigate(page, 'Admin');
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'Invitations' })
      .click();
    const form = page.getByRole('form', { name: 'Invite someone' });
    await form.getByLabel('Email').fill('twice@example.com');
    await form.getByRole('button', { name: 'Create invitation' }).click();
    await page.getByText('Send this link to').waitFor();
    await page.getByRole('cell', { name: 'twice@example.com' }).waitFor();
    await form.getByLabel('Email').fill('twice@example.com');
    await form.getByText('Inviting again revokes that link').waitFor();
    await form.getByRole('button', { name: 'Revoke the earlier link and invite again' }).waitFor();
    await page.context().close();
  });

  describe.each([1280, 375])('every page at %i px', (width) => {
    let page: Page;
    beforeAll(async () => {
      page = await signedInPage(browser, api, DEMO.admin, width);
      await page.goto('/');
    });
    afterAll(async () => {
      expect(problemsOf(page)).toEqual([]);
      await page.context().close();
    });

    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const shotName = (path: string) =>
      `${path.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'overview'}-${width}`;

    it.each(NAVIGATION.map((entry) => [entry.link, entry] as const))(
      '%s fits the screen and has no serious or critical axe violation',
      async (_, entry) => {
        await navigate(page, entry.link);
        await waitForPage(page, entry.heading);
        await screenshot(page, shotName(entry.path));
        expect([entry.link, await overflow()]).toEqual([entry.link, 0]);
        expect(await seriousA11yViolations(page)).toEqual([]);
      },
    );

    it('every admin tab fits the screen', async () => {
      await navigate(page, 'Admin');
      const tabs = page.getByRole('navigation', { name: 'Admin sections' });
      for (const { tab, path } of ADMIN_TABS) {
        await tabs.getByRole('link', { name: tab }).click();
        await page.waitForURL((url) => url.pathname === path);
        await page.locator('.state-loading').first().waitFor({ state: 'detached' });
        await screenshot(page, shotName(path));
        expect([tab, await overflow()]).toEqual([tab, 0]);
      }
    });
  });
});
