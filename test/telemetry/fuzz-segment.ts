import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { createWorkspace, signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey } from './support';

/** Limits high enough that the fuzz exercises ingestion rather than the rate limiter. */
export const UNLIMITED = {
  INGEST_MAX_REQUESTS_PER_SECOND: '1000000',
  INGEST_REQUEST_BURST: '1000000',
  INGEST_MAX_EVENTS_PER_SECOND: '100000000',
  INGEST_EVENT_BURST: '100000000',
};

interface HostileRequest {
  path: string;
  contentType: string | null;
  contentEncoding: string | null;
  body: Buffer;
}

const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '💥',
    '__proto__',
    'constructor',
    "'; DROP TABLE usage_event; --",
    '2026-13-45T99:99:99Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '1999-01-01T00:00:00Z',
    'not-an-email',
    'a@b.example',
    'Generation Completed',
    'x'.repeat(300),
  ),
  fc.string({ maxLength: 40, unit: 'binary' }),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, 0.5),
  fc.double(),
  fc.constant(new Date().toISOString()),
  fc.jsonValue({ maxDepth: 3 }),
);
const TYPES = ['track', 'identify', 'group', 'page', 'screen', 'alias'];

/** A Segment call: mostly plausible, with hostile values in random fields. */
const call: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        type: fc.oneof(fc.constantFrom(...TYPES), nastyValue),
        messageId: fc.oneof(fc.uuid(), fc.constantFrom('fixed-1', 'fixed-2'), nastyValue),
        event: fc.oneof(fc.constantFrom('Generation Completed', 'generation.failed', 'a_b-c d'), nastyValue),
        userId: fc.oneof(fc.constantFrom('user-1', 'ana@studio.example'), nastyValue),
        anonymousId: nastyValue,
        timestamp: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          nastyValue,
        ),
        originalTimestamp: nastyValue,
        sentAt: nastyValue,
        properties: fc.oneof(
          fc.record(
            {
              orgId: nastyValue,
              projectId: nastyValue,
              userEmail: nastyValue,
              model: nastyValue,
              videoSeconds: nastyValue,
              video_seconds: nastyValue,
              gpuSeconds: nastyValue,
              costUsd: nastyValue,
              resolution: nastyValue,
              status: nastyValue,
              extra: fc.jsonValue({ maxDepth: 4 }),
            },
            { requiredKeys: [] },
          ),
          nastyValue,
        ),
        context: fc.oneof(
          fc.record(
            {
              groupId: nastyValue,
              traits: fc.oneof(
                fc.record(
                  { email: nastyValue, company: fc.oneof(fc.record({ id: nastyValue }), nastyValue) },
                  {
                    requiredKeys: [],
                  },
                ),
                nastyValue,
              ),
            },
            { requiredKeys: [] },
          ),
          nastyValue,
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: nastyValue },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

const body: fc.Arbitrary<string | Buffer> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record(
        { batch: fc.array(call, { maxLength: 8 }), sentAt: nastyValue, context: nastyValue },
        { requiredKeys: ['batch'] },
      )
      .map((v) => JSON.stringify(v)),
  },
  { weight: 2, arbitrary: call.map((v) => JSON.stringify(v) ?? 'undefined') },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.array(call, { maxLength: 4 }), fc.nat(), nastyString).map(([calls, cut, tail]) => {
      const text = JSON.stringify({ batch: calls });
      return text.slice(0, cut % (text.length + 1)) + tail;
    }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      `{"batch":[${deep(5000)}]}`,
      `{"batch":[{"type":"track","messageId":"deep","event":"e","properties":${deep(100)}}]}`,
      '['.repeat(100_000) + ']'.repeat(100_000),
      `{"batch":[${'['.repeat(200_000)}${']'.repeat(200_000)}]}`,
      `{"batch":[{"type":"track","messageId":"proto","event":"e","properties":{"__proto__":{"polluted":1}},"context":{"__proto__":{"groupId":"x"}}}]}`,
      '{"batch":null}',
      '{"batch":{"length":3}}',
    ),
  },
);

const request: fc.Arbitrary<HostileRequest> = fc
  .record({
    path: fc.constantFrom('/v1/batch', '/v1/batch', '/v1/batch', '/v1/track', '/v1/identify', '/v1/page'),
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          null,
          'text/plain',
          'application/json; charset=utf-16',
          'application/x-ndjson',
          '',
        ),
      },
    ),
    encoding: fc.oneof(
      { weight: 6, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.constant('gzip') },
      { weight: 1, arbitrary: fc.constantFrom('gzip-broken', 'br', 'identity', 'deflate', 'GZIP') },
    ),
    body,
  })
  .map(({ path, contentType, encoding, body }) => {
    const bytes = Buffer.from(body);
    if (encoding === 'gzip' || encoding === 'GZIP')
      return { path, contentType, contentEncoding: encoding, body: gzipSync(bytes) };
    if (encoding === 'gzip-broken')
      return {
        path,
        contentType,
        contentEncoding: 'gzip',
        body: gzipSync(bytes).subarray(0, Math.max(1, bytes.length >> 1)),
      };
    return { path, contentType, contentEncoding: encoding, body: bytes };
  });

/** A POST on a connection of its own (no keep-alive reuse racing the server's idle timeout). */
function post(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Posts `count` hostile requests (fast-check, from `seed`) to the Segment routes from 8 clients,
 * then checks that no answer was a 5xx and that the server still answers.
 */
export function describeSegmentFuzz(seed: number, count: number): void {
  describe(`Segment ingestion fuzz, seed ${seed}, ${count} bodies`, () => {
    let api: TestApp;
    let key: string;

    beforeAll(async () => {
      api = await startTestApp({ LOG_LEVEL: 'warn', ...UNLIMITED });
      const a = await createWorkspace(api, 'SegmentFuzz');
      key = await createApiKey(api, (await signIn(api, a.members.ADMIN.email)).accessToken);
    });
    afterAll(() => api.close());

    it('answers every malformed or hostile body below 500, and stays up', async () => {
      const requests = fc.sample(request, { seed, numRuns: count });
      const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
      const failures: { index: number; status: number | string; body: string }[] = [];
      const statuses = new Map<number, number>();
      let next = 0;
      const client = async () => {
        while (next < requests.length) {
          const index = next++;
          const { path, contentType, contentEncoding, body } = requests[index];
          let response: { status: number; text: string };
          try {
            response = await post(
              `${api.baseUrl}${path}`,
              {
                authorization: auth,
                ...(contentType !== null ? { 'content-type': contentType } : {}),
                ...(contentEncoding !== null ? { 'content-encoding': contentEncoding } : {}),
              },
              body,
            );
          } catch (error) {
            failures.push({
              index,
              status: (error as Error).message,
              body: `${path} ${contentType} ${contentEncoding} ${body.length} bytes`,
            });
            continue;
          }
          const { text } = response;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500)
            failures.push({ index, status: response.status, body: text.slice(0, 300) });
        }
      };
      await Promise.all(Array.from({ length: 8 }, client));
      expect(failures.slice(0, 5)).toEqual([]);
      // the bodies reached every kind of answer: stored, refused as bad JSON, unsupported, too large
      expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 413, 415]));
      const [{ stored }] = await api.app
        .get(DataSource)
        .query('SELECT count(*)::int AS stored FROM usage_event WHERE api_key_id IS NOT NULL');
      expect(stored).toBeGreaterThan(0);
      expect((await fetch(`${api.baseUrl}/health/live`)).status).toBe(200);
    }, 240_000);
  });
}
