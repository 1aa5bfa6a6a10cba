import { dayOf } from '@greenlight/common';
import { EVALUATE, accountWithDomain, daysAgo, healthWorld, HealthWorld, ingest } from '../health/support';
import { startTestApp, TestApp } from '../support/test-app';
import { Receiver } from '../webhooks/receiver';
import { createEndpoint } from '../webhooks/support';

const CRITERIA = `query($id: ID!) { pilot(id: $id) { criteria { id metric met currentValue metAt } } }`;

interface Criterion {
  id: string;
  metric: string;
  met: boolean;
  currentValue: number | null;
  metAt: string | null;
}

describe('a usage criterion met', () => {
  let api: TestApp;
  let world: HealthWorld;
  let receiver: Receiver;

  beforeAll(async () => {
    api = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_DELAY_SECONDS: '1' });
    world = await healthWorld(api, 'Criterion met');
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await receiver?.close();
    await api?.close();
  });

  const criteriaWhen = async (pilotId: string, done: (criteria: Criterion[]) => boolean): Promise<Criterion[]> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { pilot } = await world.rep.data<{ pilot: { criteria: Criterion[] } }>(CRITERIA, { id: pilotId });
      if (done(pilot.criteria)) return pilot.criteria;
      if (Date.now() > deadline) throw new Error(`criteria never became as expected: ${JSON.stringify(pilot.criteria)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  it('is told once by pilot.criterion_met when the scheduled evaluation first finds it met', async () => {
    const endpoint = await createEndpoint(world.as.ADMIN, { url: receiver.url, eventTypes: ['PILOT_CRITERION_MET'] });
    receiver.secret = endpoint.secret;
    const studio = await accountWithDomain(world.rep, 'Threshold Studio');
    const { createPilot } = await world.rep.data(`mutation($input: CreatePilotInput!) { createPilot(input: $input) { id } }`, {
      input: {
        accountId: studio.id,
        name: 'Previs trial',
        integrationKind: 'CREATIVE_SPRINT',
        startDate: dayOf(daysAgo(10)),
        endDate: dayOf(daysAgo(-20)),
        creditBudgetUsd: 1000,
        criteria: [{ metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 4 }],
      },
    });
    await world.rep.data(`mutation($input: ChangePilotStatusInput!) { changePilotStatus(input: $input) { id } }`, {
      input: { id: createPilot.id, status: 'ACTIVE' },
    });

    // below the target: evaluated, not met, nothing told
    await ingest(api, world.usageKey, studio.domain, 2, 2);
    await criteriaWhen(createPilot.id, ([criterion]) => criterion.currentValue === 2);
    await world.rep.data(EVALUATE);
    const [unmet] = await criteriaWhen(createPilot.id, () => true);
    expect(unmet).toMatchObject({ met: false, metAt: null });

    // the target reached: the next evaluation stamps it and tells the endpoint
    await ingest(api, world.usageKey, studio.domain, 3, 1);
    await criteriaWhen(createPilot.id, ([criterion]) => criterion.currentValue === 5);
    await world.rep.data(EVALUATE);
    const [met] = await criteriaWhen(createPilot.id, ([criterion]) => criterion.metAt !== null);
    expect(met.met).toBe(true);
    const told = () => receiver.received.filter((entry) => JSON.parse(entry.body).type === 'pilot.criterion_met');
    await receiver.waitFor(() => told().length > 0, 'pilot.criterion_met');
    expect(JSON.parse(told()[0].body)).toMatchObject({
      type: 'pilot.criterion_met',
      version: 1,
      data: {
        pilotId: createPilot.id,
        criterionId: met.id,
        metric: 'generations',
        comparator: 'at_least',
        target: 4,
        value: 5,
      },
    });

    // evaluated again while still met: the moment stays the same, so nothing is told twice
    await world.rep.data(EVALUATE);
    const [again] = await criteriaWhen(createPilot.id, () => true);
    expect(again.metAt).toBe(met.metAt);
  });
});
