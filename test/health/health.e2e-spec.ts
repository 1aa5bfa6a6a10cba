import { countStatements } from '../support/statements';
import { badFields, createAccount } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import {
  accountWithDomain,
  daysAgo,
  EVALUATE,
  healthWhen,
  healthWorld,
  HealthWorld,
  ingest,
  logInteraction,
} from './support';

const AT_RISK = `query($threshold: Int, $first: Int, $after: String) {
  accountsAtRisk(threshold: $threshold, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { account { id name } health { score level computedAt reasons { code message impact } } } }
  }
}`;

describe('account health over GraphQL', () => {
  let api: TestApp;
  let world: HealthWorld;
  let declining: { id: string; domain: string };
  let quiet: { id: string };

  beforeAll(async () => {
    api = await startTestApp();
    world = await healthWorld(api, 'Health');
    declining = await accountWithDomain(world.rep, 'Declining Studio');
    await ingest(api, world.usageKey, declining.domain, 60, 20);
    await ingest(api, world.usageKey, declining.domain, 10, 2);
    quiet = await createAccount(world.rep, { name: 'Quiet Network', kind: 'NETWORK' });
    await logInteraction(world.rep, quiet.id, new Date(daysAgo(41).getTime() - 3_600_000));
  });
  afterAll(() => api.close());

  it('gives a declining account a low score with the usage reason', async () => {
    // both batches rolled up (the worker may apply the older one first)
    const health = await healthWhen(world.rep, declining.id, (h) =>
      h.reasons.some((r) => r.code === 'USAGE_DOWN' && r.message.includes('(10 events vs 60)')),
    );
    expect(health.reasons).toContainEqual({
      code: 'USAGE_DOWN',
      message: 'usage down 83% over the last 14 days (10 events vs 60)',
      impact: -33,
    });
    expect(health.score).toBe(37);
    expect(health.level).toBe('AT_RISK');
  });

  it('names a silence of 41 days', async () => {
    const health = await healthWhen(world.rep, quiet.id, () => true);
    expect(health.reasons).toContainEqual({
      code: 'NO_RECENT_INTERACTION',
      message: 'no interaction in 41 days',
      impact: -14,
    });
    expect(health.score).toBe(70 - 14 - 5);
  });

  it('lists accounts under a threshold from the stored scores, lowest first, once evaluated', async () => {
    await healthWhen(world.rep, declining.id, (h) => h.reasons.some((r) => r.code === 'USAGE_DOWN'));
    const before = await world.rep.data(AT_RISK, { threshold: 101 });
    expect(before.accountsAtRisk.totalCount).toBe(0);
    await world.rep.data(EVALUATE);
    const atRisk = await world.as.EXECUTIVE.data(AT_RISK, {});
    expect(atRisk.accountsAtRisk.edges.map((e: any) => [e.node.account.name, e.node.health.score])).toEqual([
      ['Declining Studio', 37],
    ]);
    expect(atRisk.accountsAtRisk.edges[0].node.health.reasons[0].code).toBe('USAGE_DOWN');
    const all = await world.rep.data(AT_RISK, { threshold: 101, first: 1 });
    expect(all.accountsAtRisk.totalCount).toBe(2);
    const next = await world.rep.data(AT_RISK, {
      threshold: 101,
      first: 1,
      after: all.accountsAtRisk.pageInfo.endCursor,
    });
    expect(next.accountsAtRisk.edges.map((e: any) => e.node.account.name)).toEqual(['Quiet Network']);
  });

  it('refuses a threshold out of range, naming it', async () => {
    const response = await world.rep.call(AT_RISK, { threshold: 0 });
    expect(badFields(response)).toEqual(['threshold']);
  });

  it('reads health for 5 and for 50 accounts with the same number of statements', async () => {
    for (let i = 0; i < 48; i++)
      await createAccount(world.rep, { name: `Batch ${String(i).padStart(2, '0')}` });
    const page = (first: number) =>
      world.rep.data(
        `query($first: Int!) { accounts(first: $first) { edges { node { id health { score reasons { code } } } } } }`,
        {
          first,
        },
      );
    expect((await page(50)).accounts.edges).toHaveLength(50);
    // background work (the rollup worker) may run statements meanwhile: the fewest of a few runs counts
    const fewest = async (first: number) => {
      const counts: number[] = [];
      for (let i = 0; i < 3; i++) counts.push(await countStatements(() => page(first)));
      return Math.min(...counts);
    };
    expect(await fewest(50)).toBe(await fewest(5));
  });
});
