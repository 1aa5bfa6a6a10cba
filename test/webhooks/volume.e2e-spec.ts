import { DomainEvent, Outbox, systemPrincipal, TenantContext } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';
import { Receiver } from './receiver';
import { createEndpoint, waitUntil, webhookWorld } from './support';

const EVENTS = 10_000;

describe('webhooks in volume', () => {
  let api: TestApp;
  let receiver: Receiver;

  beforeAll(async () => {
    api = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_DELAY_SECONDS: '1',
      WEBHOOK_CONCURRENCY: '8',
      WEBHOOK_ENDPOINT_CONCURRENCY: '8', // the one endpoint may take every worker
    });
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await api.close();
  });

  it(`delivers ${EVENTS} events as ${EVENTS} deliveries, none twice under different ids`, async () => {
    const world = await webhookWorld(api, 'Volume');
    const endpoint = await createEndpoint(world.admin, {
      url: receiver.url,
      eventTypes: ['INTERACTION_LOGGED'],
    });
    receiver.secret = endpoint.secret;
    receiver.answer(...Array<number>(100).fill(503)); // some attempts fail and are retried
    const events: DomainEvent[] = Array.from({ length: EVENTS }, (_, n) => ({
      type: 'interaction.logged',
      data: { interactionId: `interaction-${n}` },
    }));
    await api.app.get(TenantContext).run(systemPrincipal(world.workspace.id), () =>
      api.app.get(DataSource).transaction(async (manager) => {
        for (let from = 0; from < EVENTS; from += 2000)
          await api.app.get(Outbox).record(manager, events.slice(from, from + 2000));
      }),
    );

    await receiver.waitFor(
      () => new Set(receiver.succeeded().map((entry) => entry.id)).size === EVENTS,
      `${EVENTS} delivered ids`,
      600_000,
    );
    const idsByEvent = new Map<string, Set<string>>();
    const interactions = new Set<string>();
    for (const entry of receiver.received) {
      const payload = JSON.parse(entry.body);
      idsByEvent.set(payload.id, (idsByEvent.get(payload.id) ?? new Set()).add(entry.id));
      interactions.add(payload.data.interactionId);
    }
    expect(idsByEvent.size).toBe(EVENTS);
    expect([...idsByEvent.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    expect(interactions.size).toBe(EVENTS);
    expect(receiver.received.every((entry) => entry.verified)).toBe(true);
    // the receiver answers before the attempt's outcome is written
    const counts = await waitUntil(
      async () =>
        (
          await api.app.get(DataSource).query(
            `SELECT count(*)::int AS deliveries, count(*) FILTER (WHERE status = 'delivered')::int AS delivered
               FROM webhook_delivery WHERE workspace_id = $1`,
            [world.workspace.id],
          )
        )[0],
      (row: { delivered: number }) => row.delivered >= EVENTS,
      'every delivery recorded as delivered',
    );
    expect(counts).toEqual({ deliveries: EVENTS, delivered: EVENTS });
  }, 900_000);
});
