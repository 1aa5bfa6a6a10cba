import { startTestApp, TestApp } from '../support/test-app';

/** Documents with a typo, and the name GraphQL would suggest for it. */
const SUGGESTION_PROBES: [string, Record<string, unknown>, string][] = [
  ['{ acount(id: "a") { id } }', {}, '"account"'],
  ['{ accounts { edges { node { nam } } } }', {}, '"name"'],
  ['{ accounts(frist: 1) { totalCount } }', {}, '"first"'],
  ['query ($f: AcountFilter) { accounts(filter: $f) { totalCount } }', {}, '"AccountFilter"'],
  [
    'query ($k: [AccountKind!]) { accounts(filter: { kinds: $k }) { totalCount } }',
    { k: ['STUDI'] },
    '"STUDIO"',
  ],
];

describe('API hardening', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({
      GRAPHQL_MAX_DEPTH: '6',
      GRAPHQL_MAX_COMPLEXITY: '500',
      CORS_ORIGINS: 'https://crm.example.com',
    });
  });
  afterAll(() => api.close());

  it('refuses a very wide query with QUERY_TOO_COMPLEX', async () => {
    const wide = Array.from({ length: 2 }, (_, i) => `f${i}: accounts(first: 100) { edges { node { id name } } }`).join(' ');
    const response = await api.graphql(`{ ${wide} }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Query is too complex'),
      extensions: { code: 'QUERY_TOO_COMPLEX', maximum: 500 },
    });
    expect(response.data).toBeUndefined();
  });

  it('refuses the same operation each time it is sent, its cost known from the first time', async () => {
    const wide = Array.from({ length: 2 }, (_, i) => `f${i}: accounts(first: 100) { edges { node { id name } } }`).join(' ');
    for (const operationName of [undefined, 'Wide', 'Wide']) {
      const response = await api.graphql(operationName ? `query Wide { ${wide} }` : `{ ${wide} }`);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX', maximum: 500 } });
    }
    const narrow = await api.graphql('query Wide { __typename }');
    expect(narrow.status).toBe(200);
  });

  it('sends security headers', async () => {
    const response = await fetch(`${api.baseUrl}/health/live`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('allows only listed browser origins', async () => {
    const allowed = await fetch(`${api.baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://crm.example.com', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://crm.example.com');
    const refused = await fetch(`${api.baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps GraphQL\'s "Did you mean" hints while introspection is on', async () => {
    for (const [query, variables, hint] of SUGGESTION_PROBES) {
      const messages = ((await api.graphql(query, variables)).errors ?? [])
        .map((error) => error.message)
        .join(' ');
      expect([query, messages]).toEqual([query, expect.stringContaining(`Did you mean`)]);
      expect([query, messages]).toEqual([query, expect.stringContaining(hint)]);
    }
  });
});

describe('production mode', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(() => api.close());

  it('turns introspection off', async () => {
    const response = await api.graphql('{ __schema { queryType { name } } }');
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0].message).toMatch(/introspection/i);
  });

  it('keeps GraphQL\'s "Did you mean" hints out of errors, so they do not reveal the schema', async () => {
    for (const [query, variables, hint] of SUGGESTION_PROBES) {
      const response = await api.graphql(query, variables);
      expect(response.errors?.length).toBeGreaterThan(0);
      const messages = response.errors!.map((error) => error.message).join(' ');
      expect([query, messages]).not.toEqual([query, expect.stringMatching(/did you mean/i)]);
      expect([query, messages]).not.toEqual([query, expect.stringContaining(hint)]);
    }
  });

  it('serves no landing page', async () => {
    const response = await fetch(`${api.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toContain('<html');
  });
});
