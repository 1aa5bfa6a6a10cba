import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { bearer, createWorkspace, signIn } from '../identity/fixtures';
import { RestRoute, restRoutes } from '../support/rest-routes';
import { startTestApp, TestApp } from '../support/test-app';
import { UNLIMITED } from '../telemetry/fuzz-segment';
import { createApiKey } from '../telemetry/support';

/** Tables a request writes to, counted in the caller's workspace around each request. */
const WRITTEN_TABLES = [
  'account',
  'contact',
  'position',
  'interaction',
  'task',
  'stage_transition',
  'audit_entry',
  'usage_event',
  'generator_identity',
];
const COUNT_ROWS = `SELECT ${WRITTEN_TABLES.map(
  (table) => `(SELECT count(*) FROM ${table} WHERE workspace_id = $1)`,
).join(' + ')} AS rows`;

const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00',
    '💥',
    '=HYPERLINK("http://x.example")',
    '+1 555',
    '__proto__',
    "'; DROP TABLE account; --",
    '2026-02-30T10:00:00Z',
    '2026-02-30',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    'not-an-email',
    'a@b.example',
    'ACCOUNTS',
    'x'.repeat(300),
  ),
  fc.string({ maxLength: 30, unit: 'binary' }),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, 0.5),
  fc.constant(new Date().toISOString()),
  fc.jsonValue({ maxDepth: 3 }),
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });

const usageEvent = fc.record(
  {
    eventId: fc.oneof(fc.uuid(), nastyValue),
    kind: fc.oneof(fc.constant('generation.completed'), nastyValue),
    occurredAt: fc.oneof(fc.constant(new Date().toISOString()), nastyValue),
    orgId: nastyValue,
    userEmail: nastyValue,
    model: nastyValue,
    videoSeconds: nastyValue,
    costUsd: nastyValue,
    properties: fc.oneof(fc.jsonValue({ maxDepth: 3 }), nastyValue),
  },
  { requiredKeys: ['eventId', 'kind'] },
);
const segmentCall = fc.record(
  {
    type: fc.oneof(fc.constantFrom('track', 'identify', 'page'), nastyValue),
    messageId: fc.oneof(fc.uuid(), nastyValue),
    event: fc.oneof(fc.constant('Generation Completed'), nastyValue),
    userId: nastyValue,
    timestamp: nastyValue,
    properties: fc.oneof(
      fc.record({ orgId: nastyValue, model: nastyValue }, { requiredKeys: [] }),
      nastyValue,
    ),
    context: nastyValue,
  },
  { requiredKeys: ['type', 'messageId'] },
);
const CSV_HEADERS = [
  'name',
  'Company name',
  'Parent Company',
  'domain',
  'region',
  'tags',
  'email',
  'First Name',
  'Activity Date',
  'Subject',
  'Company',
  'Owner',
  'Stage',
];
const csvCell = nastyString.map((cell) => `"${cell.replace(/"/g, '""')}"`);
const csv = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...CSV_HEADERS), { minLength: 1, maxLength: 5 }),
    fc.array(
      fc.array(fc.oneof(csvCell, fc.constantFrom('Acme', 'acme.example', '2026-10-01')), { maxLength: 6 }),
      {
        maxLength: 5,
      },
    ),
  )
  .map(([header, rows]) => [header.join(','), ...rows.map((row) => row.join(','))].join('\n'));

const body: fc.Arbitrary<Buffer> = fc
  .oneof(
    {
      weight: 3,
      arbitrary: fc
        .record({ events: fc.array(usageEvent, { maxLength: 5 }), sentAt: maybe(nastyValue) })
        .map((v) => JSON.stringify(v)),
    },
    {
      weight: 3,
      arbitrary: fc.record({ batch: fc.array(segmentCall, { maxLength: 5 }) }).map((v) => JSON.stringify(v)),
    },
    { weight: 1, arbitrary: segmentCall.map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc
        .array(usageEvent, { maxLength: 4 })
        .map((events) => events.map((e) => JSON.stringify(e)).join('\n')),
    },
    { weight: 3, arbitrary: csv },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: nastyString },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '{',
        '[]',
        'null',
        '{"events":null}',
        'name\n',
        'batch=1&x=2',
        '['.repeat(50_000),
      ),
    },
  )
  .map((text) => Buffer.from(text))
  .chain((bytes) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(bytes) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
    ),
  );

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/x-ndjson',
  'text/csv',
  'TEXT/CSV',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/xml',
  '',
  ';;;',
];
const PARAMS = [
  'accounts',
  'contacts',
  'interactions',
  'contacts.csv',
  'interactions.csv',
  'accounts',
  'contacts',
  'interactions',
  'tasks',
  'accounts.csv',
  'tasks.csv',
  'planets',
  '..',
  '%00',
  'ACCOUNTS.CSV',
  'x'.repeat(300),
];
const QUERY = fc.record(
  {
    dryRun: fc.oneof(fc.constantFrom('true', 'TRUE', 'false', '1', '0', 'yes', ''), nastyString),
    filter: fc.oneof(
      fc
        .record(
          {
            text: nastyValue,
            kinds: fc.oneof(fc.constant(['STUDIO']), nastyValue),
            region: nastyValue,
            accountId: nastyValue,
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
      nastyString,
    ),
    sortBy: fc.oneof(fc.constantFrom('NAME', 'CREATED_AT', 'name'), nastyString),
    sortDirection: fc.oneof(fc.constantFrom('ASC', 'DESC'), nastyString),
  },
  { requiredKeys: [] },
);

export interface FuzzCase {
  route: RestRoute;
  method: string;
  path: string;
  auth: 'none' | 'member' | 'executive' | 'usageKey' | 'usageKeyBasic' | 'readKey' | 'garbage';
  contentType: string | null;
  encoding: 'none' | 'gzip' | 'broken-gzip' | 'br' | 'identity';
  body: Buffer;
}

/** Every UTF-8 byte percent-encoded (unpaired surrogates become U+FFFD, as any client sends them). */
const percentEncoded = (text: string) =>
  [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

/** Random case for some letters, as a client (or a probe) may write a path. */
function changeCase(path: string, flips: number[]): string {
  return [...path]
    .map((char, index) => (flips[index % flips.length] > 0.6 ? char.toUpperCase() : char))
    .join('');
}

export function fuzzCase(routes: RestRoute[]): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      otherMethod: fc.oneof(
        { weight: 8, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS') },
      ),
      param: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...PARAMS) },
        { weight: 1, arbitrary: nastyString.map(percentEncoded) },
      ),
      flips: fc.option(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), {
        freq: 2,
      }),
      trailing: fc.constantFrom('', '', '', '', '', '/'),
      query: QUERY,
      auth: fc.constantFrom<FuzzCase['auth']>(
        'none',
        'member',
        'member',
        'executive',
        'usageKey',
        'usageKey',
        'usageKeyBasic',
        'readKey',
        'garbage',
      ),
      contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 8 }),
      encoding: fc.oneof(
        { weight: 6, arbitrary: fc.constant<FuzzCase['encoding']>('none') },
        { weight: 2, arbitrary: fc.constant<FuzzCase['encoding']>('gzip') },
        { weight: 1, arbitrary: fc.constantFrom<FuzzCase['encoding']>('broken-gzip', 'br', 'identity') },
      ),
      body,
    })
    .map(({ route, otherMethod, param, flips, trailing, query, auth, contentType, encoding, body }) => {
      let path = route.path.replace(/:[A-Za-z]+/g, param) + trailing;
      if (flips) path = changeCase(path, flips);
      const search = new URLSearchParams(
        Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][],
      );
      const method = otherMethod ?? route.method;
      const bytes =
        encoding === 'gzip'
          ? gzipSync(body)
          : encoding === 'broken-gzip'
            ? gzipSync(body).subarray(0, 12)
            : body;
      return {
        route,
        method,
        path: search.size ? `${path}?${search}` : path,
        auth,
        contentType,
        encoding,
        body: method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : bytes,
      };
    });
}

interface Answer {
  status: number;
  text: string;
}

/** One request on a connection of its own; null when no answer came within `timeoutMs`. */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
  timeoutMs: number,
): Promise<Answer | null> {
  return new Promise((resolve, reject) => {
    // a declared length: without one, Node sends no framing for a DELETE body and the bytes read as junk HTTP
    const framed = { ...headers, 'content-length': String(body.length) };
    const request = httpRequest(url, { method, headers: framed, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() });
      });
      response.on('error', reject);
    });
    const timer = setTimeout(() => {
      request.destroy();
      resolve(null);
    }, timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}

/** A 4xx body names a field or a reason: a JSON message, or field errors. */
function namesAReason(text: string): boolean {
  try {
    const body = JSON.parse(text) as { message?: unknown; fields?: unknown[] };
    return (
      (typeof body.message === 'string' && body.message.trim() !== '') ||
      (Array.isArray(body.fields) && body.fields.length > 0)
    );
  } catch {
    return false;
  }
}

const CLIENTS = 4;

/**
 * Sends `count` requests generated from `seed` (fast-check, reproducible) to every route of the
 * running router, from several clients each in its own workspace: no 5xx, an answer within 5 s,
 * a reason in every 4xx, nothing written by a refused request, and the server ready afterwards.
 */
export function describeRestFuzz(seed: number, count: number): void {
  describe(`REST fuzz, seed ${seed}, ${count} requests`, () => {
    let api: TestApp;
    let db: DataSource;
    const clients: { workspaceId: string; auth: Record<FuzzCase['auth'], Record<string, string>> }[] = [];

    beforeAll(async () => {
      api = await startTestApp({ LOG_LEVEL: 'error', ...UNLIMITED });
      db = api.app.get(DataSource);
      const setUp = async (index: number) => {
        const workspace = await createWorkspace(api, `RestFuzz${index}`);
        const admin = (await signIn(api, workspace.members.ADMIN.email, undefined, workspace.slug))
          .accessToken;
        const executive = (await signIn(api, workspace.members.EXECUTIVE.email, undefined, workspace.slug))
          .accessToken;
        const usageKey = await createApiKey(api, admin);
        // the pipeline exists before the first import, as it does once a workspace is used
        await api.graphql('{ stages { id } }', {}, bearer(admin));
        return {
          workspaceId: workspace.id,
          auth: {
            none: {},
            member: bearer(admin),
            executive: bearer(executive),
            usageKey: bearer(usageKey),
            usageKeyBasic: { authorization: `Basic ${Buffer.from(`${usageKey}:`).toString('base64')}` },
            readKey: bearer(await createApiKey(api, admin, ['READ'])),
            garbage: { authorization: 'Bearer glk_not_a_key' },
          },
        };
      };
      clients.push(...(await Promise.all(Array.from({ length: CLIENTS }, (_, index) => setUp(index)))));
    }, 180_000);
    afterAll(() => api.close());

    it('answers every request of every route within 5 s, below 500, with a reason for each refusal, writing nothing when refusing', async () => {
      const routes = restRoutes(api);
      expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
        expect.arrayContaining([
          'POST /v1/usage/batch',
          'POST /v1/batch',
          'POST /v1/imports/:kind',
          'GET /v1/exports/:kind',
          'GET /health/ready',
        ]),
      );
      const cases = fc.sample(fuzzCase(routes), { seed, numRuns: count });
      const failures: string[] = [];
      const byStatus = new Map<string, number>();
      const perRoute = new Map<string, number>();
      let next = 0;
      const client = async ({ workspaceId, auth }: (typeof clients)[number]) => {
        const rows = async () => Number((await db.query(COUNT_ROWS, [workspaceId]))[0].rows);
        let before = await rows();
        while (next < cases.length) {
          const index = next++;
          const c = cases[index];
          const label = `#${index} ${c.method} ${c.path.slice(0, 120)} ${c.contentType} ${c.encoding} ${c.auth} ${c.body.length} B`;
          const headers: Record<string, string> = {
            ...auth[c.auth],
            ...(c.contentType !== null ? { 'content-type': c.contentType } : {}),
            ...(c.encoding === 'none'
              ? {}
              : { 'content-encoding': c.encoding === 'broken-gzip' ? 'gzip' : c.encoding }),
          };
          let answer: Answer | null;
          try {
            answer = await send(`${api.baseUrl}${c.path}`, c.method, headers, c.body, 5000);
          } catch (error) {
            failures.push(`${label}: ${(error as Error).message}`);
            continue;
          }
          const key = `${c.route.method} ${c.route.path}`;
          perRoute.set(key, (perRoute.get(key) ?? 0) + 1);
          if (!answer) {
            failures.push(`${label}: no answer within 5 s`);
            byStatus.set('none', (byStatus.get('none') ?? 0) + 1);
            continue;
          }
          byStatus.set(String(answer.status), (byStatus.get(String(answer.status)) ?? 0) + 1);
          const after = await rows();
          if (answer.status >= 500) failures.push(`${label}: ${answer.status} ${answer.text.slice(0, 200)}`);
          if (answer.status >= 400 && c.method !== 'HEAD' && !namesAReason(answer.text))
            failures.push(`${label}: ${answer.status} without a reason: ${answer.text.slice(0, 200)}`);
          if (answer.status >= 400 && after !== before)
            failures.push(`${label}: refused with ${answer.status} yet wrote ${after - before} rows`);
          before = after;
        }
      };
      await Promise.all(clients.map(client));
      const statuses = Object.fromEntries([...byStatus].sort());
      console.log(
        `REST fuzz seed ${seed}: ${count} requests, by status ${JSON.stringify(statuses)}; by route ${JSON.stringify(Object.fromEntries(perRoute))}`,
      );
      expect(failures.slice(0, 10)).toEqual([]);
      expect([...perRoute.keys()].sort()).toEqual(
        routes.map((route) => `${route.method} ${route.path}`).sort(),
      );
      expect((await fetch(`${api.baseUrl}/health/ready`)).status).toBe(200);
    }, 300_000);
  });
}
