import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { createWorkspace, signIn, WorkspaceFixture } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey, usageEvent } from './support';

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

const LABELS = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/octet-stream',
  'application/x-ndjson',
  null,
];

function track(): Record<string, unknown> {
  return {
    type: 'track',
    messageId: randomUUID(),
    event: 'Generation Completed',
    properties: { orgId: 'o' },
  };
}

/**
 * Sends the headers and the first bytes of a body that is never finished, and resolves with the
 * answer: a server that waits for the whole body never answers.
 */
function answerBeforeBodyEnds(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: { message?: string } }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': '1000000' }, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) });
        });
      },
    );
    request.on('error', (error) => {
      if (!request.destroyed) reject(error);
    });
    request.write('{"events":[');
  });
}

describe('request bodies of the ingestion routes', () => {
  let api: TestApp;
  let a: WorkspaceFixture;
  let key: string;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApp({ LOG_LEVEL: 'warn' });
    a = await createWorkspace(api, 'Bodies');
    key = await createApiKey(api, (await signIn(api, a.members.ADMIN.email)).accessToken);
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const post = async (path: string, contentType: string | null, body: Buffer | string, gzip = false) => {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: basic(key),
        ...(contentType ? { 'content-type': contentType } : {}),
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      },
      body: new Uint8Array(gzip ? gzipSync(body) : Buffer.from(body)),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const stored = async (eventIds: string[]) =>
    (
      await db.query('SELECT event_id FROM usage_event WHERE workspace_id = $1 AND event_id = ANY($2)', [
        a.id,
        eventIds,
      ])
    ).length;

  it('reads Segment calls as JSON whatever their Content-Type says, gzip or not', async () => {
    const ids: string[] = [];
    for (const label of LABELS)
      for (const gzip of [false, true]) {
        const calls = [track(), track()];
        const batch = await post('/v1/batch', label, JSON.stringify({ batch: calls }), gzip);
        expect([label, gzip, batch.status, batch.body.accepted]).toEqual([label, gzip, 200, 2]);
        const single = track();
        const tracked = await post('/v1/track', label, JSON.stringify(single), gzip);
        expect([label, gzip, tracked.status, tracked.body.accepted]).toEqual([label, gzip, 200, 1]);
        const identify = await post('/v1/identify', label, JSON.stringify({ userId: 'u', traits: {} }), gzip);
        expect([label, gzip, identify.status, identify.body.ignored]).toEqual([label, gzip, 200, 1]);
        ids.push(...calls.map((call) => call.messageId as string), single.messageId as string);
      }
    expect(await stored(ids)).toBe(ids.length);
  });

  it('keeps the Segment size limits whatever the label', async () => {
    const large = JSON.stringify({ ...track(), properties: { pad: 'x'.repeat(33 * 1024) } });
    const single = await post('/v1/track', 'application/x-www-form-urlencoded', large);
    expect(single.status).toBe(413);
    expect(single.body.message).toContain('32 KB');
    const bomb = Buffer.concat([Buffer.from('{"batch":['), Buffer.alloc(2 * 1024 * 1024, ' ')]);
    const inflated = await post('/v1/batch', 'text/plain', bomb, true);
    expect(inflated.status).toBe(413);
    expect(inflated.body.message).toContain('inflates to more than 500 KB');
    const notJson = await post('/v1/batch', 'application/x-www-form-urlencoded', 'batch=1&sentAt=2');
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toContain('not valid JSON');
  });

  it('routes and reads case-changed paths alike', async () => {
    const batch = [track()];
    expect((await post('/V1/BATCH', 'application/json', JSON.stringify({ batch }))).body.accepted).toBe(1);
    const single = track();
    expect((await post('/v1/Track', 'application/json', JSON.stringify(single))).body.accepted).toBe(1);
    expect((await post('/V1/Identify', 'text/plain', '{"userId":"u"}')).body.ignored).toBe(1);
    const event = usageEvent();
    const usage = await post('/V1/USAGE/BATCH', 'application/json', JSON.stringify({ events: [event] }));
    expect(usage).toMatchObject({ status: 200, body: { accepted: 1 } });
    expect(
      await stored([batch[0].messageId as string, single.messageId as string, event.eventId as string]),
    ).toBe(3);
    // GraphQL still gets its parsed body, on any case of its path
    const graphql = await fetch(`${api.baseUrl}/GraphQL`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses other content types on /v1/usage/batch with 415 before reading the body', async () => {
    for (const label of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      null,
    ]) {
      const answer = await answerBeforeBodyEnds(`${api.baseUrl}/v1/usage/batch`, {
        authorization: `Bearer ${key}`,
        ...(label ? { 'content-type': label } : {}),
      });
      expect([label, answer.status]).toEqual([label, 415]);
      expect(answer.body.message).toContain('application/x-ndjson');
    }
    const encoding = await answerBeforeBodyEnds(`${api.baseUrl}/v1/usage/batch`, {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'content-encoding': 'br',
    });
    expect(encoding.status).toBe(415);
    expect(encoding.body.message).toContain('send gzip');
  });
});
