import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { badFields, createAccount, crmWorld, CrmWorld } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { waitForRollups } from '../telemetry/rollup-support';
import { createApiKey, postUsage } from '../telemetry/support';
import { DAY, Filter, filtersOf, matches, RawRows } from './support';

const FIGURES = 'events generations videoSeconds costUsd activeUsers';
const DASHBOARD = `query ($p: DashboardPeriod!, $f: DashboardFilter, $g: UsageGranularity, $r: UsageMeasure, $l: Int) {
  usageDashboard(period: $p, filter: $f, granularity: $g, rankBy: $r, limit: $l) {
    from to previousFrom previousTo granularity rankBy
    workspace { ${FIGURES} } accounts { ${FIGURES} }
    series { start workspace { ${FIGURES} } accounts { ${FIGURES} } }
    topAccounts { account { id name } current { ${FIGURES} } previous { ${FIGURES} } change changeRatio }
    movers { account { id } current { ${FIGURES} } previous { ${FIGURES} } change changeRatio }
    unattributed { events generations videoSeconds costUsd eventsShare generationsShare videoSecondsShare costUsdShare }
  }
}`;
const UNMATCHED = '{ unmatchedIdentities(first: 50) { edges { node { id orgId emailDomain } } } }';
const LINK = 'mutation ($i: ID!, $a: ID!) { linkGeneratorIdentity(identityId: $i, accountId: $a) { attributedEvents } }';

interface RawEvent {
  account_id: string | null;
  occurred_at: Date;
  kind: string;
  video_seconds: number | null;
  cost_usd: number;
  user_email: string | null;
}

type Measure = 'generations' | 'videoSeconds' | 'costUsd';
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
const today = () => dayOf(Date.now());
const shift = (day: string, days: number) => dayOf(Date.parse(`${day}T00:00:00Z`) + days * DAY);
const mondayOf = (day: string) => shift(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/** The figures the dashboard shows, recomputed from raw events. */
function figuresOf(events: RawEvent[]) {
  return {
    events: events.length,
    generations: events.filter((event) => event.kind === 'generation.completed').length,
    videoSeconds: events.reduce((sum, event) => sum + (event.video_seconds ?? 0), 0),
    costUsd: events.reduce((sum, event) => sum + event.cost_usd, 0),
    activeUsers: new Set(events.flatMap((event) => (event.user_email ? [event.user_email] : []))).size,
  };
}

/**
 * Events of five domains (four accounts, one organisation matched to none), an unknown free-mail
 * organisation and events with no identifiers, over 70 days, Nova's mostly in the earlier half;
 * amounts in binary-exact steps so sums agree to the last bit in any order.
 */
function eventsOf(prefix: string, count: number) {
  const domains = ['lumen', 'lumen', 'nova', 'kite', 'reel', 'ghost', 'free', 'none'];
  const kinds = ['generation.completed', 'generation.completed', 'generation.failed', 'generation.started', 'generation.completed'];
  return Array.from({ length: count }, (_, i) => {
    const domain = domains[i % domains.length];
    const daysAgo = domain === 'nova' ? 28 + ((i * 13) % 40) : domain === 'lumen' ? (i * 7) % 30 : (i * 13) % 70;
    const identity =
      domain === 'none'
        ? {}
        : domain === 'free'
          ? { orgId: 'org-free', userEmail: `x${i % 4}@gmail.example` }
          : { orgId: `org-${domain}`, userEmail: `u${i % 3}@${domain}.example` };
    return {
      eventId: `${prefix}-${i}`,
      kind: kinds[i % kinds.length],
      occurredAt: new Date(Date.now() - daysAgo * DAY - (i % 11) * 3_600_000).toISOString(),
      model: i % 3 === 0 ? 'vidgen-3' : 'vidgen-2',
      videoSeconds: i % 6 === 0 ? null : (i % 9) * 0.25,
      costUsd: (i % 13) * 0.125,
      ...identity,
    };
  });
}

describe('usage dashboard', () => {
  let api: TestApp;
  let world: CrmWorld;
  let db: DataSource;
  let raw: RawRows;
  let key: string;
  const accounts: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApp();
    db = api.app.get(DataSource);
    world = await crmWorld(api, 'Usage Figures');
    raw = new RawRows(db, world.workspace.id);
    const admin = await signIn(api, world.workspace.members[Role.ADMIN].email, undefined, world.workspace.slug);
    key = await createApiKey(api, admin.accessToken);
    const rep = world.as[Role.PARTNERSHIPS];
    const owner = (role: Role) => world.workspace.members[role].memberId;
    const specs: [string, string, Role, string | null, string[]][] = [
      ['lumen', 'STUDIO', Role.PARTNERSHIPS, 'Los Angeles', ['lumen.example']],
      ['nova', 'STREAMER', Role.ADMIN, 'London', ['nova.example']],
      ['kite', 'NETWORK', Role.ACCOUNT_MANAGER, 'london', ['kite.example']],
      ['reel', 'TALENT_AGENCY', Role.PARTNERSHIPS, null, ['reel.example']],
      ['orbit', 'STUDIO', Role.ADMIN, 'Los Angeles', []],
      ['quiet', 'STREAMER', Role.PARTNERSHIPS, 'London', ['quiet.example']],
    ];
    for (const [name, kind, role, region, domains] of specs)
      accounts[name] = (await createAccount(rep, { name: `Usage ${name}`, kind, ownerId: owner(role), region, domains })).id;

    // Newest first, so events of earlier days arrive late; a duplicate inside a batch with other figures.
    const events = eventsOf('u', 640).sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
    for (let start = 0; start < events.length; start += 160) {
      const batch = events.slice(start, start + 160);
      const answer = await postUsage(api, key, { events: [...batch, { ...batch[0], costUsd: 99 }] });
      expect([answer.status, answer.body.accepted, answer.body.results.at(-1)!.code]).toEqual([
        200,
        batch.length,
        'DUPLICATE_IN_BATCH',
      ]);
    }
    const retried = await postUsage(api, key, { events: events.slice(0, 25).map((event) => ({ ...event, costUsd: 50 })) });
    expect([retried.body.accepted, retried.body.duplicates]).toEqual([0, 25]);

    // The ghost organisation matched no account; linking it attributes its past events, then new ones.
    const { unmatchedIdentities } = await rep.data(UNMATCHED);
    const ghost = unmatchedIdentities.edges.find((edge: any) => edge.node.orgId === 'org-ghost').node;
    const linked = await rep.data(LINK, { i: ghost.id, a: accounts.orbit });
    expect(linked.linkGeneratorIdentity.attributedEvents).toBeGreaterThan(50);
    const later = eventsOf('late', 80).filter((event) => event.orgId === 'org-ghost');
    expect((await postUsage(api, key, { events: later })).body.accepted).toBe(later.length);
    await rep.data('mutation ($id: ID!) { archiveAccount(id: $id) { id } }', { id: accounts.reel });

    // Another workspace's usage, which no figure of the first may count.
    const other = await crmWorld(api, 'Other Usage');
    const otherAdmin = await signIn(api, other.workspace.members[Role.ADMIN].email, undefined, other.workspace.slug);
    await createAccount(other.as[Role.PARTNERSHIPS], { name: 'Other lumen', domains: ['lumen.example'] });
    await postUsage(api, await createApiKey(api, otherAdmin.accessToken), { events: eventsOf('o', 120) });
    await waitForRollups(db);
  });
  afterAll(() => api.close());

  const exec = () => world.as[Role.EXECUTIVE];
  const rawEvents = (): Promise<RawEvent[]> =>
    db.query(
      `SELECT account_id, occurred_at, kind, video_seconds, cost_usd::float8 AS cost_usd, user_email
         FROM usage_event WHERE workspace_id = $1`,
      [world.workspace.id],
    );

  async function expected(from: string, to: string, weekly: boolean, filter: Filter, rankBy: Measure, limit: number) {
    const [events, rawAccounts] = await Promise.all([rawEvents(), raw.accounts()]);
    const chosen = new Set(rawAccounts.filter((account) => matches(account, filter)).map((account) => account.id));
    const dayOfEvent = (event: RawEvent) => dayOf(event.occurred_at.getTime());
    const within = (a: string, b: string) => events.filter((e) => dayOfEvent(e) >= a && dayOfEvent(e) <= b);
    const inPeriod = within(from, to);
    const ofChosen = (list: RawEvent[]) => list.filter((event) => event.account_id && chosen.has(event.account_id));
    const starts: string[] = [];
    for (let start = weekly ? mondayOf(from) : from; start <= to; start = shift(start, weekly ? 7 : 1)) starts.push(start);
    const length = Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;
    const previousFrom = shift(from, -length);
    const previous = within(previousFrom, shift(from, -1));
    const perAccount = [...chosen].map((accountId) => {
      const current = figuresOf(inPeriod.filter((event) => event.account_id === accountId));
      const before = figuresOf(previous.filter((event) => event.account_id === accountId));
      const change = current[rankBy] - before[rankBy];
      return { accountId, current, previous: before, change, changeRatio: before[rankBy] > 0 ? change / before[rankBy] : null };
    });
    const byId = (a: { accountId: string }, b: { accountId: string }) => (a.accountId < b.accountId ? -1 : 1);
    const unattributed = figuresOf(inPeriod.filter((event) => !event.account_id));
    const whole = figuresOf(inPeriod);
    const share = (part: number, all: number) => (all > 0 ? part / all : null);
    return {
      from,
      to,
      previousFrom,
      previousTo: shift(from, -1),
      workspace: whole,
      accounts: figuresOf(ofChosen(inPeriod)),
      series: starts.map((start) => {
        const days = inPeriod.filter((event) => {
          const day = dayOfEvent(event);
          return weekly ? mondayOf(day) === start : day === start;
        });
        return { start, workspace: figuresOf(days), accounts: figuresOf(ofChosen(days)) };
      }),
      topAccounts: perAccount
        .filter((row) => row.current[rankBy] > 0)
        .sort((a, b) => b.current[rankBy] - a.current[rankBy] || byId(a, b))
        .slice(0, limit),
      movers: perAccount
        .filter((row) => row.change !== 0)
        .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || byId(a, b))
        .slice(0, limit),
      unattributed: {
        events: unattributed.events,
        generations: unattributed.generations,
        videoSeconds: unattributed.videoSeconds,
        costUsd: unattributed.costUsd,
        eventsShare: share(unattributed.events, whole.events),
        generationsShare: share(unattributed.generations, whole.generations),
        videoSecondsShare: share(unattributed.videoSeconds, whole.videoSeconds),
        costUsdShare: share(unattributed.costUsd, whole.costUsd),
      },
    };
  }

  const actual = (dashboard: any) => ({
    from: dashboard.from,
    to: dashboard.to,
    previousFrom: dashboard.previousFrom,
    previousTo: dashboard.previousTo,
    workspace: dashboard.workspace,
    accounts: dashboard.accounts,
    series: dashboard.series,
    topAccounts: dashboard.topAccounts.map(({ account, ...row }: any) => ({ accountId: account.id, ...row })),
    movers: dashboard.movers.map(({ account, ...row }: any) => ({ accountId: account.id, ...row })),
    unattributed: dashboard.unattributed,
  });

  const RUNS: { from: string; to: string; granularity: 'DAY' | 'WEEK'; rankBy: [string, Measure]; limit: number }[] = [
    { from: shift(today(), -13), to: today(), granularity: 'DAY', rankBy: ['GENERATIONS', 'generations'], limit: 3 },
    { from: shift(today(), -55), to: today(), granularity: 'WEEK', rankBy: ['VIDEO_SECONDS', 'videoSeconds'], limit: 10 },
    { from: shift(today(), -59), to: shift(today(), -30), granularity: 'DAY', rankBy: ['COST_USD', 'costUsd'], limit: 2 },
    // whole months inside the period and the previous one: read from the month rollups
    { from: shift(today(), -99), to: today(), granularity: 'WEEK', rankBy: ['GENERATIONS', 'generations'], limit: 10 },
  ];

  it('equals the figures recomputed from the raw events, by day and week, for every filter', async () => {
    let moversSeen = 0;
    for (const run of RUNS) {
      for (const filter of filtersOf(world)) {
        const { usageDashboard } = await exec().data(DASHBOARD, {
          p: { from: run.from, to: run.to },
          f: filter,
          g: run.granularity,
          r: run.rankBy[0],
          l: run.limit,
        });
        expect(usageDashboard.granularity).toBe(run.granularity);
        expect([run, filter, actual(usageDashboard)]).toEqual([
          run,
          filter,
          await expected(run.from, run.to, run.granularity === 'WEEK', filter, run.rankBy[1], run.limit),
        ]);
        moversSeen += usageDashboard.movers.length;
      }
    }
    expect(moversSeen).toBeGreaterThan(10);
  });

  it('has usage on both sides of the attribution line, and the linked identity counted for its account', async () => {
    const { usageDashboard } = await exec().data(DASHBOARD, {
      p: { from: shift(today(), -69), to: today() },
      f: { includeArchived: true },
      l: 10,
    });
    expect(usageDashboard.unattributed.eventsShare).toBeGreaterThan(0.1);
    expect(usageDashboard.unattributed.eventsShare).toBeLessThan(0.5);
    const orbit = usageDashboard.topAccounts.find((row: any) => row.account.id === accounts.orbit);
    const [{ events }] = await db.query(
      `SELECT count(*)::int AS events FROM usage_event WHERE workspace_id = $1 AND account_id = $2 AND occurred_at >= $3`,
      [world.workspace.id, accounts.orbit, new Date(`${shift(today(), -69)}T00:00:00Z`)],
    );
    expect(orbit.current.events).toBe(events);
    expect(events).toBeGreaterThan(60);
    expect(usageDashboard.topAccounts.map((row: any) => row.account.id)).not.toContain(accounts.quiet);
  });

  it('names the argument at fault', async () => {
    const backwards = await exec().call(DASHBOARD, { p: { from: today(), to: shift(today(), -1) } });
    expect(badFields(backwards)).toEqual(['period.to']);
    const tooMany = await exec().call(DASHBOARD, { p: { from: today(), to: today() }, l: 51 });
    expect(badFields(tooMany)).toEqual(['limit']);
  });
});
