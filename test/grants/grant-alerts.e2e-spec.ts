import { DataSource } from 'typeorm';
import { createAccount, createContact } from '../crm/support';
import { EVALUATE, healthWorld, HealthWorld, ingest } from '../health/support';
import { startTestApp, TestApp } from '../support/test-app';
import { waitForRollups } from '../telemetry/rollup-support';
import { createGrant, day } from './support';

const GRANT_ALERTS = `query($accountId: ID) { alerts(accountId: $accountId, first: 100) { edges { node {
  kind status severity message grant { id } account { id } } } } }`;

describe('grant alerts', () => {
  let api: TestApp;
  let world: HealthWorld;

  beforeAll(async () => {
    api = await startTestApp({ ALERT_GRANT_CREDIT_PERCENT: '75' });
    world = await healthWorld(api, 'Grant alerts');
  });
  afterAll(() => api.close());

  it('opens alerts for a grant near its credit limit, one ending while in use and a dormant one of a strategic account', async () => {
    const rep = world.rep;
    const busy = await createAccount(rep, { name: 'Busy Studio', domains: ['busy-grants.example'] });
    const nearLimit = await createGrant(rep, {
      accountId: busy.id,
      status: 'ACTIVE',
      creditUnit: 'USD',
      creditLimit: 10,
    });
    const ending = await createGrant(rep, { accountId: busy.id, status: 'ACTIVE', expiresOn: day(3) });
    const strategic = await createAccount(rep, { name: 'Strategic Studio', tier: 'strategic' });
    const star = await createContact(rep, {
      name: 'Idle Star',
      emails: ['idle@star.example'],
      accountId: strategic.id,
    });
    const dormant = await createGrant(rep, { contactId: star.id, status: 'ACTIVE', startsOn: day(-20) });
    const quietGrowth = await createAccount(rep, { name: 'Growth Studio', tier: 'growth' });
    await createGrant(rep, { accountId: quietGrowth.id, status: 'ACTIVE', startsOn: day(-20) });
    await ingest(api, world.usageKey, 'busy-grants.example', 4, 0, { costUsd: 2 });
    const spendy = await createAccount(rep, { name: 'Spendy Studio', domains: ['spendy-grants.example'] });
    const spender = await createContact(rep, {
      name: 'Lea Spender',
      emails: ['lea@spendy-grants.example'],
      accountId: spendy.id,
    });
    const personNearLimit = await createGrant(rep, {
      contactId: spender.id,
      status: 'ACTIVE',
      creditUnit: 'USD',
      creditLimit: 5,
    });
    // the person alone on this model: their estimated spend is exactly 3 × $1.50 = $4.50, 90% of $5
    await ingest(api, world.usageKey, 'spendy-grants.example', 3, 0, {
      userEmail: 'lea@spendy-grants.example',
      costUsd: 1.5,
      model: 'spendy-solo',
    });
    await waitForRollups(api.app.get(DataSource));

    await rep.data(EVALUATE);
    const alerts = async (accountId: string) =>
      (await rep.data(GRANT_ALERTS, { accountId })).alerts.edges
        .map((edge: any) => edge.node)
        .filter((alert: any) => alert.grant)
        .map((alert: any) => [alert.kind, alert.grant.id, alert.severity]);
    expect((await alerts(busy.id)).sort()).toEqual(
      [
        ['GRANT_CREDIT_NEARLY_SPENT', nearLimit.id, 'WARNING'],
        ['GRANT_EXPIRING_IN_USE', ending.id, 'WARNING'],
      ].sort(),
    );
    expect(await alerts(strategic.id)).toEqual([['GRANT_DORMANT', dormant.id, 'WARNING']]);
    expect(await alerts(spendy.id)).toEqual([['GRANT_CREDIT_NEARLY_SPENT', personNearLimit.id, 'WARNING']]);
    expect(await alerts(quietGrowth.id)).toEqual([]);

    await rep.data(`mutation($input: ChangeGrantStatusInput!) { changeGrantStatus(input: $input) { id } }`, {
      input: { id: dormant.id, status: 'REVOKED', reason: 'never used' },
    });
    await rep.data(EVALUATE);
    const { alerts: after } = await rep.data(
      `query($accountId: ID) { alerts(accountId: $accountId, status: RESOLVED) { edges { node { kind grant { id } } } } }`,
      { accountId: strategic.id },
    );
    expect(after.edges.map((edge: any) => edge.node)).toEqual([
      { kind: 'GRANT_DORMANT', grant: { id: dormant.id } },
    ]);
  });
});
