import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { badFields, crmWorld, CrmWorld } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import { allPages, DAY, Filter, filtersOf, matches, percentile, RawRows, seedPipeline } from './support';

const FUNNEL = `query ($period: DashboardPeriod!, $filter: DashboardFilter) {
  funnel(period: $period, filter: $filter) {
    from to
    steps { stage { id } nextStage { id } entered converted conversionRate }
    timeInStage { stage { id } completedStays openStays medianSeconds p75Seconds }
  }
}`;
const DRILL = `query ($period: DashboardPeriod!, $filter: DashboardFilter, $after: String) {
  funnel(period: $period, filter: $filter) { steps { stage { id }
    enteredAccounts(first: 3, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
    convertedAccounts(first: 3, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }
}`;

const day = (time: number) => new Date(time).toISOString().slice(0, 10);

describe('funnel dashboard', () => {
  let api: TestApp;
  let world: CrmWorld;
  let raw: RawRows;

  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Funnel Figures');
    await seedPipeline(api, world, 11, 24);
    raw = new RawRows(api.app.get(DataSource), world.workspace.id);
  });
  afterAll(() => api.close());
  const exec = () => world.as[Role.EXECUTIVE];

  /** Recomputed from raw transitions, independently of the SQL. */
  async function expected(fromDay: string, toDay: string, filter: Filter) {
    const from = Date.parse(`${fromDay}T00:00:00Z`);
    const to = Date.parse(`${toDay}T00:00:00Z`) + DAY;
    const [stages, accounts, transitions] = await Promise.all([raw.stages(), raw.accounts(), raw.transitions()]);
    const kept = new Set(accounts.filter((a) => matches(a, filter)).map((a) => a.id));
    const history = transitions.filter((t) => kept.has(t.account_id));
    const funnel = stages
      .filter((s) => !s.archived_at && ['open', 'won'].includes(s.category))
      .sort((a, b) => a.position - b.position);
    const inPeriod = (t: { at: Date }) => t.at.getTime() >= from && t.at.getTime() < to;
    const entered: Record<string, string[]> = {};
    const converted: Record<string, string[]> = {};
    const steps = funnel.map((stage, i) => {
      const next = funnel[i + 1] ?? null;
      const firstEntry = new Map<string, number>();
      for (const t of history.filter((t) => t.to_stage_id === stage.id && inPeriod(t)))
        firstEntry.set(t.account_id, Math.min(firstEntry.get(t.account_id) ?? Infinity, t.at.getTime()));
      const conv = next
        ? [...firstEntry].filter(([account, at]) =>
            history.some((t) => t.account_id === account && t.to_stage_id === next.id && t.at.getTime() > at),
          )
        : [];
      entered[stage.id] = [...firstEntry.keys()].sort();
      converted[stage.id] = conv.map(([account]) => account).sort();
      return {
        stage: { id: stage.id },
        nextStage: next ? { id: next.id } : null,
        entered: firstEntry.size,
        converted: next ? conv.length : null,
        conversionRate: next && firstEntry.size ? conv.length / firstEntry.size : null,
      };
    });
    const stays = new Map<string, { done: number[]; open: number }>();
    history.forEach((t, i) => {
      if (!inPeriod(t)) return;
      const next = history[i + 1]?.account_id === t.account_id ? history[i + 1] : null;
      const entry = stays.get(t.to_stage_id) ?? { done: [], open: 0 };
      stays.set(t.to_stage_id, entry);
      if (next) entry.done.push((next.at.getTime() - t.at.getTime()) / 1000);
      else entry.open++;
    });
    const timeInStage = [...stays]
      .map(([stageId, s]) => ({
        stage: { id: stageId },
        completedStays: s.done.length,
        openStays: s.open,
        medianSeconds: percentile(s.done, 0.5),
        p75Seconds: percentile(s.done, 0.75),
      }))
      .sort((a, b) => a.stage.id.localeCompare(b.stage.id));
    return { steps, timeInStage, entered, converted };
  }

  const periods = () => {
    const now = Date.now();
    return [
      { from: day(now - 400 * DAY), to: day(now) },
      { from: day(now - 200 * DAY), to: day(now - 60 * DAY) },
      { from: day(now - 45 * DAY), to: day(now) },
    ];
  };

  it('equals conversion and time in stage recomputed from the transitions, for every period and filter', async () => {
    let cohorts = 0;
    for (const period of periods()) {
      for (const filter of filtersOf(world)) {
        const { funnel } = await exec().data(FUNNEL, { period, filter });
        const want = await expected(period.from, period.to, filter);
        expect([period, filter, funnel.steps]).toEqual([period, filter, want.steps]);
        const times = [...funnel.timeInStage].sort((a: any, b: any) => a.stage.id.localeCompare(b.stage.id));
        expect(times.map((t: any) => [t.stage.id, t.completedStays, t.openStays])).toEqual(
          want.timeInStage.map((t) => [t.stage.id, t.completedStays, t.openStays]),
        );
        times.forEach((t: any, i: number) => {
          for (const field of ['medianSeconds', 'p75Seconds'] as const) {
            if (want.timeInStage[i][field] === null) expect(t[field]).toBeNull();
            else expect(t[field]).toBeCloseTo(want.timeInStage[i][field]!, 3);
          }
        });
        expect(funnel.from).toBe(period.from);
        cohorts += funnel.steps.reduce((sum: number, step: any) => sum + step.converted, 0);
      }
    }
    expect(cohorts).toBeGreaterThan(10);
  });

  it('drills down from every step to the accounts that entered it and those that converted', async () => {
    const [period] = periods();
    const filter = { includeArchived: true };
    const want = await expected(period.from, period.to, filter);
    const { funnel } = await exec().data(FUNNEL, { period, filter });
    for (const step of funnel.steps) {
      for (const field of ['enteredAccounts', 'convertedAccounts'] as const) {
        const ids = await allPages(async (after) => {
          const page = await exec().data(DRILL, { period, filter, after });
          return page.funnel.steps.find((s: any) => s.stage.id === step.stage.id)[field];
        });
        expect(ids.sort()).toEqual((field === 'enteredAccounts' ? want.entered : want.converted)[step.stage.id]);
      }
    }
  });

  it('refuses a period that ends before it starts, or is too long, naming the field', async () => {
    const backwards = await exec().call(FUNNEL, { period: { from: '2026-03-02', to: '2026-03-01' } });
    expect(badFields(backwards)).toEqual(['period.to']);
    expect(backwards.errors![0].message).toBe('period.to must not be before period.from');
    const long = await exec().call(FUNNEL, { period: { from: '2019-01-01', to: '2026-03-01' } });
    expect(badFields(long)).toEqual(['period.to']);
    const malformed = await exec().call(FUNNEL, { period: { from: '2026-3-1', to: '2026-03-01' } });
    expect(badFields(malformed)).toEqual(['period.from']);
  });
});
