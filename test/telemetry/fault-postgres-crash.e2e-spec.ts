import { EmbeddedPostgres } from '@greenlight/db';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, isAlive, ServerProcess, spawnServer, waitUntilReady } from '../support/server-process';
import {
  connect,
  expectRollupsToMatchRebuild,
  prepareUsageDatabase,
  runLoad,
  stopLoads,
  storedEvents,
  until,
  UsageDatabase,
} from './fault-support';

const CLIENTS = 4;
const BATCHES = 25;
const BATCH_SIZE = 40;
const TOTAL = CLIENTS * BATCHES * BATCH_SIZE;

/** The pid in the embedded cluster's lock file: the postmaster the server started, if any. */
function postmasterPid(dataDir: string): number | null {
  const lockFile = path.join(dataDir, 'pg', 'postmaster.pid');
  return fs.existsSync(lockFile) ? Number(fs.readFileSync(lockFile, 'utf8').split('\n')[0]) : null;
}

/** The server's log lines about its embedded PostgreSQL, for a failure message. */
function postgresLines(output: string): string {
  return output
    .split('\n')
    .filter((line) => /postgres/i.test(line))
    .slice(-40)
    .join('\n');
}

async function spawnEmbedded(dataDir: string): Promise<ServerProcess> {
  // production: no demo data, the events are the test's only
  const server = spawnServer(
    {
      GREENLIGHT_DATA_DIR: dataDir,
      GREENLIGHT_DB_PORT: String(await freePort()),
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
    },
    await freePort(),
  );
  await waitUntilReady(server, 90_000);
  return server;
}

/**
 * `kill -9` of the PostgreSQL the server process started itself: the server starts it again (it
 * recovers from its write-ahead log), the pool reconnects, and clients that retry what was not
 * acknowledged lose nothing and double nothing. A server that cannot be started again ends the
 * process with a non-zero code, for a supervisor to restart.
 */
describe('the embedded PostgreSQL killed under the server', () => {
  const scratch: string[] = [];
  const servers: ServerProcess[] = [];
  const newDataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-fault-crash-'));
    scratch.push(dir);
    return dir;
  };

  afterAll(async () => {
    await stopLoads();
    for (const server of servers) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    for (const dir of scratch) {
      const pid = postmasterPid(dir);
      if (pid && isAlive(pid)) process.kill(pid, 'SIGQUIT');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('restarts it under ingestion load: service resumes on its own, every event stored exactly once', async () => {
    const dataDir = newDataDir();
    const server = await spawnEmbedded(dataDir);
    servers.push(server);
    const url = EmbeddedPostgres.attach(dataDir)!;
    const usage: UsageDatabase = await prepareUsageDatabase(url);
    const { report, done } = runLoad({
      baseUrl: () => `http://127.0.0.1:${server.port}`,
      key: usage.key,
      clients: CLIENTS,
      batches: BATCHES,
      batchSize: BATCH_SIZE,
      deadline: Date.now() + 120_000,
    });
    await until(() => report.acknowledged.size >= TOTAL / 4, 'a quarter of the events to be acknowledged');
    await usage.dataSource.destroy();
    const killed = postmasterPid(dataDir)!;
    const acknowledgedBeforeKill = report.acknowledged.size;
    process.kill(killed, 'SIGKILL');

    // back without anyone's help (about 3 s on a quiet machine; bounded generously for a loaded one)
    await until(() => isAlive(killed) === false, 'the killed postmaster to be gone', 5_000);
    await until(
      async () =>
        (await fetch(`http://127.0.0.1:${server.port}/health/ready`).catch(() => null))?.status === 200,
      'the server to be ready again',
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the server's lines about PostgreSQL:\n${postgresLines(server.output())}`);
    });
    expect(postmasterPid(dataDir)).not.toBe(killed);
    expect(server.output()).toContain(
      `embedded PostgreSQL (pid ${killed}) exited unexpectedly (code null, signal SIGKILL)`,
    );
    expect(server.output()).toMatch(/embedded PostgreSQL started again \(pid \d+, attempt \d of 6\)/);

    await done;
    expect(server.child.exitCode).toBeNull();
    expect(report.acknowledged.size).toBe(TOTAL);
    expect(acknowledgedBeforeKill).toBeLessThan(TOTAL);
    expect(report.unavailableWithoutRetryAfter).toBe(0);

    usage.dataSource = await connect(url);
    try {
      const events = await storedEvents(usage.dataSource, usage.workspaceId);
      const lost = [...report.sent].filter((id) => !events.has(id));
      const doubled = [...events].filter(([, copies]) => copies > 1).map(([id]) => id);
      const unknown = [...events.keys()].filter((id) => !report.sent.has(id));
      expect({ sent: report.sent.size, lost, doubled, unknown }).toEqual({
        sent: TOTAL,
        lost: [],
        doubled: [],
        unknown: [],
      });
      await expectRollupsToMatchRebuild(usage.dataSource, usage.workspaceId);
    } finally {
      await usage.dataSource.destroy();
    }
  }, 240_000);

  it('exits non-zero when it cannot be started again, leaving no PostgreSQL behind', async () => {
    const dataDir = newDataDir();
    const server = await spawnEmbedded(dataDir);
    servers.push(server);
    // read only at start: the running server is unaffected, a new one refuses to start
    fs.appendFileSync(path.join(dataDir, 'pg', 'postgresql.conf'), '\nthis line is not a setting\n');
    const killed = postmasterPid(dataDir)!;
    process.kill(killed, 'SIGKILL');

    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.output()).toContain(
      'embedded PostgreSQL could not be started again after 6 attempts: giving up',
    );
    expect(server.output()).toContain('starting the embedded PostgreSQL again failed (attempt 6 of 6)');
    const pid = postmasterPid(dataDir);
    expect(pid === null || !isAlive(pid)).toBe(true);
  }, 180_000);
});
