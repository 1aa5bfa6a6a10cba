import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase } from '@greenlight/testing';
import { freePort, isAlive, spawnCli, spawnServer, waitUntilReady } from '../support/server-process';

/** The PostgreSQL pid recorded in the embedded cluster's lock file, if any. */
function postmasterPid(dataDir: string): number | null {
  const candidates = [path.join(dataDir, 'pg', 'postmaster.pid')];
  const file = candidates.find((candidate) => fs.existsSync(candidate));
  return file ? Number(fs.readFileSync(file, 'utf8').split('\n')[0]) : null;
}

/** Starts a GraphQL request, sends half of its body, and returns the pending response. */
function startSlowRequest(port: number): { finish: () => void; response: Promise<{ status: number; body: string }> } {
  const body = JSON.stringify({ query: '{ __typename }' });
  let request!: http.ClientRequest;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request = http.request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
  });
  request.write(body.slice(0, 10));
  return { finish: () => request.end(body.slice(10)), response };
}

describe('the server process', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-lifecycle-'));
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    env = { GREENLIGHT_DATA_DIR: dataDir, GREENLIGHT_DB_PORT: String(await freePort()) };
  });
  afterAll(async () => {
    const pid = postmasterPid(dataDir);
    if (pid && isAlive(pid)) process.kill(pid, 'SIGQUIT');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts its own PostgreSQL, finishes in-flight requests on SIGTERM and leaves no postgres behind', async () => {
    const server = spawnServer(env, await freePort());
    await waitUntilReady(server);
    const pgPid = postmasterPid(dataDir);
    expect(pgPid).toBeGreaterThan(0);
    expect(isAlive(pgPid!)).toBe(true);

    const slow = startSlowRequest(server.port);
    // Let the server accept the connection and start reading the body before the signal.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    slow.finish();
    const answer = await slow.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { __typename: 'Query' } });

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(isAlive(pgPid!)).toBe(false);
    expect(server.output()).toContain('stopped cleanly');
  });

  it('reuses the data folder on the next start and stops cleanly on SIGINT (Ctrl-C)', async () => {
    const server = spawnServer(env, await freePort());
    await waitUntilReady(server);
    expect(server.output()).not.toContain('initialising a new PostgreSQL cluster');
    const pgPid = postmasterPid(dataDir)!;
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(isAlive(pgPid)).toBe(false);
  });

  it('recovers from a stale lock file left by a crash', async () => {
    fs.writeFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), `999999\n${dataDir}/pg\n`);
    const server = spawnServer(env, await freePort());
    await waitUntilReady(server);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('refuses to start over a PostgreSQL left running, and db:stop stops it', async () => {
    const first = spawnServer(env, await freePort());
    await waitUntilReady(first);
    const orphan = postmasterPid(dataDir)!;
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isAlive(orphan)).toBe(true);

    const second = spawnServer(env, await freePort());
    expect((await second.exited).code).toBe(1);
    expect(second.output()).toMatch(new RegExp(`PostgreSQL \\(pid ${orphan}\\) is already running.*db:stop`));

    const stop = spawnCli(['db:stop'], env);
    expect((await stop.exited).code).toBe(0);
    expect(stop.output()).toContain(`stopped PostgreSQL (pid ${orphan})`);
    expect(isAlive(orphan)).toBe(false);
  });

  it('explains a database port that is already taken instead of hanging', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const server = spawnServer({ ...env, GREENLIGHT_DB_PORT: String(taken) }, await freePort());
      expect((await server.exited).code).toBe(1);
      expect(server.output()).toContain(`Port ${taken} is already in use`);
      expect(server.output()).toContain('GREENLIGHT_DB_PORT');
    } finally {
      blocker.close();
    }
  });

  it('stops at once on a bad setting, with one line naming the variable', async () => {
    const server = spawnServer({ ...env, PORT: 'eighty' }, 0);
    expect((await server.exited).code).toBe(1);
    expect(server.output().trim()).toBe('Invalid configuration: PORT must be a whole number between 0 and 65535 (got "eighty")');
  });

  it('uses DATABASE_URL when set and starts no PostgreSQL of its own', async () => {
    const db = await createTestDatabase();
    const otherDataDir = path.join(dataDir, 'unused');
    const server = spawnServer({ DATABASE_URL: db.url, GREENLIGHT_DATA_DIR: otherDataDir }, await freePort());
    try {
      await waitUntilReady(server);
      expect(fs.existsSync(otherDataDir)).toBe(false);
      const answer = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await db.drop();
    }
  });
});
