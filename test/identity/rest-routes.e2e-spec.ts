import { Role } from '@greenlight/identity';
import { randomUUID } from 'node:crypto';
import { restRoutes } from '../support/rest-routes';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey, usageEvent } from '../telemetry/support';
import { bearer, createWorkspace, signIn } from './fixtures';

/** Who calls: nobody, API keys (one revoked) and a member of each role. */
const CALLERS = ['anonymous', 'usage:write key', 'read key', 'mail:write key', 'entitlements key', 'revoked key', ...Object.values(Role)] as const;
type Caller = (typeof CALLERS)[number];

/** The callers each access rule lets in; everyone else gets 401 (no valid credential) or 403. */
const RULES = {
  public: [...CALLERS],
  ingestion: ['usage:write key'],
  'inbound mail': ['mail:write key'],
  entitlements: ['entitlements key'],
  'members and read keys': ['read key', ...Object.values(Role)],
  writers: [Role.ADMIN, Role.PARTNERSHIPS, Role.ACCOUNT_MANAGER],
} satisfies Record<string, Caller[]>;

interface Sample {
  path: string;
  body?: string;
  contentType?: string;
}

const json = (path: string, body: unknown): Sample => ({
  path,
  body: JSON.stringify(body),
  contentType: 'application/json',
});
const call = (type: string, fields: Record<string, unknown> = {}) => ({
  type,
  messageId: randomUUID(),
  userId: 'matrix-user',
  timestamp: new Date().toISOString(),
  ...fields,
});

/**
 * Every REST route of the router, by method and path, with its rule and requests that succeed for
 * a caller the rule lets in. A route missing here fails the test: a new route cannot ship without
 * deciding who may call it.
 */
const ROUTES: Record<string, { rule: keyof typeof RULES; samples: () => Sample[] }> = {
  'GET /health/live': { rule: 'public', samples: () => [{ path: '/health/live' }] },
  'GET /health/ready': { rule: 'public', samples: () => [{ path: '/health/ready' }] },
  'POST /v1/usage/batch': {
    rule: 'ingestion',
    samples: () => [json('/v1/usage/batch', { sentAt: new Date().toISOString(), events: [usageEvent()] })],
  },
  'POST /v1/batch': {
    rule: 'ingestion',
    samples: () => [json('/v1/batch', { batch: [call('track', { event: 'Generation Completed' })] })],
  },
  'POST /v1/track': {
    rule: 'ingestion',
    samples: () => [json('/v1/track', call('track', { event: 'Generation Completed' }))],
  },
  'POST /v1/identify': { rule: 'ingestion', samples: () => [json('/v1/identify', call('identify'))] },
  'POST /v1/group': {
    rule: 'ingestion',
    samples: () => [json('/v1/group', call('group', { groupId: 'g' }))],
  },
  'POST /v1/page': { rule: 'ingestion', samples: () => [json('/v1/page', call('page', { name: 'Home' }))] },
  'POST /v1/screen': {
    rule: 'ingestion',
    samples: () => [json('/v1/screen', call('screen', { name: 'Home' }))],
  },
  'POST /v1/alias': {
    rule: 'ingestion',
    samples: () => [json('/v1/alias', call('alias', { previousId: 'matrix-anonymous' }))],
  },
  'POST /v1/capture/mail': {
    rule: 'inbound mail',
    samples: () => [
      {
        path: `/v1/capture/mail?recipient=${encodeURIComponent(bccAddress)}`,
        body: `From: dana@matrix.example\r\nTo: someone@matrix.example\r\nSubject: Matrix\r\nMessage-ID: <${randomUUID()}@matrix.example>\r\n\r\nHello\r\n`,
        contentType: 'message/rfc822',
      },
    ],
  },
  'GET /v1/entitlements': {
    rule: 'entitlements',
    samples: () => [{ path: '/v1/entitlements?email=matrix%40example.com' }, { path: '/v1/entitlements?orgId=matrix-org' }],
  },
  'GET /v1/exports/:kind': {
    rule: 'members and read keys',
    samples: () => ['accounts', 'contacts'].map((kind) => ({ path: `/v1/exports/${kind}.csv` })),
  },
  'GET /v1/grants.csv': {
    rule: 'members and read keys',
    samples: () => [{ path: '/v1/grants.csv' }, { path: '/v1/grants.csv?filter=%7B%22statuses%22%3A%5B%22ACTIVE%22%5D%7D&sortBy=EXPIRES_ON&sortDirection=ASC' }],
  },
  'POST /v1/imports/:kind': {
    rule: 'writers',
    samples: () => [
      {
        path: '/v1/imports/accounts?dryRun=true',
        body: 'Name,Type\nMatrix Pictures,STUDIO\n',
        contentType: 'text/csv',
      },
      {
        path: '/v1/imports/contacts?dryRun=true',
        body: 'First Name,Last Name,Email\nMara,Trix,mara@matrix.example\n',
        contentType: 'text/csv',
      },
    ],
  },
};

/** A BCC address of the matrix workspace, for the inbound mail route. */
let bccAddress = '';

describe('REST route matrix', () => {
  let api: TestApp;
  let routes: string[];
  const credentials = {} as Record<Caller, Record<string, string>>;

  beforeAll(async () => {
    api = await startTestApp();
    const workspace = await createWorkspace(api, 'Routes');
    credentials.anonymous = {};
    for (const role of Object.values(Role))
      credentials[role] = bearer((await signIn(api, workspace.members[role].email)).accessToken);
    const admin = credentials.ADMIN.authorization.slice('Bearer '.length);
    credentials['usage:write key'] = bearer(await createApiKey(api, admin, ['USAGE_WRITE']));
    credentials['read key'] = bearer(await createApiKey(api, admin, ['READ']));
    credentials['mail:write key'] = bearer(await createApiKey(api, admin, ['MAIL_WRITE']));
    bccAddress = (await api.graphql<{ captureSettings: { bccAddress: string } }>('{ captureSettings { bccAddress } }', {}, credentials.ADMIN))
      .data!.captureSettings.bccAddress;
    credentials['entitlements key'] = bearer(await createApiKey(api, admin, ['ENTITLEMENTS_READ']));
    const revoked = await api.graphql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      'mutation { createApiKey(name: "revoked", scopes: [READ, USAGE_WRITE, MAIL_WRITE, ENTITLEMENTS_READ]) { key apiKey { id } } }',
      {},
      credentials.ADMIN,
    );
    const { key, apiKey } = revoked.data!.createApiKey;
    await api.graphql(
      'mutation ($id: ID!) { revokeApiKey(apiKeyId: $id) { id } }',
      { id: apiKey.id },
      credentials.ADMIN,
    );
    credentials['revoked key'] = bearer(key);
    routes = restRoutes(api).map((route) => `${route.method} ${route.path}`);
  });
  afterAll(() => api.close());

  it('has a rule for every route of the router, and none for routes that are gone', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((route) => !(route in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !routes.includes(route))).toEqual([]);
  });

  const expected = (rule: keyof typeof RULES, caller: Caller) =>
    (RULES[rule] as readonly Caller[]).includes(caller)
      ? 'success'
      : caller === 'anonymous' || caller === 'revoked key'
        ? 401
        : 403;

  it.each(CALLERS)('answers %s on every route as its rule says', async (caller) => {
    const answers: string[] = [];
    const wanted: string[] = [];
    for (const route of routes.filter((route) => route in ROUTES)) {
      const [method] = route.split(' ');
      for (const sample of ROUTES[route].samples()) {
        const response = await fetch(`${api.baseUrl}${sample.path}`, {
          method,
          headers: {
            ...credentials[caller],
            ...(sample.contentType ? { 'content-type': sample.contentType } : {}),
          },
          body: sample.body,
        });
        await response.arrayBuffer();
        const outcome = expected(ROUTES[route].rule, caller);
        const success = response.status >= 200 && response.status < 300;
        answers.push(
          `${method} ${sample.path}: ${outcome === 'success' && success ? 'success' : response.status}`,
        );
        wanted.push(`${method} ${sample.path}: ${outcome}`);
      }
    }
    expect(answers).toEqual(wanted);
  });
});
