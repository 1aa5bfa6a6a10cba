import { HealthEvaluation } from '@greenlight/health';
import { systemPrincipal, TenantContext } from '@greenlight/identity';
import { badFields, createAccount, stageId } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import { dayOf } from '@greenlight/common';
import {
  accountWithDomain,
  alertsOf,
  daysAgo,
  EVALUATE,
  healthWhen,
  healthWorld,
  HealthWorld,
  ingest,
  logInteraction,
  moveToStage,
} from './support';

const ACKNOWLEDGE = `mutation($id: ID!, $note: String) {
  acknowledgeAlert(id: $id, note: $note) { id status acknowledgedAt acknowledgementNote acknowledgedBy { id } }
}`;

describe('alerts over GraphQL', () => {
  let api: TestApp;
  let world: HealthWorld;
  let quiet: { id: string };

  beforeAll(async () => {
    api = await startTestApp();
    world = await healthWorld(api, 'Alerts');
    quiet = await createAccount(world.rep, { name: 'Silent Streamer', kind: 'STREAMER' });
    await moveToStage(world.rep, quiet.id, await stageId(world.rep, 'pilot'));
    await logInteraction(world.rep, quiet.id, new Date(daysAgo(41).getTime() - 3_600_000));
  });
  afterAll(() => api.close());

  it('raises a silence alert once, refreshes it on later runs, and lets a member acknowledge it', async () => {
    const first = await world.rep.data(EVALUATE);
    expect(first.evaluateAlerts).toMatchObject({ accountsEvaluated: 1, raised: 1, resolved: 0, unresolved: 1 });
    const [raised] = await alertsOf(world.as.EXECUTIVE, { kind: 'NO_RECENT_INTERACTION' });
    expect(raised).toMatchObject({
      kind: 'NO_RECENT_INTERACTION',
      status: 'OPEN',
      severity: 'WARNING',
      message: "no interaction in 41 days while in stage 'Pilot'",
      account: { id: quiet.id, name: 'Silent Streamer' },
      pilot: null,
      acknowledgedBy: null,
    });

    const again = await world.rep.data(EVALUATE);
    expect(again.evaluateAlerts).toMatchObject({ raised: 0, resolved: 0, unresolved: 1 });
    const [refreshed] = await alertsOf(world.rep, { accountId: quiet.id });
    expect(refreshed.id).toBe(raised.id);
    expect(refreshed.firstRaisedAt).toBe(raised.firstRaisedAt);
    expect(Date.parse(refreshed.lastEvaluatedAt)).toBeGreaterThan(Date.parse(raised.lastEvaluatedAt));

    const acknowledged = await world.as.ACCOUNT_MANAGER.data(ACKNOWLEDGE, { id: raised.id, note: '  Calling them Monday ' });
    expect(acknowledged.acknowledgeAlert).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgementNote: 'Calling them Monday',
      acknowledgedBy: { id: world.workspace.members.ACCOUNT_MANAGER.memberId },
    });
    const twice = await world.rep.call(ACKNOWLEDGE, { id: raised.id });
    expect(badFields(twice)).toEqual(['id']);
    const forbidden = await world.as.EXECUTIVE.call(ACKNOWLEDGE, { id: raised.id });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('does not raise an acknowledged alert again while its condition holds, and resolves it when it clears', async () => {
    await world.rep.data(EVALUATE);
    expect(await alertsOf(world.rep, { status: 'OPEN', accountId: quiet.id })).toEqual([]);
    const [held] = await alertsOf(world.rep, { status: 'ACKNOWLEDGED', accountId: quiet.id });
    expect(held.kind).toBe('NO_RECENT_INTERACTION');

    await logInteraction(world.rep, quiet.id, new Date());
    const cleared = await world.rep.data(EVALUATE);
    expect(cleared.evaluateAlerts).toMatchObject({ resolved: 1, unresolved: 0 });
    expect(await alertsOf(world.rep, { accountId: quiet.id })).toEqual([]);
    const [resolved] = await alertsOf(world.rep, { status: 'RESOLVED', accountId: quiet.id });
    expect(resolved).toMatchObject({ id: held.id, status: 'RESOLVED', acknowledgementNote: 'Calling them Monday' });
    expect(resolved.resolvedAt).not.toBeNull();

    // the condition returns (as seen 45 days from now): a new alert is raised
    const workspaceId = world.workspace.id;
    await api.app
      .get(TenantContext)
      .run(systemPrincipal(workspaceId), () =>
        api.app.get(HealthEvaluation).evaluateCurrentWorkspace(new Date(Date.now() + 45 * 86_400_000)),
      );
    const [back] = await alertsOf(world.rep, { status: 'OPEN', accountId: quiet.id });
    expect(back.id).not.toBe(held.id);
    expect(back.message).toBe("no interaction in 45 days while in stage 'Pilot'");
  });

  it('raises a usage drop with its figures and resolves it when usage recovers', async () => {
    const dropping = await accountWithDomain(world.rep, 'Dropping Pictures');
    await ingest(api, world.usageKey, dropping.domain, 40, 16);
    await ingest(api, world.usageKey, dropping.domain, 8, 1);
    // both batches rolled up (the worker may apply the older one first)
    await healthWhen(world.rep, dropping.id, (h) =>
      h.reasons.some((r) => r.code === 'USAGE_DOWN' && r.message.includes('(8 events vs 40)')),
    );
    await world.rep.data(EVALUATE);
    const [drop] = await alertsOf(world.rep, { kind: 'USAGE_DROP' });
    expect(drop).toMatchObject({
      status: 'OPEN',
      severity: 'CRITICAL',
      message: 'usage down 80% over the last 14 days (8 events vs 40)',
      account: { id: dropping.id },
    });
    await ingest(api, world.usageKey, dropping.domain, 40, 0);
    await healthWhen(world.rep, dropping.id, (h) => !h.reasons.some((r) => r.code === 'USAGE_DOWN'));
    await world.rep.data(EVALUATE);
    expect(await alertsOf(world.rep, { kind: 'USAGE_DROP' })).toEqual([]);
  });

  it('raises pilot alerts: ending soon with unmet criteria, and 90% of the budget spent', async () => {
    const studio = await accountWithDomain(world.rep, 'Pilot Studio');
    const today = new Date();
    const { createPilot } = await world.rep.data(
      `mutation($input: CreatePilotInput!) { createPilot(input: $input) { id } }`,
      {
        input: {
          accountId: studio.id,
          name: 'Trailer sprint',
          integrationKind: 'CREATIVE_SPRINT',
          startDate: dayOf(daysAgo(20, today.getTime())),
          endDate: dayOf(daysAgo(-4, today.getTime())),
          creditBudgetUsd: 100,
          criteria: [
            { metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 1000 },
            { metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 1 },
          ],
        },
      },
    );
    await world.rep.data(`mutation($input: ChangePilotStatusInput!) { changePilotStatus(input: $input) { id } }`, {
      input: { id: createPilot.id, status: 'ACTIVE' },
    });
    await ingest(api, world.usageKey, studio.domain, 2, 3, { costUsd: 46 });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const { pilot } = await world.rep.data('query($id: ID!) { pilot(id: $id) { budget { spentUsd } } }', { id: createPilot.id });
      if (pilot.budget.spentUsd === 92) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await world.rep.data(EVALUATE);
    const alerts = await alertsOf(world.rep, { accountId: studio.id });
    expect(alerts.map((alert) => [alert.kind, alert.message, alert.pilot?.name]).sort()).toEqual([
      ['PILOT_BUDGET_SPENT', "pilot 'Trailer sprint' has spent 92% of its $100 credit ($92)", 'Trailer sprint'],
      ['PILOT_ENDING_UNMET', "pilot 'Trailer sprint' has 5 days left with 1 of 2 criteria met", 'Trailer sprint'],
    ]);
  });

  it('pages through alerts newest first', async () => {
    const all = await alertsOf(world.rep, { status: 'RESOLVED' });
    const first = await world.rep.data(
      `query { alerts(status: RESOLVED, first: 1) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
    );
    expect(first.alerts.edges.map((e: any) => e.node.id)).toEqual([all[0].id]);
    expect(first.alerts.pageInfo.hasNextPage).toBe(all.length > 1);
  });
});
