import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { createAccount, crmWorld, CrmWorld } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { changeStatus, createPilot, day } from '../pilots/support';
import { countStatements, requestStatements } from '../support/statements';
import { startTestApp, TestApp } from '../support/test-app';
import { waitForRollups } from '../telemetry/rollup-support';
import { createApiKey, postUsage } from '../telemetry/support';

const PIPELINE = '{ pipeline { accountCount stages { stage { key } accountCount } } }';
const USAGE = `query ($period: DashboardPeriod!) { usageDashboard(period: $period) {
  workspace { events generations activeUsers } accounts { events } } }`;
const PILOTS = `query ($period: DashboardPeriod!) { pilotsDashboard(period: $period) {
  activePilots { pilot { name account { name } } criteriaMet criteriaTotal budget { spentShare } } } }`;
const today = () => new Date().toISOString().slice(0, 10);

describe('dashboard answers kept per workspace and data version', () => {
  let api: TestApp;
  let world: CrmWorld;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApp();
    db = api.app.get(DataSource);
    world = await crmWorld(api, 'Cached Figures');
  });
  afterAll(() => api.close());

  it('answers a repeated question from the cache, and a changed one anew after any CRM write', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    await createAccount(rep, { name: 'Cached One' });
    let first: Record<string, any> = {};
    const computed = await countStatements(async () => (first = await rep.data(PIPELINE)));
    const again = await countStatements(async () => expect(await rep.data(PIPELINE)).toEqual(first));
    expect(again).toBeLessThan(computed);

    // through the API, and behind its back: both raise the version
    await createAccount(rep, { name: 'Cached Two' });
    expect((await rep.data(PIPELINE)).pipeline.accountCount).toBe(first.pipeline.accountCount + 1);
    await db.query(`UPDATE account SET archived_at = now() WHERE workspace_id = $1 AND name = 'Cached Two'`, [
      world.workspace.id,
    ]);
    expect((await rep.data(PIPELINE)).pipeline.accountCount).toBe(first.pipeline.accountCount);
  });

  it("reads the data version once per request, however many of the request's figures it checks", async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    const period = { from: today(), to: today() };
    const both = `query ($period: DashboardPeriod!) { pipeline { accountCount }
      usageDashboard(period: $period) { workspace { events activeUsers } accounts { events } unattributed { events } } }`;
    const versionReads = (statements: { sql: string }[]) =>
      statements.filter((statement) => statement.sql.includes('dashboard_data_version')).length;
    // computed: pipeline, series, distinct users and attribution each checked against one reading
    expect(versionReads(await requestStatements(() => rep.data(both, { period })))).toBe(1);
    expect(versionReads(await requestStatements(() => rep.data(both, { period })))).toBe(1);
  });

  it('answers usage anew once the rollup worker has applied new events, and keeps workspaces apart', async () => {
    const admin = await signIn(api, world.workspace.members[Role.ADMIN].email, undefined, world.workspace.slug);
    const key = await createApiKey(api, admin.accessToken);
    const rep = world.as[Role.PARTNERSHIPS];
    const period = { from: today(), to: today() };
    const post = (ids: string[]) =>
      postUsage(api, key, {
        events: ids.map((eventId) => ({ eventId, kind: 'generation.completed', userEmail: `${eventId}@cache.example` })),
      });
    await post(['c-1']);
    await waitForRollups(db);
    expect((await rep.data(USAGE, { period })).usageDashboard.workspace).toEqual({
      events: 1,
      generations: 1,
      activeUsers: 1,
    });
    await post(['c-2', 'c-3']);
    await waitForRollups(db);
    expect((await rep.data(USAGE, { period })).usageDashboard.workspace).toEqual({
      events: 3,
      generations: 3,
      activeUsers: 3,
    });

    const other = await crmWorld(api, 'Other Cached Figures');
    expect((await other.as[Role.PARTNERSHIPS].data(USAGE, { period })).usageDashboard.workspace.events).toBe(0);
  });
  it("keeps the active pilots' progress until the rollup worker applies new usage", async () => {
    const admin = await signIn(api, world.workspace.members[Role.ADMIN].email, undefined, world.workspace.slug);
    const key = await createApiKey(api, admin.accessToken);
    const rep = world.as[Role.PARTNERSHIPS];
    const account = await createAccount(rep, { name: 'Cached Pilot Account', domains: ['cached-pilot.example'] });
    const pilot = await createPilot(rep, {
      accountId: account.id,
      name: 'Cached pilot',
      startDate: day(-3),
      endDate: day(20),
      creditBudgetUsd: 100,
      criteria: [{ metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 2 }],
    });
    await changeStatus(rep, pilot.id, 'ACTIVE');
    const period = { from: day(-30), to: today() };
    const progress = async () =>
      (await rep.data(PILOTS, { period })).pilotsDashboard.activePilots.find(
        (row: { pilot: { name: string } }) => row.pilot.name === 'Cached pilot',
      );
    const before = {
      pilot: { name: 'Cached pilot', account: { name: 'Cached Pilot Account' } },
      criteriaMet: 0,
      criteriaTotal: 1,
      budget: { spentShare: 0 },
    };
    expect(await progress()).toEqual(before);
    // asked again: answered without reading a rollup, nor the pilots' accounts
    const again = await requestStatements(async () => expect(await progress()).toEqual(before));
    expect(again.filter((statement) => /usage_rollup|FROM "account"/.test(statement.sql))).toEqual([]);

    const events = ['p-1', 'p-2'].map((eventId) => ({
      eventId,
      kind: 'generation.completed',
      orgId: 'org-cached-pilot',
      userEmail: `${eventId}@cached-pilot.example`,
      costUsd: 25,
    }));
    expect((await postUsage(api, key, { events })).body.accepted).toBe(2);
    await waitForRollups(db);
    expect(await progress()).toEqual({ ...before, criteriaMet: 1, budget: { spentShare: 0.5 } });
  });
});
