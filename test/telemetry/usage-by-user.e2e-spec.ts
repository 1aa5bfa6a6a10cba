import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { callerFor, Caller, createAccount, createContact, crmWorld, CrmWorld } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { waitForRollups } from './rollup-support';
import { createApiKey, postUsage } from './support';

const DAY_MS = 86_400_000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
const BY_USER = `query ($from: String!, $to: String!, $accountId: ID, $first: Int) {
  usageSummary(from: $from, to: $to, accountId: $accountId) {
    totals { events activeUsers }
    byUser(first: $first) { userEmail events costUsd models contact { id name } } } }`;

/** Events of one user on one model and day, each costing `cost`. */
const events = (prefix: string, email: string | null, model: string, daysAgo: number, count: number, cost: number) =>
  Array.from({ length: count }, (_, i) => ({
    eventId: `${prefix}-${i}`,
    occurredAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
    kind: 'generation.completed',
    orgId: 'org-heron',
    userEmail: email,
    model,
    costUsd: cost,
  }));

describe('usage by user', () => {
  let api: TestApp;
  let world: CrmWorld;
  let other: CrmWorld;
  let rep: Caller;
  let heron: string;
  let anaContact: string;
  const today = dayOf(Date.now());

  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Userusage');
    other = await crmWorld(api, 'Otherusage');
    rep = world.as[Role.PARTNERSHIPS];
    heron = (await createAccount(rep, { name: 'Heron Films', domains: ['heron.example'] })).id;
    await createAccount(rep, { name: 'Kite Studio', domains: ['kite.example'] });
    anaContact = (await createContact(rep, { name: 'Ana Heron', emails: ['ana@heron.example'] })).id;
    const admin = (await signIn(api, world.workspace.members[Role.ADMIN].email)).accessToken;
    const key = await createApiKey(api, admin);
    // ana: 3 events on vidgen-2 today at 2 each, 1 on vidgen-3 40 days ago at 4; bo: 1 on vidgen-2 today at 2
    const batch = [
      ...events('ana-now', 'ana@heron.example', 'vidgen-2', 0, 3, 2),
      ...events('ana-old', 'ana@heron.example', 'vidgen-3', 40, 1, 4),
      ...events('bo-now', 'bo@heron.example', 'vidgen-2', 0, 1, 2),
      ...events('kite', 'cy@kite.example', 'vidgen-2', 0, 2, 2),
    ];
    expect((await postUsage(api, key, { events: batch })).body.accepted).toBe(batch.length);
    // the same address in another workspace stays there
    const otherAdmin = (await signIn(api, other.workspace.members[Role.ADMIN].email)).accessToken;
    await createAccount(other.as[Role.PARTNERSHIPS], { name: 'Heron Elsewhere', domains: ['heron.example'] });
    const otherKey = await createApiKey(api, otherAdmin);
    await postUsage(api, otherKey, { events: events('elsewhere', 'ana@heron.example', 'vidgen-9', 0, 5, 1) });
    await waitForRollups(api.app.get(DataSource));
  });
  afterAll(() => api.close());

  it("ranks an account's generator users by events over the window, with their models, spend and contact", async () => {
    const year = await rep.data(BY_USER, { from: dayOf(Date.now() - 364 * DAY_MS), to: today, accountId: heron });
    expect(year.usageSummary.totals).toEqual({ events: 5, activeUsers: 2 });
    expect(year.usageSummary.byUser).toEqual([
      {
        userEmail: 'ana@heron.example',
        events: 4,
        costUsd: 10,
        models: ['vidgen-2', 'vidgen-3'],
        contact: { id: anaContact, name: 'Ana Heron' },
      },
      { userEmail: 'bo@heron.example', events: 1, costUsd: 2, models: ['vidgen-2'], contact: null },
    ]);

    const month = await rep.data(BY_USER, { from: dayOf(Date.now() - 29 * DAY_MS), to: today, accountId: heron });
    expect(month.usageSummary.byUser.map((user: any) => [user.userEmail, user.events, user.costUsd])).toEqual([
      ['ana@heron.example', 3, 6],
      ['bo@heron.example', 1, 2],
    ]);

    const top = await rep.data(BY_USER, { from: today, to: today, accountId: heron, first: 1 });
    expect(top.usageSummary.byUser.map((user: any) => user.userEmail)).toEqual(['ana@heron.example']);
  });

  it("lists the workspace's users without an account, and nothing of another workspace", async () => {
    const executive = world.as[Role.EXECUTIVE];
    const { usageSummary } = await executive.data(BY_USER, { from: today, to: today });
    expect(usageSummary.byUser.map((user: any) => [user.userEmail, user.events])).toEqual([
      ['ana@heron.example', 3],
      ['cy@kite.example', 2],
      ['bo@heron.example', 1],
    ]);
    const elsewhere = await other.as[Role.PARTNERSHIPS].data(BY_USER, { from: today, to: today });
    expect(elsewhere.usageSummary.byUser).toEqual([
      { userEmail: 'ana@heron.example', events: 5, costUsd: 5, models: ['vidgen-9'], contact: null },
    ]);
  });

  it('refuses a page size out of bounds', async () => {
    const response = await callerFor(api, (await signIn(api, world.workspace.members[Role.ADMIN].email)).accessToken).call(
      BY_USER,
      { from: today, to: today, first: 101 },
    );
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
