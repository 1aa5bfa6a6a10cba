import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-identity';
import { DataSource } from 'typeorm';
import { runDemoGenerator } from '../../apps/api/src/demo/demo-generator';
import { seedDemo, seedDemoUsage } from '../../apps/api/src/demo/seed';
import { callerFor } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const quiet = { info: () => undefined };

describe('demo usage', () => {
  let api: TestApp;
  let dataSource: DataSource;
  let workspaceId: string;
  beforeAll(async () => {
    api = await startTestApp();
    dataSource = api.app.get(DataSource);
    await seedDemo(api.app, quiet);
    await seedDemoUsage(dataSource, quiet);
    [{ id: workspaceId }] = await dataSource.query("SELECT id FROM workspace WHERE slug = 'demo'");
  });
  afterAll(() => api.close());

  it('stores 90 days of usage for the accounts in pilot and beyond, and a few unmatched identities', async () => {
    const [events] = await dataSource.query(
      `SELECT count(*)::int AS total, count(account_id)::int AS attributed,
              (max(occurred_at) - min(occurred_at)) > interval '88 days' AS spans_90_days
         FROM usage_event WHERE workspace_id = $1`,
      [workspaceId],
    );
    expect(events.total).toBeGreaterThan(200_000);
    expect(events.spans_90_days).toBe(true);
    expect(events.total - events.attributed).toBeGreaterThan(0);
    const stages: { key: string }[] = await dataSource.query(
      `SELECT DISTINCT s.key FROM usage_event e JOIN account a ON a.id = e.account_id JOIN stage s ON s.id = a.stage_id
        WHERE e.workspace_id = $1`,
      [workspaceId],
    );
    for (const { key } of stages)
      expect(['pilot', 'negotiation', 'adopted', 'expanding', 'paused', 'churned']).toContain(key);

    const am = callerFor(api, (await signIn(api, 'am@demo.greenlight.dev', DEMO_PASSWORD)).accessToken);
    const { unmatchedIdentities } = await am.data<any>(
      '{ unmatchedIdentities(first: 10) { totalCount edges { node { eventCount } } } }',
    );
    expect(unmatchedIdentities.totalCount).toBe(4);
    const unmatchedEvents = unmatchedIdentities.edges.reduce((sum: number, edge: any) => sum + edge.node.eventCount, 0);
    expect(unmatchedEvents).toBe(events.total - events.attributed);
  });

  it('builds the rollups from the seeded events', async () => {
    const [raw] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE kind = 'generation.completed')::int AS generations,
              count(*) FILTER (WHERE kind = 'generation.failed')::int AS failures, sum(cost_usd)::float8 AS cost
         FROM usage_event WHERE workspace_id = $1`,
      [workspaceId],
    );
    const [rolled] = await dataSource.query(
      `SELECT sum(generations)::int AS generations, sum(failures)::int AS failures, sum(cost_usd)::float8 AS cost
         FROM usage_rollup_workspace_day WHERE workspace_id = $1`,
      [workspaceId],
    );
    expect(rolled.generations).toBe(raw.generations);
    expect(rolled.failures).toBe(raw.failures);
    expect(rolled.cost).toBeCloseTo(raw.cost, 2);
  });

  it('seeding again adds nothing', async () => {
    const before = await dataSource.query('SELECT count(*)::int AS n FROM usage_event WHERE workspace_id = $1', [
      workspaceId,
    ]);
    await seedDemoUsage(dataSource, quiet);
    const after = await dataSource.query('SELECT count(*)::int AS n FROM usage_event WHERE workspace_id = $1', [
      workspaceId,
    ]);
    expect(after[0].n).toBe(before[0].n);
  });

  it('the demo generator streams live events that are stored and attributed', async () => {
    const lines: string[] = [];
    const started = new Date();
    const accepted = await runDemoGenerator({
      url: api.baseUrl,
      email: 'admin@demo.greenlight.dev',
      password: DEMO_PASSWORD,
      workspace: 'demo',
      rate: 25,
      seconds: 2,
      log: (line) => lines.push(line),
    });
    expect(accepted).toBeGreaterThanOrEqual(25);
    expect(lines.some((line) => line.includes('accepted 25'))).toBe(true);
    const [stored] = await dataSource.query(
      `SELECT count(*)::int AS n, count(account_id)::int AS attributed FROM usage_event
        WHERE workspace_id = $1 AND received_at >= $2`,
      [workspaceId, started],
    );
    expect(stored.n).toBe(accepted);
    expect(stored.attributed).toBeGreaterThan(0);
  });
});
