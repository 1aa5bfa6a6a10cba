import { startTestApp, TestApp } from '../support/test-app';

describe('API hardening', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COMPLEXITY: '500', CORS_ORIGINS: 'https://crm.example.com' });
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

  it('serves no landing page', async () => {
    const response = await fetch(`${api.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toContain('<html');
  });
});
