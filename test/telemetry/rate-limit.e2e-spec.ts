import { Analytics } from '@segment/analytics-node';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createWorkspace, signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey, postUsage, usageEvent } from './support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('per API key rate limits of the ingestion routes', () => {
  let api: TestApp;
  let second: TestApp;
  let adminToken: string;
  const limits = {
    INGEST_MAX_REQUESTS_PER_SECOND: '1',
    INGEST_REQUEST_BURST: '2',
    INGEST_MAX_EVENTS_PER_SECOND: '2',
    INGEST_EVENT_BURST: '10',
  };

  beforeAll(async () => {
    api = await startTestApp(limits);
    // a second instance on the same database, as behind a load balancer
    second = await startTestApp(limits, { db: api.db });
    const a = await createWorkspace(api, 'Limits');
    adminToken = (await signIn(api, a.members.ADMIN.email)).accessToken;
  });
  afterAll(async () => {
    await second.close();
    await api.close();
  });

  const newKey = () => createApiKey(api, adminToken);
  const one = () => ({ events: [usageEvent()] });

  it('refuses requests past the burst with 429 and Retry-After, then admits them again', async () => {
    const key = await newKey();
    const other = await newKey();
    expect((await postUsage(api, key, one())).status).toBe(200);
    expect((await postUsage(api, key, one())).status).toBe(200);
    const refused = await postUsage(api, key, one());
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      limit: 'requests',
      message: expect.stringContaining('at most 1 requests per second'),
      retryAfter: 1,
    });
    // another key of the same workspace is not affected
    expect((await postUsage(api, other, one())).status).toBe(200);

    await sleep(1000 * Number(refused.headers.get('retry-after')) + 50);
    expect((await postUsage(api, key, one())).status).toBe(200);
  });

  it('shares the counters between instances', async () => {
    const key = await newKey();
    expect((await postUsage(api, key, one())).status).toBe(200);
    expect((await postUsage(second, key, one())).status).toBe(200);
    expect((await postUsage(second, key, one())).status).toBe(429);
    expect((await postUsage(api, key, one())).status).toBe(429);
  });

  it('limits events too, letting a batch larger than the burst through once, in debt', async () => {
    const key = await newKey();
    const ten = { events: Array.from({ length: 10 }, () => usageEvent()) };
    expect((await postUsage(api, key, ten)).body.accepted).toBe(10);
    const refused = await postUsage(api, key, one());
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ limit: 'events', retryAfter: 1 });
    expect(refused.body.message).toContain('at most 2 events per second');

    // a full bucket admits 50 events at once, then waits for the debt of 40 to be paid back
    const fresh = await newKey();
    const fifty = { events: Array.from({ length: 50 }, () => usageEvent()) };
    expect((await postUsage(api, fresh, fifty)).body.accepted).toBe(50);
    const inDebt = await postUsage(api, fresh, one());
    expect(inDebt.status).toBe(429);
    expect(Number(inDebt.headers.get('retry-after'))).toBeGreaterThanOrEqual(20);
    expect(Number(inDebt.headers.get('retry-after'))).toBeLessThanOrEqual(21);
  });

  it('counts refused bodies as requests, and limits the Segment routes alike', async () => {
    const key = await newKey();
    const bad = await postUsage(api, key, 'not json', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    const segment = (body: unknown) =>
      fetch(`${api.baseUrl}/v1/batch`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
        },
        body: JSON.stringify(body),
      });
    const call = { type: 'track', messageId: randomUUID(), userId: 'u', event: 'Generation Completed' };
    expect((await segment({ batch: [call] })).status).toBe(200);
    const refused = await segment({ batch: [call] });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
  });

  it('is honoured by @segment/analytics-node, which waits for Retry-After and delivers', async () => {
    const key = await newKey();
    const statuses: number[] = [];
    const analytics = new Analytics({ writeKey: key, host: api.baseUrl, flushAt: 1, maxRetries: 3 });
    analytics.on('http_response', (response) => statuses.push(response.status));
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const messageId of ids)
      analytics.track({ messageId, userId: 'u', event: 'Generation Completed', properties: { model: 'm' } });
    await analytics.closeAndFlush({ timeout: 15_000 });
    expect(errors).toEqual([]);
    expect(statuses).toContain(429);
    const [{ count }] = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM usage_event WHERE event_id = ANY($1)`, [ids]);
    expect(count).toBe(3);
  });
});
