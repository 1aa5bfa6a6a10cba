import { startTestApp, TestApp } from '../support/test-app';

describe('GraphQL over HTTP', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('answers { __typename } at /graphql', async () => {
    const response = await api.graphql('{ __typename serverInfo { version startedAt } }');
    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      __typename: 'Query',
      serverInfo: { version: expect.any(String), startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
  });

  it('answers a bad document in the errors array with a machine-readable code', async () => {
    const response = await api.graphql('{ noSuchField }');
    expect(response.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
    expect(JSON.stringify(response.errors)).not.toContain('stacktrace');
  });

  it('tags every response and log line of a request with its request id', async () => {
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc-123' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('trace-abc-123');
    const generated = (await api.graphql('{ __typename }')).headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const line = api.logs.find((entry) => entry.requestId === 'trace-abc-123');
    expect(line).toMatchObject({ msg: 'request completed', res: { statusCode: 200 } });
  });

  it('hashes no answer for an ETag: GraphQL answers are not cached', async () => {
    const response = await api.graphql('{ __typename }');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect((await fetch(`${api.baseUrl}/health/live`)).headers.get('etag')).toBeNull();
  });

  it('refuses an oversized body with 413', async () => {
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(2_000_000)}` }),
    });
    expect(response.status).toBe(413);
  });

  it('reports liveness and readiness with a database ping', async () => {
    const live = await fetch(`${api.baseUrl}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${api.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });
});

describe('readiness without a database', () => {
  it('answers 503 when the database is gone', async () => {
    const api = await startTestApp();
    try {
      const { Client } = await import('pg');
      const admin = new Client({ connectionString: api.db.serverUrl });
      await admin.connect();
      await admin.query('ALTER DATABASE ' + JSON.stringify(api.db.name) + ' WITH ALLOW_CONNECTIONS false');
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [api.db.name]);
      await admin.end();
      const ready = await fetch(`${api.baseUrl}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
      expect((await fetch(`${api.baseUrl}/health/live`)).status).toBe(200);
    } finally {
      await api.app.close();
      const { Client } = await import('pg');
      const admin = new Client({ connectionString: api.db.serverUrl });
      await admin.connect();
      await admin.query('ALTER DATABASE ' + JSON.stringify(api.db.name) + ' WITH ALLOW_CONNECTIONS true');
      await admin.end();
      await api.db.drop();
    }
  });
});
