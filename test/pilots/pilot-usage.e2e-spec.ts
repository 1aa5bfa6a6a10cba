import { Role } from '@greenlight/identity';
import { createAccount, crmWorld, CrmWorld } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey, postUsage, usageEvent } from '../telemetry/support';
import { createPilot, day } from './support';

const PILOT = `query($id: ID!) { pilot(id: $id) {
  criteriaMet criteriaTotal
  budget { creditUsd spentUsd remainingUsd spentShare }
  criteria { metric comparator target currentValue met progress trend { direction recent previous change } }
} }`;

/** Polls `read` until `done` holds (rollups are updated asynchronously), for up to 30 s. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('pilot criteria evaluated from usage', () => {
  let api: TestApp;
  let world: CrmWorld;
  let key: string;

  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Usage pilots');
    key = await createApiKey(api, (await signIn(api, world.workspace.members[Role.ADMIN].email)).accessToken);
  });
  afterAll(() => api.close());

  it('reads current values, met, progress, trend and budget from the rollups of the pilot window', async () => {
    const am = world.as[Role.ACCOUNT_MANAGER];
    const account = await createAccount(am, { name: 'Meridian Studios', domains: ['meridian.example'] });
    const pilot = await createPilot(am, {
      accountId: account.id,
      name: 'Promo generation API',
      startDate: day(-20),
      endDate: day(10),
      creditBudgetUsd: 1000,
      criteria: [
        { metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 10 },
        { metric: 'VIDEO_SECONDS', comparator: 'AT_LEAST', target: 100 },
        { metric: 'ACTIVE_USERS', comparator: 'AT_LEAST', target: 2 },
        { metric: 'SUCCESS_RATE', comparator: 'AT_LEAST', target: 0.8 },
        { metric: 'SPEND_USD', comparator: 'AT_MOST', target: 10 },
        { metric: 'MANUAL', label: 'Brand team approves the promos' },
      ],
    });
    const at = (offset: number) => `${day(offset)}T12:00:00Z`;
    const event = (overrides: Record<string, unknown>) =>
      usageEvent({ orgId: 'meridian-org', projectId: 'promos', videoSeconds: 10, costUsd: 2.5, ...overrides });
    const answer = await postUsage(api, key, {
      events: [
        event({ userEmail: 'ana@meridian.example', occurredAt: at(0) }),
        event({ userEmail: 'ana@meridian.example', occurredAt: at(-1) }),
        event({ userEmail: 'ben@meridian.example', occurredAt: at(-2) }),
        event({ userEmail: 'ben@meridian.example', occurredAt: at(-3) }),
        event({ userEmail: 'ana@meridian.example', occurredAt: at(-2), kind: 'generation.failed', videoSeconds: 0, costUsd: 0 }),
        // the 7 days before the last 7
        event({ userEmail: 'ana@meridian.example', occurredAt: at(-9) }),
        event({ userEmail: 'ana@meridian.example', occurredAt: at(-10) }),
        // before the pilot: not counted
        event({ userEmail: 'cy@meridian.example', occurredAt: at(-30), costUsd: 500 }),
      ],
    });
    expect(answer.body).toMatchObject({ accepted: 8, rejected: 0 });

    const { pilot: read } = await eventually(
      () => am.data<any>(PILOT, { id: pilot.id }),
      // the totals and the two trend periods are separate statements: wait until all saw the rollup
      (value) => value.pilot.criteria[0].currentValue === 6 && value.pilot.criteria[0].trend.recent === 4,
    );
    const byMetric = Object.fromEntries(read.criteria.map((c: any) => [c.metric, c]));
    expect(byMetric.GENERATIONS).toMatchObject({ currentValue: 6, met: false, progress: 0.6 });
    expect(byMetric.GENERATIONS.trend).toEqual({ direction: 'UP', recent: 4, previous: 2, change: 1 });
    expect(byMetric.VIDEO_SECONDS).toMatchObject({ currentValue: 60, met: false, progress: 0.6 });
    expect(byMetric.ACTIVE_USERS).toMatchObject({ currentValue: 2, met: true, progress: 1 });
    expect(byMetric.SUCCESS_RATE.currentValue).toBeCloseTo(6 / 7, 6);
    expect(byMetric.SUCCESS_RATE).toMatchObject({ met: true, progress: 1 });
    expect(byMetric.SPEND_USD).toMatchObject({ currentValue: 15, met: false });
    expect(byMetric.SPEND_USD.progress).toBeCloseTo(10 / 15, 6);
    expect(byMetric.MANUAL).toMatchObject({ currentValue: null, met: false, progress: 0, trend: null });
    expect(read.budget).toEqual({ creditUsd: 1000, spentUsd: 15, remainingUsd: 985, spentShare: 0.015 });
    expect(read).toMatchObject({ criteriaMet: 2, criteriaTotal: 6 });

    // A criterion with its own window sees only those days.
    const { addPilotCriterion } = await am.data<any>(
      `mutation($input: AddPilotCriterionInput!) { addPilotCriterion(input: $input) {
        currentValue met evaluationWindow { from to } trend { previous } } }`,
      {
        input: { pilotId: pilot.id, metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 4, windowStart: day(-3), windowEnd: day(0) },
      },
    );
    expect(addPilotCriterion).toEqual({
      currentValue: 4,
      met: true,
      evaluationWindow: { from: day(-3), to: day(0) },
      trend: { previous: null },
    });
  });

  it('counts nothing for a pilot that has not started', async () => {
    const am = world.as[Role.ACCOUNT_MANAGER];
    const account = await createAccount(am, { name: 'Future Films', domains: ['future-films.example'] });
    const pilot = await createPilot(am, {
      accountId: account.id,
      startDate: day(5),
      endDate: day(30),
      criteria: [{ metric: 'SUCCESS_RATE', comparator: 'AT_LEAST', target: 0.9 }],
    });
    const { pilot: read } = await am.data<any>(PILOT, { id: pilot.id });
    expect(read.criteria[0]).toMatchObject({ currentValue: null, met: false, progress: 0, trend: { direction: 'FLAT' } });
    expect(read.budget.spentUsd).toBe(0);
  });
});
