import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { badFields, crmWorld, CrmWorld } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import { allPages, DAY, Filter, filtersOf, matches, RawRows, seedPipeline } from './support';

const PIPELINE = `query ($at: DateTime, $filter: DashboardFilter) {
  pipeline(at: $at, filter: $filter) { at accountCount stages { stage { id key } accountCount expectedAnnualValue { currency amount } } }
}`;
const DRILL = `query ($at: DateTime, $filter: DashboardFilter, $after: String) {
  pipeline(at: $at, filter: $filter) { stages { stage { id } accounts(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }
}`;

describe('pipeline dashboard', () => {
  let api: TestApp;
  let world: CrmWorld;
  let raw: RawRows;
  let instants: Date[];

  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Pipeline Figures');
    ({ instants } = await seedPipeline(api, world, 7));
    // Another workspace's accounts and history, which no figure of the first may count.
    await seedPipeline(api, await crmWorld(api, 'Other Figures'), 8, 9);
    raw = new RawRows(api.app.get(DataSource), world.workspace.id);
  });
  afterAll(() => api.close());
  const exec = () => world.as[Role.EXECUTIVE];

  /** Recomputed from raw rows: each account's stage at T is the target of its last move at or before T. */
  async function expected(at: Date, filter: Filter) {
    const [stages, accounts, transitions] = await Promise.all([raw.stages(), raw.accounts(), raw.transitions()]);
    const stageAt = new Map<string, { stageId: string; at: number }>();
    for (const t of transitions) {
      if (t.at.getTime() > at.getTime()) continue;
      const seen = stageAt.get(t.account_id);
      if (!seen || t.at.getTime() > seen.at) stageAt.set(t.account_id, { stageId: t.to_stage_id, at: t.at.getTime() });
    }
    const figures = new Map<string, { count: number; values: Record<string, number> }>();
    for (const account of accounts.filter((a) => matches(a, filter) && stageAt.has(a.id))) {
      const stageId = stageAt.get(account.id)!.stageId;
      const figure = figures.get(stageId) ?? { count: 0, values: {} };
      figures.set(stageId, figure);
      figure.count++;
      if (account.expected_annual_value !== null)
        figure.values[account.currency] = (figure.values[account.currency] ?? 0) + Number(account.expected_annual_value);
    }
    return stages
      .filter((stage) => !stage.archived_at || figures.has(stage.id))
      .sort((a, b) => a.position - b.position)
      .map((stage) => ({
        stageId: stage.id,
        accountCount: figures.get(stage.id)?.count ?? 0,
        values: Object.entries(figures.get(stage.id)?.values ?? {})
          .map(([currency, amount]) => ({ currency, amount: Math.round(amount * 100) / 100 }))
          .sort((a, b) => a.currency.localeCompare(b.currency)),
      }));
  }

  const actual = (pipeline: any) =>
    pipeline.stages.map((row: any) => ({
      stageId: row.stage.id,
      accountCount: row.accountCount,
      values: [...row.expectedAnnualValue].sort((a: any, b: any) => a.currency.localeCompare(b.currency)),
    }));

  it('equals the stages recomputed from the transitions, now and at past instants, for every filter', async () => {
    const now = new Date();
    const pasts = [...instants, new Date(now.getTime() - 300 * DAY), new Date(now.getTime() - 120 * DAY), new Date(now.getTime() - 20 * DAY)];
    expect(pasts.length).toBeGreaterThanOrEqual(4);
    const occupied = new Set<string>();
    for (const filter of filtersOf(world)) {
      const current = await exec().data(PIPELINE, { filter });
      expect([filter, actual(current.pipeline)]).toEqual([filter, await expected(new Date(), filter)]);
      expect(current.pipeline.at).toBeNull();
      for (const at of pasts) {
        const past = await exec().data(PIPELINE, { at: at.toISOString(), filter });
        expect([filter, at, actual(past.pipeline)]).toEqual([filter, at, await expected(at, filter)]);
        for (const stage of past.pipeline.stages) if (stage.accountCount > 0) occupied.add(stage.stage.id);
        expect(past.pipeline.accountCount).toBe(
          past.pipeline.stages.reduce((sum: number, stage: any) => sum + stage.accountCount, 0),
        );
      }
    }
    expect(occupied.size).toBeGreaterThanOrEqual(6);
  });

  it('counts a move made exactly at the instant asked for', async () => {
    const at = instants[0];
    const { pipeline } = await exec().data(PIPELINE, { at: at.toISOString() });
    expect(actual(pipeline)).toEqual(await expected(at, {}));
    const before = await exec().data(PIPELINE, { at: new Date(at.getTime() - 1).toISOString() });
    expect(actual(before.pipeline)).not.toEqual(actual(pipeline));
  });

  it('drills down from every stage to exactly the accounts counted, a page at a time', async () => {
    const at = new Date(Date.now() - 120 * DAY).toISOString();
    for (const filter of [{}, { kinds: ['STUDIO', 'NETWORK'] }] as Filter[]) {
      const { pipeline } = await exec().data(PIPELINE, { at, filter });
      for (const row of pipeline.stages) {
        const ids = await allPages(async (after) => {
          const page = await exec().data(DRILL, { at, filter, after });
          return page.pipeline.stages.find((s: any) => s.stage.id === row.stage.id).accounts;
        });
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(row.accountCount);
        const accounts = await raw.accounts();
        for (const id of ids) expect(matches(accounts.find((a) => a.id === id)!, filter)).toBe(true);
      }
    }
  });

  it('refuses an instant in the future, naming the argument', async () => {
    const response = await exec().call(PIPELINE, { at: new Date(Date.now() + DAY).toISOString() });
    expect(badFields(response)).toEqual(['at']);
  });
});
