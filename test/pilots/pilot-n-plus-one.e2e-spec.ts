import { countStatements } from '../support/statements';
import { Role } from '@greenlight/identity';
import { createAccount, crmWorld, CrmWorld } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import { changeStatus, createPilot, day } from './support';

const LIST = `query($first: Int!) {
  pilots(first: $first, sortBy: NAME) {
    edges { node {
      id name account { name } owner { id }
      statusHistory { toStatus by { id } pilot { name } }
      budget { spentUsd spentShare } daysLeft elapsedShare criteriaMet criteriaTotal
      criteria { metric currentValue met progress trend { direction } evaluationWindow { from to } manualSetBy { id } pilot { id } }
    } }
  }
}`;

describe('no N+1 in nested pilot fields', () => {
  let api: TestApp;
  let world: CrmWorld;

  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Pilot batching');
    const am = world.as[Role.ACCOUNT_MANAGER];
    const accounts = [];
    for (let i = 0; i < 10; i++) accounts.push(await createAccount(am, { name: `Batch Studio ${i}` }));
    // Pilots run in three cohorts of dates; names interleave them, so any page holds all three.
    const cohorts = [
      [day(-30), day(15)],
      [day(-12), day(40)],
      [day(-5), day(25)],
    ];
    for (let i = 0; i < 50; i++) {
      const [startDate, endDate] = cohorts[i % 3];
      const pilot = await createPilot(am, {
        accountId: accounts[i % 10].id,
        name: `Batch Pilot ${String(i).padStart(2, '0')}`,
        startDate,
        endDate,
        criteria: [
          { metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 100 },
          { metric: 'SUCCESS_RATE', comparator: 'AT_LEAST', target: 0.9 },
          { metric: 'MANUAL', label: 'Editors happy' },
        ],
      });
      if (i % 2 === 0) await changeStatus(am, pilot.id, 'ACTIVE', 'go');
    }
  }, 120_000);
  afterAll(() => api.close());

  it('runs the same number of statements for 5 and for 50 pilots with their criteria', async () => {
    const am = world.as[Role.ACCOUNT_MANAGER];
    await am.data(LIST, { first: 3 }); // warm-up
    let small: any;
    let large: any;
    const five = await countStatements(async () => (small = await am.data(LIST, { first: 5 })));
    const fifty = await countStatements(async () => (large = await am.data(LIST, { first: 50 })));
    expect(small.pilots.edges).toHaveLength(5);
    expect(large.pilots.edges).toHaveLength(50);
    expect(large.pilots.edges.every((edge: any) => edge.node.criteria.length === 3)).toBe(true);
    expect(large.pilots.edges.filter((edge: any) => edge.node.statusHistory.length === 2)).toHaveLength(25);
    expect(fifty).toBe(five);
    expect(five).toBeLessThan(25);
  });

  it('loads Account.pilots for a page of accounts in one batch', async () => {
    const am = world.as[Role.ACCOUNT_MANAGER];
    const QUERY = `query($first: Int!) { accounts(first: $first) { edges { node { name pilots { name criteria { met } } } } } }`;
    await am.data(QUERY, { first: 2 });
    const two = await countStatements(() => am.data(QUERY, { first: 2 }));
    let all: any;
    const ten = await countStatements(async () => (all = await am.data(QUERY, { first: 10 })));
    expect(all.accounts.edges.every((edge: any) => edge.node.pilots.length === 5)).toBe(true);
    expect(ten).toBe(two);
  });
});
