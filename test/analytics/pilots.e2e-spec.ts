import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { badFields, createAccount, crmWorld, CrmWorld } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { changeStatus, createPilot, day } from '../pilots/support';
import { startTestApp, TestApp } from '../support/test-app';
import { waitForRollups } from '../telemetry/rollup-support';
import { createApiKey, postUsage } from '../telemetry/support';
import { DAY, Filter, filtersOf, matches, RawRows } from './support';

const DASHBOARD = `query ($p: DashboardPeriod!, $f: DashboardFilter) {
  pilotsDashboard(period: $p, filter: $f) {
    from to
    activePilots { pilot { id name account { id } } criteriaMet criteriaTotal criteriaMetShare daysLeft elapsedShare
      budget { creditUsd spentUsd remainingUsd spentShare } atRisk riskReasons }
    outcomes { month succeeded failed converted }
  }
}`;
const SET_MANUAL = 'mutation ($id: ID!, $met: Boolean!) { setManualCriterion(id: $id, met: $met) { id } }';

interface RawPilot {
  id: string;
  account_id: string;
  status: string;
  start_date: string;
  end_date: string;
  credit_budget_usd: number;
  archived_at: Date | null;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);
const minDay = (a: string, b: string) => (a < b ? a : b);

describe('pilots dashboard', () => {
  let api: TestApp;
  let world: CrmWorld;
  let db: DataSource;
  let raw: RawRows;

  beforeAll(async () => {
    api = await startTestApp();
    db = api.app.get(DataSource);
    world = await crmWorld(api, 'Pilot Figures');
    raw = new RawRows(db, world.workspace.id);
    const rep = world.as[Role.PARTNERSHIPS];
    const admin = await signIn(api, world.workspace.members[Role.ADMIN].email, undefined, world.workspace.slug);
    const key = await createApiKey(api, admin.accessToken);
    const owner = (role: Role) => world.workspace.members[role].memberId;
    const kinds = ['STUDIO', 'STREAMER', 'NETWORK', 'TALENT_AGENCY'];
    const roles = [Role.PARTNERSHIPS, Role.ADMIN, Role.ACCOUNT_MANAGER];
    const regions = ['Los Angeles', 'London', 'london', null];
    const accountIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const domain = `pilot-${i}.example`;
      const account = await createAccount(rep, {
        name: `Pilot account ${i}`,
        kind: kinds[i % 4],
        ownerId: owner(roles[i % 3]),
        region: regions[i % 4],
        domains: [domain],
      });
      accountIds.push(account.id);
      // Generations and spend over the last 40 days, more for some accounts than others.
      const events = Array.from({ length: 10 + i * 6 }, (_, n) => ({
        eventId: `pilot-${i}-${n}`,
        kind: n % 4 === 3 ? 'generation.failed' : 'generation.completed',
        occurredAt: new Date(Date.now() - ((n * 7) % 40) * DAY - 3_600_000).toISOString(),
        orgId: `org-${i}`,
        userEmail: `user${n % 3}@${domain}`,
        costUsd: 2.5 * (1 + (n % 4)),
      }));
      expect((await postUsage(api, key, { events })).body.accepted).toBe(events.length);
    }
    // Active pilots: early, halfway, nearly over, over budget, with and without criteria.
    const plans = [
      { account: 0, start: -5, end: 25, budget: 5000, target: 3 },
      { account: 1, start: -30, end: 10, budget: 40, target: 500 },
      { account: 2, start: -38, end: 2, budget: 2000, target: 10 },
      { account: 3, start: -20, end: 20, budget: 100000, target: null },
      { account: 4, start: -10, end: 30, budget: 3000, target: 5 },
      { account: 5, start: -35, end: 0, budget: 150, target: 400 },
      { account: 7, start: -15, end: 15, budget: 1000, target: 20 },
    ];
    for (const [index, plan] of plans.entries()) {
      const pilot = await createPilot(rep, {
        accountId: accountIds[plan.account],
        name: `Active pilot ${index}`,
        startDate: day(plan.start),
        endDate: day(plan.end),
        creditBudgetUsd: plan.budget,
        criteria:
          plan.target === null
            ? []
            : [
                { metric: 'GENERATIONS', comparator: 'AT_LEAST', target: plan.target },
                { metric: 'MANUAL', label: 'Editors sign off' },
                ...(index % 2 ? [{ metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 1, windowStart: day(-2) }] : []),
              ],
      });
      await changeStatus(rep, pilot.id, 'ACTIVE');
      if (index % 3 === 0) {
        const [manual] = await db.query(`SELECT id FROM pilot_criterion WHERE pilot_id = $1 AND metric = 'manual'`, [pilot.id]);
        if (manual) await rep.data(SET_MANUAL, { id: manual.id, met: true });
      }
    }
    const archived = await createPilot(rep, { accountId: accountIds[6], name: 'Archived active' });
    await changeStatus(rep, archived.id, 'ACTIVE');
    await rep.data('mutation ($id: ID!) { archivePilot(id: $id) { id } }', { id: archived.id });
    await createPilot(rep, { accountId: accountIds[6], name: 'Still proposed' });

    // Outcomes spread over a year: the status history rewritten with past times.
    const paths = [
      ['ACTIVE', 'SUCCEEDED'],
      ['ACTIVE', 'SUCCEEDED', 'CONVERTED'],
      ['ACTIVE', 'CONVERTED'],
      ['ACTIVE', 'FAILED'],
      ['FAILED'],
      ['SCOPING', 'PAUSED', 'FAILED'],
    ];
    for (let n = 0; n < 24; n++) {
      const pilot = await createPilot(rep, { accountId: accountIds[n % 8], name: `Finished pilot ${n}` });
      for (const status of paths[n % paths.length]) await changeStatus(rep, pilot.id, status);
      const ago = 10 + ((n * 37) % 330);
      await db.query(
        `UPDATE pilot_status_change c SET at = c.at - make_interval(days => $2) + (row_number * interval '3 days')
           FROM (SELECT id, row_number() OVER (ORDER BY at, id) AS row_number FROM pilot_status_change WHERE pilot_id = $1) o
          WHERE c.id = o.id`,
        [pilot.id, ago],
      );
      if (n === 5) await rep.data('mutation ($id: ID!) { archivePilot(id: $id) { id } }', { id: pilot.id });
    }
    await rep.data('mutation ($id: ID!) { archiveAccount(id: $id) { id } }', { id: accountIds[7] });

    const other = await crmWorld(api, 'Other Pilots');
    const otherAccount = await createAccount(other.as[Role.PARTNERSHIPS], { name: 'Other pilot account' });
    const otherPilot = await createPilot(other.as[Role.PARTNERSHIPS], { accountId: otherAccount.id, name: 'Other pilot' });
    await changeStatus(other.as[Role.PARTNERSHIPS], otherPilot.id, 'ACTIVE');
    await changeStatus(other.as[Role.PARTNERSHIPS], otherPilot.id, 'FAILED');
    await waitForRollups(db);
  });
  afterAll(() => api.close());

  const exec = () => world.as[Role.EXECUTIVE];

  /** Generations and spend of an account over inclusive days, straight from the raw events. */
  async function usage(accountId: string, from: string, to: string) {
    const [row] = await db.query(
      `SELECT count(*) FILTER (WHERE kind = 'generation.completed')::int AS generations,
              coalesce(sum(cost_usd), 0)::float8 AS spent
         FROM usage_event
        WHERE workspace_id = $1 AND account_id = $2
          AND occurred_at >= $3::date AND occurred_at < $4::date + 1`,
      [world.workspace.id, accountId, from, to],
    );
    return row as { generations: number; spent: number };
  }

  async function expectedActive(filter: Filter) {
    const today = day(0);
    const accounts = (await raw.accounts()).filter((account) => matches(account, filter)).map((account) => account.id);
    const pilots: RawPilot[] = await db.query(
      `SELECT id, account_id, status::text, start_date::text, end_date::text, credit_budget_usd::float8, archived_at
         FROM pilot WHERE workspace_id = $1`,
      [world.workspace.id],
    );
    const rows = [];
    for (const pilot of pilots.filter((p) => p.status === 'active' && !p.archived_at && accounts.includes(p.account_id))) {
      const criteria = await db.query(
        `SELECT metric::text, target::float8, window_start::text, window_end::text, manual_met FROM pilot_criterion WHERE pilot_id = $1`,
        [pilot.id],
      );
      let met = 0;
      for (const criterion of criteria) {
        if (criterion.metric === 'manual') met += criterion.manual_met ? 1 : 0;
        else {
          const from = criterion.window_start ?? pilot.start_date;
          const to = minDay(criterion.window_end ?? pilot.end_date, today);
          if (to >= from && (await usage(pilot.account_id, from, to)).generations >= criterion.target) met++;
        }
      }
      const { spent } = await usage(pilot.account_id, pilot.start_date, minDay(pilot.end_date, today));
      const length = daysBetween(pilot.start_date, pilot.end_date) + 1;
      const elapsed = Math.min(1, Math.max(0, daysBetween(pilot.start_date, today) / length));
      const metShare = criteria.length ? met / criteria.length : null;
      const reasons = [
        ...(metShare !== null && elapsed - metShare > 0.25 ? ['BEHIND_CRITERIA'] : []),
        ...(Math.round(spent * 100) * 100 >= 90 * Math.round(pilot.credit_budget_usd * 100) ? ['BUDGET_NEARLY_SPENT'] : []),
      ];
      rows.push({
        pilotId: pilot.id,
        accountId: pilot.account_id,
        criteriaMet: met,
        criteriaTotal: criteria.length,
        criteriaMetShare: metShare,
        daysLeft: Math.max(0, daysBetween(today, pilot.end_date) + 1),
        elapsedShare: elapsed,
        spentUsd: Math.round(spent * 100) / 100,
        creditUsd: pilot.credit_budget_usd,
        spentShare: spent / pilot.credit_budget_usd,
        atRisk: reasons.length > 0,
        riskReasons: reasons,
      });
    }
    return rows.sort(
      (a, b) => Number(b.atRisk) - Number(a.atRisk) || a.daysLeft - b.daysLeft || (a.pilotId < b.pilotId ? -1 : 1),
    );
  }

  async function expectedOutcomes(from: string, to: string, filter: Filter) {
    const accounts = (await raw.accounts()).filter((account) => matches(account, filter)).map((account) => account.id);
    const history: { account_id: string; to_status: string; at: Date }[] = await db.query(
      'SELECT account_id, to_status::text, at FROM pilot_status_change WHERE workspace_id = $1',
      [world.workspace.id],
    );
    const months: string[] = [];
    for (let month = from.slice(0, 7); month <= to.slice(0, 7); ) {
      months.push(month);
      const next = new Date(`${month}-01T00:00:00Z`);
      next.setUTCMonth(next.getUTCMonth() + 1);
      month = next.toISOString().slice(0, 7);
    }
    return months.map((month) => {
      const moves = history.filter((row) => {
        const dayOfMove = row.at.toISOString().slice(0, 10);
        return accounts.includes(row.account_id) && dayOfMove >= from && dayOfMove <= to && dayOfMove.slice(0, 7) === month;
      });
      const count = (status: string) => moves.filter((row) => row.to_status === status).length;
      return { month, succeeded: count('succeeded'), failed: count('failed'), converted: count('converted') };
    });
  }

  const actualActive = (rows: any[]) =>
    rows.map((row) => ({
      pilotId: row.pilot.id,
      accountId: row.pilot.account.id,
      criteriaMet: row.criteriaMet,
      criteriaTotal: row.criteriaTotal,
      criteriaMetShare: row.criteriaMetShare,
      daysLeft: row.daysLeft,
      elapsedShare: row.elapsedShare,
      spentUsd: row.budget.spentUsd,
      creditUsd: row.budget.creditUsd,
      spentShare: row.budget.spentShare,
      atRisk: row.atRisk,
      riskReasons: row.riskReasons,
    }));

  it('lists the active pilots as recomputed from pilots, criteria and raw usage, for every filter', async () => {
    const flagged = new Set<string>();
    for (const filter of filtersOf(world)) {
      const { pilotsDashboard } = await exec().data(DASHBOARD, { p: { from: day(-364), to: day(0) }, f: filter });
      const expected = await expectedActive(filter);
      const got = actualActive(pilotsDashboard.activePilots);
      expect([filter, got.map(({ spentShare: _share, ...rest }) => rest)]).toEqual([
        filter,
        expected.map(({ spentShare: _share, ...rest }) => rest),
      ]);
      got.forEach((row, i) => expect(row.spentShare).toBeCloseTo(expected[i].spentShare, 9));
      for (const row of got) for (const reason of row.riskReasons) flagged.add(reason);
      if (!filter.ownerIds && !filter.kinds && !filter.regions) expect(got.length).toBeGreaterThanOrEqual(6);
    }
    expect([...flagged].sort()).toEqual(['BEHIND_CRITERIA', 'BUDGET_NEARLY_SPENT']);
  });

  it('counts outcomes per month as recomputed from the status history, for periods and filters', async () => {
    const periods = [
      { from: day(-364), to: day(0) },
      { from: day(-120), to: day(-45) },
      { from: day(-30), to: day(-30) },
    ];
    let total = 0;
    for (const period of periods) {
      for (const filter of filtersOf(world)) {
        const { pilotsDashboard } = await exec().data(DASHBOARD, { p: period, f: filter });
        expect([period, filter, pilotsDashboard.outcomes]).toEqual([
          period,
          filter,
          await expectedOutcomes(period.from, period.to, filter),
        ]);
        total += pilotsDashboard.outcomes.reduce((sum: number, m: any) => sum + m.succeeded + m.failed + m.converted, 0);
      }
    }
    expect(total).toBeGreaterThan(30);
  });

  it('names the argument at fault', async () => {
    const response = await exec().call(DASHBOARD, { p: { from: day(0), to: day(-1) } });
    expect(badFields(response)).toEqual(['period.to']);
  });
});
