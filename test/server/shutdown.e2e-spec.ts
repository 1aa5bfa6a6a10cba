import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import * as http from 'node:http';
import { freePort, ServerProcess, spawnServer, waitUntilReady } from '../support/server-process';
import {
  faultBatch,
  prepareUsageDatabase,
  storedEvents,
  until,
  UsageDatabase,
} from '../telemetry/fault-support';

interface Answer {
  status: number;
  connection: string | undefined;
  retryAfter: string | undefined;
  body: string;
  /** The socket it came on, to count answers per keep-alive connection. */
  socket: number;
  afterSignal: boolean;
}

/** An answer whose headers arrived but whose body was cut off. */
class CutMidResponse extends Error {}

let sockets = 0;
const socketIds = new WeakMap<object, number>();
const socketId = (socket: object) => socketIds.get(socket) ?? (socketIds.set(socket, ++sockets), sockets);

/**
 * One request on `agent`. Resolves with the whole answer; rejects with CutMidResponse if the answer
 * started but did not finish, or with the socket error if no answer came at all. `sendBody` lets the
 * caller hold part of the body back.
 */
function request(
  agent: http.Agent,
  port: number,
  path: string,
  headers: http.OutgoingHttpHeaders,
  body: string,
  signalled: () => boolean,
  sendBody = (req: http.ClientRequest): void => void req.end(body),
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const socket = socketId(res.socket);
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('aborted', () => reject(new CutMidResponse(`${path}: answer ${res.statusCode} cut off`)));
        res.on('error', (error) => reject(new CutMidResponse(`${path}: ${error.message}`)));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            retryAfter: res.headers['retry-after'] as string | undefined,
            body: text,
            socket,
            afterSignal: signalled(),
          }),
        );
      },
    );
    req.on('error', reject);
    sendBody(req);
  });
}

describe('SIGTERM with keep-alive clients sending', () => {
  let db: TestDatabase;
  let usage: UsageDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    usage = await prepareUsageDatabase(db.url);
    // production: no demo data, the events are the test's only; exit 0 means drained within 5 s
    server = spawnServer(
      { DATABASE_URL: db.url, NODE_ENV: 'production', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '5000' },
      await freePort(),
    );
    await waitUntilReady(server, 90_000);
  }, 120_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await usage?.dataSource.destroy().catch(() => undefined);
    await db?.drop();
  });

  it('finishes the requests in flight with Connection: close, refuses later ones, and exits 0 at once', async () => {
    let signalled = false;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${usage.key}` };
    const answers: Answer[] = [];
    const acknowledged = new Set<string>();
    const cut: string[] = [];
    const unexpected: string[] = [];

    // keep-alive generators posting batches one after another until the server is gone
    const generator = async (client: number) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let batch = 0; ; batch++) {
          const events = faultBatch(client, batch, 25);
          try {
            const answer = await request(
              agent,
              server.port,
              '/v1/usage/batch',
              headers,
              JSON.stringify({ events }),
              () => signalled,
            );
            answers.push(answer);
            if (answer.status === 200) {
              for (const result of (JSON.parse(answer.body) as { results: { eventId: string }[] }).results)
                acknowledged.add(result.eventId);
            } else if (answer.status !== 503) unexpected.push(`${answer.status} ${answer.body}`);
          } catch (error) {
            if (error instanceof CutMidResponse) cut.push(error.message);
            // no answer at all (socket closed while idle, or nothing listening): the server is going
            if (signalled) return;
            unexpected.push((error as Error).message);
          }
        }
      } finally {
        agent.destroy();
      }
    };
    const generators = [0, 1, 2, 3].map((client) => generator(client));

    // two GraphQL requests whose bodies are still arriving when the signal comes: in flight
    const slowAgent = new http.Agent({ keepAlive: true });
    const query = JSON.stringify({ query: '{ __typename }' });
    const held: http.ClientRequest[] = [];
    const slow = [0, 1].map(() =>
      request(
        slowAgent,
        server.port,
        '/graphql',
        { 'content-type': 'application/json' },
        query,
        () => signalled,
        (req) => {
          req.write(query.slice(0, 10));
          held.push(req);
        },
      ),
    );

    await until(() => acknowledged.size >= 500, 'some batches to be acknowledged');
    server.child.kill('SIGTERM');
    signalled = true;
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const req of held) req.end(query.slice(10));

    for (const answer of await Promise.all(slow)) {
      expect(answer).toMatchObject({ status: 200, connection: 'close' });
      expect(JSON.parse(answer.body)).toEqual({ data: { __typename: 'Query' } });
    }
    expect(await server.exited).toEqual({ code: 0, signal: null });
    await Promise.all(generators);
    slowAgent.destroy();

    expect({ cut, unexpected }).toEqual({ cut: [], unexpected: [] });
    expect(server.output()).toContain('stopped cleanly');
    expect(server.output()).not.toContain('shutdown took longer');
    // after the signal each connection answers what was in flight, then closes or refuses
    const later = answers.filter((answer) => answer.afterSignal);
    const servedPerSocket = new Map<number, number>();
    for (const answer of later.filter((answer) => answer.status === 200))
      servedPerSocket.set(answer.socket, (servedPerSocket.get(answer.socket) ?? 0) + 1);
    expect(Math.max(0, ...servedPerSocket.values())).toBeLessThanOrEqual(2);
    for (const refusal of later.filter((answer) => answer.status === 503)) {
      expect(refusal).toMatchObject({ connection: 'close', retryAfter: '1' });
      expect(JSON.parse(refusal.body)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    }

    // every acknowledged batch is stored, once
    const stored = await storedEvents(usage.dataSource, usage.workspaceId);
    const missing = [...acknowledged].filter((id) => !stored.has(id));
    const doubled = [...stored].filter(([, copies]) => copies > 1).map(([id]) => id);
    expect({ missing, doubled }).toEqual({ missing: [], doubled: [] });
  }, 150_000);
});
