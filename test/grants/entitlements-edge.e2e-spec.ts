import { EntitlementsService } from '@greenlight/grants';
import { Role } from '@greenlight/identity';
import { request as httpRequest } from 'node:http';
import { Caller, createAccount } from '../crm/support';
import { healthWorld } from '../health/support';
import { bearer, signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey } from '../telemetry/support';
import { createGrant } from './support';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A request as written on the wire (any method, path, headers and body), and its answer. */
function send(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}${path}`, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode!,
          headers: response.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Everything of an answer but what differs per request by design: its date and a made-up request id. */
function comparable({ status, headers, body }: Answer, madeUpRequestId = true): Answer {
  const { date, ...kept } = headers;
  expect(date).toEqual(expect.any(String));
  if (madeUpRequestId) {
    expect(kept['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    delete kept['x-request-id'];
  }
  return { status, headers: kept, body };
}

/** The access log line of a request, without what differs per request by design. */
function logLineOf(api: TestApp, requestId: string): Record<string, unknown> {
  const line = api.logs.find((entry) => entry.requestId === requestId && entry.msg === 'request completed');
  expect(line).toBeDefined();
  const { time, responseTime, requestId: id, ...rest } = line as Record<string, unknown>;
  expect([time, responseTime, id]).toEqual([expect.any(String), expect.any(Number), requestId]);
  return rest;
}

async function waitForLogLine(api: TestApp, requestId: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    if (api.logs.some((entry) => entry.requestId === requestId && entry.msg === 'request completed')) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('GET /v1/entitlements at the edge', () => {
  let api: TestApp;
  let nestOnly: TestApp;
  let rep: Caller;
  let admin: string;
  let key: string;
  let answers: jest.SpyInstance;
  const env = { NODE_ENV: 'production', ENTITLEMENTS_CACHE_SECONDS: '600', LOG_LEVEL: 'info' } as const;
  const asked = '/v1/entitlements?email=someone%40edge.example';

  beforeAll(async () => {
    api = await startTestApp(env);
    nestOnly = await startTestApp({ ...env, ENTITLEMENTS_EDGE: 'false' }, { db: api.db });
    const world = await healthWorld(api, 'Edge');
    rep = world.rep;
    admin = (await signIn(api, world.workspace.members[Role.ADMIN].email, undefined, world.workspace.slug))
      .accessToken;
    key = await createApiKey(api, admin, ['ENTITLEMENTS_READ']);
    const account = await createAccount(rep, { name: 'Edge Studio', domains: ['edge.example'] });
    await createGrant(rep, { accountId: account.id, status: 'ACTIVE', seats: 3, creditUnit: 'USD', creditLimit: 50 });
    answers = jest.spyOn(api.app.get(EntitlementsService), 'answer');
  }, 120_000);
  afterAll(async () => {
    await nestOnly.close();
    await api.close();
  });

  /** Asks `path` twice: first through the route (computed), then again; says which path answered it. */
  async function twice(path: string, headers: Record<string, string> = {}) {
    answers.mockClear();
    const first = await send(api.baseUrl, path, { authorization: `Bearer ${key}`, ...headers });
    expect(answers).toHaveBeenCalledTimes(1);
    answers.mockClear();
    const repeat = await send(api.baseUrl, path, { authorization: `Bearer ${key}`, ...headers });
    return { first, repeat, repeatAtEdge: answers.mock.calls.length === 0 };
  }

  it('answers a repeat caller with the same status, headers and body as the route, logged alike', async () => {
    for (const path of [asked, '/v1/entitlements?orgId=org-edge-studio']) {
      const { first, repeat, repeatAtEdge } = await twice(path);
      expect(repeatAtEdge).toBe(true);
      expect(first.status).toBe(200);
      expect(JSON.parse(first.body)).toMatchObject({ stale: false });
      expect(comparable(repeat)).toEqual(comparable(first));
      for (const answer of [first, repeat]) await waitForLogLine(api, answer.headers['x-request-id']);
      const logged = logLineOf(api, repeat.headers['x-request-id']);
      expect(logged).toEqual(logLineOf(api, first.headers['x-request-id']));
      expect(logged).toMatchObject({ apiKeyId: expect.any(String), workspaceId: expect.any(String) });
    }
  });

  it("answers 304 to the answer's version alike, and keeps a caller's well-formed request id", async () => {
    const etag = (await send(api.baseUrl, asked, { authorization: `Bearer ${key}` })).headers.etag;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const requestId = `edge-${ifNoneMatch.length}`;
      answers.mockClear();
      const [edge, route] = [
        await send(api.baseUrl, asked, { authorization: `Bearer ${key}`, 'if-none-match': ifNoneMatch, 'x-request-id': requestId }),
        await send(nestOnly.baseUrl, asked, { authorization: `Bearer ${key}`, 'if-none-match': ifNoneMatch, 'x-request-id': requestId }),
      ];
      expect(answers).not.toHaveBeenCalled();
      expect(edge.status).toBe(304);
      expect(comparable(edge, false)).toEqual(comparable(route, false));
    }
  });

  it('leaves to the route whatever it cannot answer exactly, which answers as it does without the edge', async () => {
    await send(api.baseUrl, asked, { authorization: `Bearer ${key}` });
    const readKey = await createApiKey(api, admin, ['READ']);
    const cases: [string, string, Record<string, string>, string?][] = [
      ['GET', asked.replace('/v1/entitlements', '/V1/Entitlements'), {}],
      ['GET', '/v1/entitlements/?email=someone%40edge.example', {}],
      ['HEAD', asked, {}],
      ['POST', asked, {}],
      ['GET', asked, { 'content-type': 'application/json', 'content-length': '13' }, '{"email":"x"}'],
      ['GET', asked, { 'transfer-encoding': 'chunked' }, '{"email":"x"}'],
      ['GET', `${asked}&email=other%40edge.example`, {}],
      ['GET', `${asked}&unknown=1`, {}],
      ['GET', `${asked}%00`, {}],
      ['GET', `${asked}%ED%A0%80`, {}],
      ['GET', `/v1/entitlements?email=${'a'.repeat(10_000)}%40edge.example`, {}],
      ['GET', '/v1/entitlements?email[x]=someone%40edge.example', {}],
      ['GET', '/v1/entitlements?email=', {}],
      ['GET', '/v1/entitlements', {}],
      ['GET', asked, { 'if-none-match': '*' }],
      ['GET', asked, { 'if-none-match': '"stale-version"' }],
      ['GET', asked, { origin: 'https://elsewhere.example' }],
      ['GET', asked, { authorization: `Bearer ${readKey}` }],
      ['GET', asked, { authorization: `Bearer ${admin}` }],
      ['GET', asked, { authorization: 'Bearer glk_nonsense' }],
      ['GET', asked, { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` }],
    ];
    for (const [method, path, headers, body] of cases) {
      const withKey = { authorization: `Bearer ${key}`, ...headers };
      const [edge, route] = [
        await send(api.baseUrl, path, withKey, method, body),
        await send(nestOnly.baseUrl, path, withKey, method, body),
      ];
      expect({ method, path, headers, status: edge.status, type: edge.headers['content-type'] }).toEqual({
        method,
        path,
        headers,
        status: route.status,
        type: route.headers['content-type'],
      });
      expect(edge.status).toBeLessThan(500);
    }
  });

  it('stops a revoked key at once', async () => {
    const { key: revocable, apiKey } = (
      await api.graphql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
        'mutation ($name: String!) { createApiKey(name: $name, scopes: [ENTITLEMENTS_READ]) { key apiKey { id } } }',
        { name: 'revocable' },
        bearer(admin),
      )
    ).data!.createApiKey;
    expect((await send(api.baseUrl, asked, { authorization: `Bearer ${revocable}` })).status).toBe(200);
    expect((await send(api.baseUrl, asked, { authorization: `Bearer ${revocable}` })).status).toBe(200);
    const revoked = await api.graphql(
      'mutation ($id: ID!) { revokeApiKey(apiKeyId: $id) { revokedAt } }',
      { id: apiKey.id },
      bearer(admin),
    );
    expect(revoked.errors).toBeUndefined();
    expect((await send(api.baseUrl, asked, { authorization: `Bearer ${revocable}` })).status).toBe(401);
  });
});
