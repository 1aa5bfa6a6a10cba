import { createDataSource, runMigrations } from '@greenlight/db';
import { ApiKeyScope, systemPrincipal } from '@greenlight/identity';
import { UsageRollupRebuilder } from '@greenlight/telemetry';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../apps/api/src/database';
import { identityServices } from '../support/identity-context';
import { rollupSnapshot, waitForRollups } from './rollup-support';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs`, naming `what`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export interface UsageDatabase {
  dataSource: DataSource;
  workspaceId: string;
  key: string;
  /** A `read` key, for the GraphQL API. */
  readKey: string;
}

/** A small connection pool of the test's own on a database. */
export async function connect(url: string): Promise<DataSource> {
  const dataSource = createDataSource({
    ...databaseOptions(url),
    poolSize: 3,
    applicationName: 'greenlight-fault-test',
  });
  await dataSource.initialize();
  return dataSource;
}

/** Migrates a database and creates a workspace with a `usage:write` and a `read` key in it, as the CLI would. */
export async function prepareUsageDatabase(url: string): Promise<UsageDatabase> {
  const dataSource = await connect(url);
  await runMigrations(dataSource);
  const { workspaces, apiKeys, context } = await identityServices(dataSource);
  const { workspace } = await workspaces.create({
    name: 'Fault Studio',
    admin: { email: 'admin@fault.test' },
  });
  const [{ key }, { key: readKey }] = await context.run(systemPrincipal(workspace.id), () =>
    Promise.all([
      apiKeys.create('generator', [ApiKeyScope.USAGE_WRITE]),
      apiKeys.create('dashboards', [ApiKeyScope.READ]),
    ]),
  );
  return { dataSource, workspaceId: workspace.id, key, readKey };
}

/** One client's batch: events with a few users, models and kinds; amounts exact in binary. */
export function faultBatch(client: number, batch: number, size: number): Record<string, unknown>[] {
  return Array.from({ length: size }, (_, i) => {
    const n = batch * size + i;
    return {
      eventId: `c${client}-b${batch}-e${i}`,
      occurredAt: new Date(Date.now() - (n % 3) * 86_400_000).toISOString(),
      kind: n % 5 === 0 ? 'generation.failed' : 'generation.completed',
      orgId: `org-${client % 2}`,
      userEmail: `user${n % 7}@client${client}.example`,
      model: ['vidgen-2', 'vidgen-3'][n % 2],
      videoSeconds: (n % 8) * 0.5,
      gpuSeconds: (n % 4) * 2.25,
      costUsd: (n % 10) * 0.125,
      properties: { renderSeconds: (n % 20) * 1.5 },
    };
  });
}

export interface LoadReport {
  sent: Set<string>;
  /** Event ids a 200 answer acknowledged (accepted, or duplicate of a stored one). */
  acknowledged: Set<string>;
  /** Answers other than 200, by status, and whether each 503 carried Retry-After. */
  statuses: Record<number, number>;
  unavailableWithoutRetryAfter: number;
  networkErrors: number;
}

export interface LoadOptions {
  baseUrl: () => string;
  key: string;
  clients: number;
  batches: number;
  batchSize: number;
  /** A client gives up (throws) after this; every run is bounded. */
  deadline: number;
  /** When true, clients stop sending new requests (the server is going away for good). */
  stop?: () => boolean;
}

/**
 * `clients` generators posting their batches one after another; a batch that gets no 200 (503,
 * network error) is sent again as it was, same event ids, until acknowledged. `report` fills as they
 * go; `done` resolves with it once every client has finished (or stopped).
 */
const running = new Set<{ halt(): void; done: Promise<unknown> }>();

/**
 * Stops every load still running in this test file and waits for its clients to return: a test that
 * failed half-way must not leave clients whose later errors surface in another suite.
 */
export async function stopLoads(): Promise<void> {
  for (const load of running) load.halt();
  await Promise.allSettled([...running].map((load) => load.done));
  running.clear();
}

export function runLoad(options: LoadOptions): { report: LoadReport; done: Promise<LoadReport> } {
  let halted = false;
  const stopped = () => halted || options.stop?.() === true;
  const report: LoadReport = {
    sent: new Set(),
    acknowledged: new Set(),
    statuses: {},
    unavailableWithoutRetryAfter: 0,
    networkErrors: 0,
  };
  const client = async (c: number) => {
    for (let b = 0; b < options.batches; b++) {
      const events = faultBatch(c, b, options.batchSize);
      const body = JSON.stringify({ sentAt: new Date().toISOString(), events });
      for (;;) {
        if (stopped()) return;
        if (Date.now() > options.deadline)
          throw new Error(`client ${c} could not deliver batch ${b} in time`);
        for (const event of events) report.sent.add(event.eventId as string);
        try {
          const response = await fetch(`${options.baseUrl()}/v1/usage/batch`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${options.key}` },
            body,
            signal: AbortSignal.timeout(20_000),
          });
          const text = await response.text();
          if (response.status === 200) {
            const answer = JSON.parse(text) as { results: { eventId: string; status: string }[] };
            for (const result of answer.results) {
              if (result.status === 'rejected') throw new Error(`event ${result.eventId} rejected: ${text}`);
              report.acknowledged.add(result.eventId);
            }
            break;
          }
          report.statuses[response.status] = (report.statuses[response.status] ?? 0) + 1;
          const retryAfter = response.headers.get('retry-after');
          if (response.status === 503 && !retryAfter) report.unavailableWithoutRetryAfter++;
          if (response.status !== 503 && response.status !== 429)
            throw new Error(`unexpected answer ${response.status}: ${text.slice(0, 300)}`);
          await sleep(Math.min(Number(retryAfter ?? 1) * 1000, 200));
        } catch (error) {
          if (stopped()) return;
          if (
            (error as Error).message.startsWith('unexpected answer') ||
            (error as Error).message.includes('rejected')
          )
            throw error;
          report.networkErrors++;
          await sleep(100);
        }
      }
    }
  };
  const done = Promise.all(Array.from({ length: options.clients }, (_, c) => client(c))).then(() => report);
  const load = { halt: () => (halted = true), done };
  running.add(load);
  void done.then(
    () => running.delete(load),
    () => undefined,
  );
  return { report, done };
}

/** Every stored event id of the workspace, with how many times each is stored. */
export async function storedEvents(db: DataSource, workspaceId: string): Promise<Map<string, number>> {
  const rows: { event_id: string; copies: number }[] = await db.query(
    'SELECT event_id, count(*)::int AS copies FROM usage_event WHERE workspace_id = $1 GROUP BY event_id',
    [workspaceId],
  );
  return new Map(rows.map((row) => [row.event_id, row.copies]));
}

/** Waits until the worker has applied every delta, then checks the rollups against a rebuild. */
export async function expectRollupsToMatchRebuild(db: DataSource, workspaceId: string): Promise<void> {
  await waitForRollups(db, 60_000);
  const incremental = await rollupSnapshot(db, workspaceId);
  await new UsageRollupRebuilder(db).rebuild({ workspaceId });
  expect(await rollupSnapshot(db, workspaceId)).toEqual(incremental);
  expect(incremental.workspaceDays.length).toBeGreaterThan(0);
}
