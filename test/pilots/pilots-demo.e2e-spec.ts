import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-identity';
import { seedDemo } from '../../apps/api/src/demo/seed';
import { callerFor } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const FORWARD = ['pilot', 'negotiation', 'adopted', 'expanding', 'paused', 'lost'];

describe('demo pilots', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
    await seedDemo(api.app, { info: () => undefined });
  });
  afterAll(() => api.close());

  it('gives demo accounts in the pilot stage and beyond pilots in every status, with criteria and a lawful history', async () => {
    const tokens = await signIn(api, 'am@demo.greenlight.dev', DEMO_PASSWORD);
    const am = callerFor(api, tokens.accessToken);
    const { pilots } = await am.data<any>(`{ pilots(first: 100) { totalCount edges { node {
      status startDate endDate creditBudgetUsd owner { id }
      account { stage { key } }
      criteria { metric target label manualMet }
      statusHistory { fromStatus toStatus }
    } } } }`);
    const nodes = pilots.edges.map((edge: any) => edge.node);
    expect(nodes.length).toBe(pilots.totalCount);
    expect(new Set(nodes.map((pilot: any) => pilot.status))).toEqual(
      new Set(['PROPOSED', 'SCOPING', 'ACTIVE', 'PAUSED', 'SUCCEEDED', 'FAILED', 'CONVERTED']),
    );
    for (const pilot of nodes) {
      expect(FORWARD).toContain(pilot.account.stage.key);
      expect(pilot.endDate > pilot.startDate).toBe(true);
      expect(pilot.owner).not.toBeNull();
      expect(pilot.criteria.length).toBeGreaterThanOrEqual(3);
      expect(pilot.criteria.filter((c: any) => c.metric === 'MANUAL' && c.label)).toHaveLength(1);
      const history = [...pilot.statusHistory].reverse();
      expect(history[0].fromStatus).toBeNull();
      expect(history.at(-1).toStatus).toBe(pilot.status);
      for (let i = 1; i < history.length; i++) expect(history[i].fromStatus).toBe(history[i - 1].toStatus);
    }
  });
});
