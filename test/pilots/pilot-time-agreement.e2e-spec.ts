import { addDays, dayOf, daysBetween } from '@greenlight/common';
import { Role } from '@greenlight/identity';
import { accountWithDomain, alertsOf, EVALUATE, HEALTH, Health, healthWorld, HealthWorld, ingest } from '../health/support';
import { startTestApp, TestApp } from '../support/test-app';

const PILOT = `query($id: ID!) { pilot(id: $id) { daysLeft elapsedShare atRisk riskReasons budget { spentUsd } } }`;
const DASHBOARD = `query($p: DashboardPeriod!) { pilotsDashboard(period: $p) {
  activePilots { pilot { id } daysLeft elapsedShare atRisk riskReasons }
} }`;

interface PilotView {
  daysLeft: number;
  elapsedShare: number;
  atRisk: boolean;
  riskReasons: string[];
}

/**
 * One pilot at one moment, as every surface tells it: the pilot itself, the account's health, the
 * alerts and the executive dashboard, with the budget threshold set to 75% (ALERT_PILOT_BUDGET_PERCENT).
 */
describe('pilot time and risk agree everywhere', () => {
  let api: TestApp;
  let world: HealthWorld;
  const started = dayOf(new Date());
  const pilots: Record<'late' | 'steady', { id: string; accountId: string; startDate: string; endDate: string }> = {} as never;

  async function activePilot(name: string, startOffset: number, endOffset: number, spentUsd: number, targets: number[]) {
    const account = await accountWithDomain(world.rep, `${name} Studio`);
    const startDate = addDays(started, startOffset);
    const endDate = addDays(started, endOffset);
    const { createPilot } = await world.rep.data(`mutation($input: CreatePilotInput!) { createPilot(input: $input) { id } }`, {
      input: {
        accountId: account.id,
        name,
        integrationKind: 'CREATIVE_SPRINT',
        startDate,
        endDate,
        creditBudgetUsd: 100,
        criteria: targets.map((target) => ({ metric: 'GENERATIONS', comparator: 'AT_LEAST', target })),
      },
    });
    await world.rep.data(`mutation($input: ChangePilotStatusInput!) { changePilotStatus(input: $input) { id } }`, {
      input: { id: createPilot.id, status: 'ACTIVE' },
    });
    await ingest(api, world.usageKey, account.domain, 2, 3, { costUsd: spentUsd / 2 });
    return { id: createPilot.id, accountId: account.id, startDate, endDate };
  }

  beforeAll(async () => {
    api = await startTestApp({ ALERT_PILOT_BUDGET_PERCENT: '75' });
    world = await healthWorld(api, 'PilotTime');
    // 20 days, 17 over: 85% through, 3 days left, 1 of 3 met (behind), $80 of $100 spent (at 75%: at risk)
    pilots.late = await activePilot('Trailer sprint', -17, 2, 80, [1, 1000, 1000]);
    // 20 days, 5 over: 25% through, 15 days left, 1 of 2 met (on track), $70 of $100 spent (under 75%)
    pilots.steady = await activePilot('Logo loop', -5, 14, 70, [1, 1000]);
    for (const [pilot, spent] of [
      [pilots.late, 80],
      [pilots.steady, 70],
    ] as const) {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const { pilot: seen } = await world.rep.data(PILOT, { id: pilot.id });
        if (seen.budget.spentUsd === spent) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  });
  afterAll(() => api.close());

  /** Everything read within one UTC day (read again in the rare case the day turns meanwhile). */
  async function observe() {
    for (;;) {
      const today = dayOf(new Date());
      const read = async (pilot: typeof pilots.late) => {
        const { pilot: view } = await world.rep.data<{ pilot: PilotView }>(PILOT, { id: pilot.id });
        const { account } = await world.rep.data<{ account: { health: Health } }>(HEALTH, { id: pilot.accountId });
        return { view, health: account.health.reasons, alerts: await alertsOf(world.rep, { accountId: pilot.accountId }) };
      };
      await world.rep.data(EVALUATE);
      const [late, steady] = [await read(pilots.late), await read(pilots.steady)];
      const { pilotsDashboard } = await world.as[Role.EXECUTIVE].data(DASHBOARD, { p: { from: addDays(today, -30), to: today } });
      const figure = (id: string) => {
        const { pilot: _pilot, ...rest } = pilotsDashboard.activePilots.find((row: any) => row.pilot.id === id);
        return rest as PilotView;
      };
      if (dayOf(new Date()) === today)
        return { today, late: { ...late, dashboard: figure(pilots.late.id) }, steady: { ...steady, dashboard: figure(pilots.steady.id) } };
    }
  }

  it('gives the same elapsed share, days left and risk to the pilot, health, alerts and the dashboard', async () => {
    const { today, late, steady } = await observe();
    const time = (pilot: typeof pilots.late) => ({
      daysLeft: daysBetween(today, pilot.endDate) + 1,
      elapsedShare: daysBetween(pilot.startDate, today) / 20,
    });
    if (today === started) {
      expect(time(pilots.late)).toEqual({ daysLeft: 3, elapsedShare: 0.85 });
      expect(time(pilots.steady)).toEqual({ daysLeft: 15, elapsedShare: 0.25 });
    }

    const lateView = { ...time(pilots.late), atRisk: true, riskReasons: ['BEHIND_CRITERIA', 'BUDGET_NEARLY_SPENT'] };
    expect(late.view).toEqual({ ...lateView, budget: { spentUsd: 80 } });
    expect(late.dashboard).toEqual(lateView);
    const percent = Math.round(lateView.elapsedShare * 100);
    expect(late.health.filter((reason) => reason.code.startsWith('PILOT_')).map((reason) => [reason.code, reason.message])).toEqual([
      ['PILOT_BEHIND', `pilot 'Trailer sprint' ${percent}% through its time (${lateView.daysLeft} days left) with 1 of 3 criteria met`],
    ]);
    expect(late.alerts.map((alert) => [alert.kind, alert.message]).sort()).toEqual([
      ['PILOT_BUDGET_SPENT', "pilot 'Trailer sprint' has spent 80% of its $100 credit ($80)"],
      ['PILOT_ENDING_UNMET', `pilot 'Trailer sprint' has ${lateView.daysLeft} days left with 1 of 3 criteria met`],
    ]);

    const steadyView = { ...time(pilots.steady), atRisk: false, riskReasons: [] };
    expect(steady.view).toEqual({ ...steadyView, budget: { spentUsd: 70 } });
    expect(steady.dashboard).toEqual(steadyView);
    expect(steady.health.filter((reason) => reason.code.startsWith('PILOT_')).map((reason) => [reason.code, reason.message])).toEqual([
      [
        'PILOT_ON_TRACK',
        `pilot 'Logo loop' on track: ${Math.round(steadyView.elapsedShare * 100)}% through its time (${steadyView.daysLeft} days left), 1 of 2 criteria met`,
      ],
    ]);
    expect(steady.alerts).toEqual([]);
  });
});
