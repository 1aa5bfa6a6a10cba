import { Analytics } from '@segment/analytics-node';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { bearer, createWorkspace, signIn, WorkspaceFixture } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey } from './support';

interface CallResult {
  index: number;
  messageId: string | null;
  status: string;
  code: string | null;
  field: string | null;
  message: string | null;
}
interface SegmentAnswer {
  status: number;
  headers: Headers;
  body: {
    success?: boolean;
    accepted: number;
    duplicates: number;
    rejected: number;
    ignored: number;
    results: CallResult[];
    message?: string;
  };
}

const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });

/** A track call as an SDK sends it; override any field. */
function track(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'track',
    messageId: randomUUID(),
    userId: 'user-1',
    event: 'Generation Completed',
    timestamp: new Date().toISOString(),
    properties: { orgId: 'org-seg', model: 'vidgen-2', videoSeconds: 8, costUsd: 0.5 },
    context: { library: { name: 'test', version: '1' } },
    ...overrides,
  };
}

/**
 * 50 MB of spaces inflated from a few dozen KB, made before the server starts: compressing it
 * takes seconds on a busy machine, long enough for a kept-alive connection to time out mid-test.
 */
const BOMB = gzipSync(Buffer.concat([Buffer.from('{"batch":['), Buffer.alloc(50 * 1024 * 1024, ' ')]));

describe('Segment-compatible ingestion', () => {
  let api: TestApp;
  let a: WorkspaceFixture;
  let key: string;
  let adminToken: string;
  let db: DataSource;
  let accountId: string;

  beforeAll(async () => {
    api = await startTestApp();
    a = await createWorkspace(api, 'Segment');
    adminToken = (await signIn(api, a.members.ADMIN.email)).accessToken;
    key = await createApiKey(api, adminToken);
    db = api.app.get(DataSource);
    const created = await api.graphql<{ createAccount: { id: string } }>(
      'mutation ($d: [String!]) { createAccount(input: { name: "Northlight Pictures", kind: STUDIO, domains: $d }) { id } }',
      { d: ['northlight.example'] },
      bearer(adminToken),
    );
    accountId = (created.data as { createAccount: { id: string } }).createAccount.id;
  });
  afterAll(() => api.close());

  const post = async (
    path: string,
    body: unknown,
    headers: Record<string, string> = basic(key),
  ): Promise<SegmentAnswer> => {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' || Buffer.isBuffer(body) ? (body as string) : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text) };
  };
  const stored = (eventIds: string[]) =>
    db.query(
      `SELECT event_id, occurred_at, received_at, kind, org_id, project_id, user_email, model, video_seconds,
              resolution, gpu_seconds, cost_usd::float8 AS cost_usd, status, properties, account_id, api_key_id
       FROM usage_event WHERE workspace_id = $1 AND event_id = ANY($2) ORDER BY event_id`,
      [a.id, eventIds],
    );

  it('stores the track calls of @segment/analytics-node, once, attributed to the account', async () => {
    const send = async (ids: string[]) => {
      const analytics = new Analytics({ writeKey: key, host: api.baseUrl, flushAt: 2, maxRetries: 1 });
      const responses: number[] = [];
      const errors: unknown[] = [];
      analytics.on('http_response', (response) => responses.push(response.status));
      analytics.on('error', (error) => errors.push(error));
      analytics.track({
        messageId: ids[0],
        userId: 'ana@northlight.example',
        event: 'Generation Completed',
        properties: {
          model: 'vidgen-2',
          videoSeconds: 12.5,
          resolution: '1080p',
          gpuSeconds: 140,
          costUsd: 1.75,
          status: 'succeeded',
          projectId: 'trailer-42',
          prompt: 'a lighthouse at dusk',
        },
        context: { groupId: 'org-northlight', traits: { email: 'ana@northlight.example' } },
      });
      analytics.track({
        messageId: ids[1],
        anonymousId: 'render-farm-7',
        event: 'generation_failed',
        properties: { orgId: 'org-northlight', userEmail: 'ben@northlight.example', status: 'failed' },
      });
      analytics.identify({ messageId: ids[2], userId: 'ana@northlight.example', traits: { name: 'Ana' } });
      await analytics.closeAndFlush({ timeout: 10_000 });
      return { responses, errors };
    };

    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const first = await send(ids);
    expect(first.errors).toEqual([]);
    expect(first.responses.length).toBeGreaterThan(0);
    expect(first.responses.every((status) => status === 200)).toBe(true);

    const rows = await stored(ids);
    expect(rows).toHaveLength(2);
    const byId = Object.fromEntries(rows.map((row: { event_id: string }) => [row.event_id, row]));
    expect(byId[ids[0]]).toMatchObject({
      kind: 'generation.completed',
      org_id: 'org-northlight',
      project_id: 'trailer-42',
      user_email: 'ana@northlight.example',
      model: 'vidgen-2',
      video_seconds: 12.5,
      resolution: '1080p',
      gpu_seconds: 140,
      cost_usd: 1.75,
      status: 'succeeded',
      account_id: accountId,
    });
    expect(byId[ids[0]].api_key_id).not.toBeNull();
    expect(byId[ids[0]].properties).toMatchObject({
      prompt: 'a lighthouse at dusk',
      _segment: { userId: 'ana@northlight.example', event: 'Generation Completed' },
    });
    expect(byId[ids[0]].properties).not.toHaveProperty('videoSeconds');
    expect(byId[ids[0]].properties._segment.context.library.name).toBe('@segment/analytics-node');
    expect(Math.abs(byId[ids[0]].occurred_at.getTime() - Date.now())).toBeLessThan(60_000);
    expect(byId[ids[1]]).toMatchObject({
      kind: 'generation.failed',
      user_email: 'ben@northlight.example',
      status: 'failed',
      account_id: accountId,
    });
    expect(byId[ids[1]].properties._segment).toMatchObject({ anonymousId: 'render-farm-7' });

    // an SDK retrying the same messages stores nothing new
    const again = await send(ids);
    expect(again.errors).toEqual([]);
    expect(again.responses.every((status) => status === 200)).toBe(true);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM usage_event WHERE workspace_id = $1 AND event_id = ANY($2)`,
      [a.id, ids],
    );
    expect(count).toBe(2);
  });

  it('answers success with a result per call, mapping each field and naming the field of each rejection', async () => {
    const good = track({ event: 'generation.completed' });
    const calls = [
      good,
      track({ messageId: undefined }),
      track({ event: undefined }),
      track({ event: '   ' }),
      track({ timestamp: 'yesterday' }),
      track({ properties: { videoSeconds: -1 } }),
      track({ properties: { costUsd: '3' } }),
      track({ context: { traits: { email: 'not-an-email' } }, properties: { userEmail: 'nope' } }),
      track({ type: 'rocket' }),
      { type: 'identify', messageId: 'id-1', userId: 'u', traits: { email: 'u@x.example' } },
      { type: 'group', messageId: 'g-1', userId: 'u', groupId: 'org-1' },
      'not an object',
      { ...good },
      track({ properties: { pad: 'y'.repeat(33 * 1024) } }),
      track({ properties: [1] }),
    ];
    const answer = await post('/v1/batch', { batch: calls, sentAt: new Date().toISOString() });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      success: true,
      accepted: 1,
      duplicates: 1,
      rejected: 11,
      ignored: 2,
    });
    expect(answer.body.results.map((r) => [r.index, r.status, r.code, r.field])).toEqual([
      [0, 'accepted', null, null],
      [1, 'rejected', 'MISSING_FIELD', 'messageId'],
      [2, 'rejected', 'MISSING_FIELD', 'event'],
      [3, 'rejected', 'MISSING_FIELD', 'event'],
      [4, 'rejected', 'INVALID_FIELD', 'timestamp'],
      [5, 'rejected', 'INVALID_FIELD', 'properties.videoSeconds'],
      [6, 'rejected', 'INVALID_FIELD', 'properties.costUsd'],
      [7, 'rejected', 'INVALID_FIELD', 'properties.userEmail'],
      [8, 'rejected', 'INVALID_FIELD', 'type'],
      [9, 'ignored', 'NOT_USAGE', 'type'],
      [10, 'ignored', 'NOT_USAGE', 'type'],
      [11, 'rejected', 'INVALID_EVENT', null],
      [12, 'duplicate', 'DUPLICATE_IN_BATCH', 'messageId'],
      [13, 'rejected', 'EVENT_TOO_LARGE', null],
      [14, 'rejected', 'INVALID_FIELD', 'properties'],
    ]);
    expect(answer.body.results[5].message).toBe('properties.videoSeconds must not be negative');
    expect(answer.body.results[9].message).toContain('identify calls are acknowledged');
    expect(answer.body.results[0].messageId).toBe(good.messageId);
    const [row] = await stored([good.messageId as string]);
    expect(row).toMatchObject({
      kind: 'generation.completed',
      org_id: 'org-seg',
      video_seconds: 8,
      cost_usd: 0.5,
    });
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM usage_event WHERE workspace_id = $1 AND event_id IN ('id-1', 'g-1')`,
      [a.id],
    );
    expect(count).toBe(0);
  });

  it('rejects unpaired surrogates in any text of a call, and times that do not exist, naming the field', async () => {
    const calls = [
      track({ messageId: `${randomUUID()}\ud800` }),
      track({ messageId: `${randomUUID()}\ud801` }),
      track({ event: 'Generation \udc00' }),
      track({ userId: 'user\ud800' }),
      track({ properties: { model: 'm\u0000' } }),
      track({ timestamp: '2026-02-30T10:00:00Z' }),
    ];
    const answer = await post('/v1/batch', { batch: calls });
    expect(answer.body).toMatchObject({ accepted: 0, duplicates: 0, rejected: 6 });
    expect(answer.body.results.map((r) => r.field)).toEqual([
      'messageId',
      'messageId',
      'event',
      'properties',
      'properties.model',
      'timestamp',
    ]);
    expect(await stored(calls.map((call) => call.messageId as string))).toHaveLength(0);
  });

  it('reads organisation and email from the context and traits, and snake_case properties', async () => {
    const fromContext = track({
      userId: 'u-9',
      properties: { video_seconds: 3, gpu_seconds: 9, cost_usd: 0.25, project_id: 'p-1' },
      context: { groupId: 'org-ctx', traits: { email: 'Cam@Northlight.example' } },
    });
    const fromCompany = track({
      properties: {},
      context: { traits: { company: { id: 'org-company', name: 'N' } } },
    });
    const fromBatch = track({ properties: {}, context: undefined });
    expect((await post('/v1/batch', { batch: [fromContext, fromCompany] })).body.accepted).toBe(2);
    const withContext = await post('/v1/batch', { batch: [fromBatch], context: { groupId: 'org-batch' } });
    expect(withContext.body.accepted).toBe(1);
    const rows = await stored([fromContext, fromCompany, fromBatch].map((c) => c.messageId as string));
    const byId = Object.fromEntries(rows.map((row: { event_id: string }) => [row.event_id, row]));
    expect(byId[fromContext.messageId as string]).toMatchObject({
      org_id: 'org-ctx',
      project_id: 'p-1',
      user_email: 'cam@northlight.example',
      video_seconds: 3,
      gpu_seconds: 9,
      cost_usd: 0.25,
      account_id: accountId,
    });
    expect(byId[fromCompany.messageId as string].org_id).toBe('org-company');
    expect(byId[fromBatch.messageId as string].org_id).toBe('org-batch');
  });

  it('corrects clock skew by the batch sentAt or the call own sentAt', async () => {
    const skew = 2 * 3600_000; // the client clock runs 2 hours behind
    const clientNow = Date.now() - skew;
    const byBatch = track({ timestamp: new Date(clientNow - 600_000).toISOString() });
    const byCall = track({
      originalTimestamp: new Date(clientNow - 600_000 - skew).toISOString(),
      timestamp: undefined,
      sentAt: new Date(clientNow - skew).toISOString(),
    });
    const future = track({ timestamp: new Date(Date.now() + skew + 3 * 86_400_000).toISOString() });
    const before = Date.now();
    const answer = await post('/v1/batch', {
      batch: [byBatch, byCall, future],
      sentAt: new Date(clientNow).toISOString(),
    });
    const after = Date.now();
    expect(answer.body.accepted).toBe(3);
    const rows = await stored([byBatch, byCall, future].map((c) => c.messageId as string));
    const byId = Object.fromEntries(rows.map((row: { event_id: string }) => [row.event_id, row]));
    for (const call of [byBatch, byCall]) {
      const time = byId[call.messageId as string].occurred_at.getTime();
      expect(time).toBeGreaterThanOrEqual(before - 600_000 - 1000);
      expect(time).toBeLessThanOrEqual(after - 600_000 + 1000);
    }
    const clamped = byId[future.messageId as string];
    expect(clamped.occurred_at.getTime()).toBe(clamped.received_at.getTime());
  });

  it('takes one call on /v1/track and acknowledges the other single-call routes', async () => {
    const call = track();
    delete call.type;
    const answer = await post('/v1/track', call, bearer(key));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ success: true, accepted: 1 });
    expect((await post('/v1/track', call)).body).toMatchObject({ success: true, duplicates: 1 });
    const identify = await post('/v1/identify', { userId: 'u', traits: {} });
    expect(identify.status).toBe(200);
    expect(identify.body).toMatchObject({ success: true, ignored: 1, accepted: 0 });
    expect((await post('/v1/track', { ...call, type: 'page' })).status).toBe(400);
    const tooBig = await post('/v1/track', track({ properties: { pad: 'x'.repeat(33 * 1024) } }));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toContain('32 KB');
  });

  it('inflates gzip bodies and refuses bodies that inflate too far', async () => {
    expect(BOMB.length).toBeLessThan(500 * 1024);
    const call = track();
    const zipped = await fetch(`${api.baseUrl}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...basic(key) },
      body: gzipSync(JSON.stringify({ batch: [call] })),
    });
    expect(zipped.status).toBe(200);
    expect(await zipped.json()).toMatchObject({ success: true, accepted: 1 });
    expect(await stored([call.messageId as string])).toHaveLength(1);

    const refused = await fetch(`${api.baseUrl}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...basic(key) },
      body: BOMB,
    });
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { message: string }).message).toContain('inflates to more than 500 KB');

    const corrupt = await post('/v1/batch', Buffer.from('not gzip at all'), {
      ...basic(key),
      'content-encoding': 'gzip',
    });
    expect(corrupt.status).toBe(400);
    expect(corrupt.body.message).toContain('gzip');
    const brotli = await post('/v1/batch', { batch: [track()] }, { ...basic(key), 'content-encoding': 'br' });
    expect(brotli.status).toBe(415);

    // the usage route inflates gzip too
    const usage = await fetch(`${api.baseUrl}/v1/usage/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...bearer(key) },
      body: gzipSync(JSON.stringify({ events: [{ eventId: randomUUID(), kind: 'generation.completed' }] })),
    });
    expect(await usage.json()).toMatchObject({ accepted: 1 });
  });

  it('answers 4xx for every refused request, storing nothing', async () => {
    const call = track();
    const body = { batch: [call] };
    expect((await post('/v1/batch', body, {})).status).toBe(401);
    expect((await post('/v1/batch', body, basic('glk_not_a_key'))).status).toBe(401);
    expect((await post('/v1/batch', body, { authorization: 'Basic !!!' })).status).toBe(401);
    const readKey = await createApiKey(api, adminToken, ['READ']);
    const unscoped = await post('/v1/batch', body, basic(readKey));
    expect(unscoped.status).toBe(403);
    expect(unscoped.body.message).toContain('usage:write');
    expect((await post('/v1/batch', body, bearer(adminToken))).status).toBe(403);

    const badJson = await post('/v1/batch', '{"batch": [');
    expect(badJson.status).toBe(400);
    expect(badJson.body.message).toContain('not valid JSON');
    expect((await post('/v1/batch', '[]')).body.message).toContain('must be a JSON object');
    expect((await post('/v1/batch', { events: [] })).body.message).toContain('batch must be an array');
    expect((await post('/v1/batch', { batch: [] })).status).toBe(400);
    const badSentAt = await post('/v1/batch', { ...body, sentAt: 'now' });
    expect(badSentAt.status).toBe(400);
    expect(badSentAt.body.message).toContain('sentAt');
    expect((await post('/v1/batch', { ...body, context: 'x' })).body.message).toContain('context');

    const tooMany = await post('/v1/batch', {
      batch: Array.from({ length: 2501 }, () => ({ type: 'alias' })),
    });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.message).toContain('2500');
    const huge = await post('/v1/batch', {
      batch: Array.from({ length: 20 }, () => track({ properties: { pad: 'z'.repeat(30 * 1024) } })),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.message).toContain('500 KB');
    expect(await stored([call.messageId as string])).toHaveLength(0);
  });
});
