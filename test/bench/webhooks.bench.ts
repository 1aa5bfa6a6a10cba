/**
 * `npm run bench:webhooks`: webhook deliveries per second to a local receiver that answers at once,
 * with 1 and 8 deliveries at a time (`WEBHOOK_CONCURRENCY`, all of them to the one endpoint:
 * `WEBHOOK_ENDPOINT_CONCURRENCY` the same): BENCH_EVENTS events (default 5,000)
 * are committed to the outbox in one transaction, and the clock runs until the receiver has
 * verified and answered a delivery of every one. Writes docs/benchmarks.md.
 */
import { Outbox, systemPrincipal, TenantContext } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { Receiver } from '../webhooks/receiver';
import { startBenchServer } from './support/bench-server';
import { writeSection } from './support/report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);

async function run(concurrency: number): Promise<{ concurrency: number; seconds: number; perSecond: number }> {
  const receiver = await Receiver.start();
  const server = await startBenchServer({
    env: {
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_CONCURRENCY: String(concurrency),
      // the one endpoint may take every worker
      WEBHOOK_ENDPOINT_CONCURRENCY: String(concurrency),
    },
  });
  try {
    const { createWebhookEndpoint } = await server.graphql(
      'mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [INTERACTION_LOGGED] }) { secret } }',
      { url: receiver.url },
    );
    receiver.secret = createWebhookEndpoint.secret;
    const events = Array.from({ length: EVENTS }, (_, n) => ({
      type: 'interaction.logged' as const,
      data: { interactionId: `bench-${n}` },
    }));
    const started = performance.now();
    await server.app.get(TenantContext).run(systemPrincipal(server.workspaceId), () =>
      server.app.get(DataSource).transaction(async (manager) => {
        for (let from = 0; from < EVENTS; from += 2000)
          await server.app.get(Outbox).record(manager, events.slice(from, from + 2000));
      }),
    );
    const delivered = new Set<string>();
    await receiver.waitFor(
      () => {
        for (const entry of receiver.received) if (entry.answered === 200 && entry.verified) delivered.add(entry.id);
        return delivered.size >= EVENTS;
      },
      `${EVENTS} deliveries`,
      30 * 60_000,
    );
    const seconds = (performance.now() - started) / 1000;
    return { concurrency, seconds, perSecond: EVENTS / seconds };
  } finally {
    await server.close();
    await receiver.close();
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const concurrency of [1, 8]) {
    const result = await run(concurrency);
    console.log(
      `${EVENTS} deliveries at concurrency ${concurrency}: ${result.seconds.toFixed(1)} s, ${result.perSecond.toFixed(0)}/s`,
    );
    results.push(result);
  }
  if (EVENTS < 5000) return; // a smoke run: no report
  writeSection(
    'webhooks',
    [
      '## Webhook deliveries per second',
      '',
      `${EVENTS} events committed to the outbox at once, delivered (signed, verified by the receiver, answered 200) to one endpoint on a local receiver, which may take every worker (\`WEBHOOK_ENDPOINT_CONCURRENCY\` = \`WEBHOOK_CONCURRENCY\`); from the commit to the last answer, dispatch included.`,
      '',
      '| deliveries at a time (`WEBHOOK_CONCURRENCY`) | seconds | deliveries/s |',
      '| --- | --- | --- |',
      ...results.map((r) => `| ${r.concurrency} | ${r.seconds.toFixed(1)} | ${r.perSecond.toFixed(0)} |`),
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
