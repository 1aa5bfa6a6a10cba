import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { badFields, crmWorld, CrmWorld } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import { allPages, Filter, filtersOf, matches, pick, random, RawRows, seedPipeline } from './support';

const VIEW = `query ($filter: DashboardFilter, $statuses: [CompetitorStatus!]) {
  competitiveView(filter: $filter, statuses: $statuses) { vendor accountCount byStage { stage { id } accountCount } }
}`;
const DRILL = `query ($filter: DashboardFilter, $after: String) {
  competitiveView(filter: $filter) { vendor byStage { stage { id } accounts(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }
}`;

describe('competitive view', () => {
  let api: TestApp;
  let world: CrmWorld;
  let db: DataSource;
  let raw: RawRows;

  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Rival Figures');
    db = api.app.get(DataSource);
    raw = new RawRows(db, world.workspace.id);
    const { accountIds } = await seedPipeline(api, world, 5, 14);
    const rng = random(41);
    for (const accountId of accountIds) {
      for (const vendor of ['Runway', 'Sora', 'Pika', 'Luma'].filter(() => rng() < 0.5)) {
        await world.as.PARTNERSHIPS.data(
          'mutation ($a: ID!, $c: CompetitorInput!) { setAccountCompetitor(accountId: $a, competitor: $c) { id } }',
          {
            a: accountId,
            c: { vendor: rng() < 0.3 ? vendor.toUpperCase() : vendor, status: pick(rng, ['EVALUATING', 'PILOTING', 'ADOPTED', 'REJECTED']) },
          },
        );
      }
    }
  });
  afterAll(() => api.close());
  const exec = () => world.as[Role.EXECUTIVE];

  /** Recomputed from raw competitor and account rows: vendors compared without case. */
  async function expected(filter: Filter, statuses: string[]) {
    const accounts = new Map((await raw.accounts()).map((a) => [a.id, a]));
    const rows: { account_id: string; vendor: string; status: string }[] = await db.query(
      'SELECT account_id, vendor, status::text FROM account_competitor WHERE workspace_id = $1',
      [world.workspace.id],
    );
    const byVendor = new Map<string, Map<string, Set<string>>>();
    for (const row of rows) {
      const account = accounts.get(row.account_id)!;
      if (!statuses.includes(row.status.toUpperCase()) || !matches(account, filter)) continue;
      const stages = byVendor.get(row.vendor.toLowerCase()) ?? new Map<string, Set<string>>();
      byVendor.set(row.vendor.toLowerCase(), stages);
      stages.set(account.stage_id, (stages.get(account.stage_id) ?? new Set()).add(account.id));
    }
    return [...byVendor]
      .map(([vendor, stages]) => ({
        vendor,
        accountCount: [...stages.values()].reduce((sum, ids) => sum + ids.size, 0),
        byStage: [...stages].map(([stageId, ids]) => ({ stage: { id: stageId }, accountCount: ids.size, ids: [...ids].sort() })),
      }))
      .sort((a, b) => a.vendor.localeCompare(b.vendor));
  }

  const normalized = (view: any[]) =>
    view
      .map((row) => ({
        vendor: row.vendor.toLowerCase(),
        accountCount: row.accountCount,
        byStage: [...row.byStage].sort((a: any, b: any) => a.stage.id.localeCompare(b.stage.id)),
      }))
      .sort((a, b) => a.vendor.localeCompare(b.vendor));

  it('equals the evaluations recomputed from raw rows, for every filter and set of statuses', async () => {
    for (const statuses of [undefined, ['ADOPTED'], ['EVALUATING', 'PILOTING', 'ADOPTED', 'REJECTED']]) {
      for (const filter of filtersOf(world)) {
        const { competitiveView } = await exec().data(VIEW, { filter, statuses });
        const want = (await expected(filter, statuses ?? ['EVALUATING', 'PILOTING'])).map((row) => ({
          ...row,
          byStage: row.byStage.map(({ ids: _ids, ...rest }) => rest).sort((a, b) => a.stage.id.localeCompare(b.stage.id)),
        }));
        expect([filter, statuses, normalized(competitiveView)]).toEqual([filter, statuses, want]);
        const counts = competitiveView.map((row: any) => row.accountCount);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
      }
    }
    const { competitiveView } = await exec().data(VIEW, {});
    expect(competitiveView.length).toBe(4);
  });

  it('drills down from every vendor and stage to the accounts behind it', async () => {
    const filter = { kinds: ['STUDIO', 'STREAMER', 'NETWORK'] };
    const want = await expected(filter, ['EVALUATING', 'PILOTING']);
    const { competitiveView } = await exec().data(VIEW, { filter });
    for (const row of competitiveView) {
      for (const stage of row.byStage) {
        const ids = await allPages(async (after) => {
          const page = await exec().data(DRILL, { filter, after });
          return page.competitiveView
            .find((r: any) => r.vendor === row.vendor)
            .byStage.find((s: any) => s.stage.id === stage.stage.id).accounts;
        });
        const wanted = want.find((w) => w.vendor === row.vendor.toLowerCase())!.byStage.find((s) => s.stage.id === stage.stage.id)!;
        expect(ids.sort()).toEqual(wanted.ids);
      }
    }
  });

  it('refuses an empty list of statuses', async () => {
    expect(badFields(await exec().call(VIEW, { statuses: [] }))).toEqual(['statuses']);
  });
});
