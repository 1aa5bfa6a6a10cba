import { Logger } from '@nestjs/common';
import { bearer, createWorkspace, signIn, WorkspaceFixture } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Waits for the access-log line of a request (written when its response has ended). */
async function accessLine(api: TestApp, requestId: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const line = api.logs.find((entry) => entry.requestId === requestId && 'responseTime' in entry);
    if (line || Date.now() > deadline) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the access log', () => {
  let api: TestApp;
  let workspace: WorkspaceFixture;
  beforeAll(async () => {
    api = await startTestApp();
    workspace = await createWorkspace(api, 'Access Log');
  });
  afterAll(() => api.close());

  it('writes one line per request: method, path, status, time and request id', async () => {
    await api.graphql('{ __typename }', {}, { 'x-request-id': 'access-anonymous-1' });
    const line = await accessLine(api, 'access-anonymous-1');
    expect(line).toMatchObject({
      msg: 'request completed',
      req: { method: 'POST', url: '/graphql' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(line).not.toHaveProperty('userId');
    expect(
      api.logs.filter((entry) => entry.requestId === 'access-anonymous-1' && 'responseTime' in entry),
    ).toHaveLength(1);
  });

  it('names the signed-in member and the workspace, never the credentials', async () => {
    const { accessToken } = await signIn(api, workspace.members.ADMIN.email);
    const response = await api.graphql(
      '{ me { user { email } } }',
      {},
      { ...bearer(accessToken), 'x-request-id': 'access-member-1' },
    );
    expect(response.errors).toBeUndefined();
    const line = await accessLine(api, 'access-member-1');
    expect(line).toMatchObject({
      msg: 'request completed',
      workspaceId: workspace.id,
      userId: workspace.members.ADMIN.userId,
      res: { statusCode: 200 },
    });
    expect(JSON.stringify(line)).not.toContain(accessToken);
  });

  it('logs REST routes, refused requests and oversized bodies too, but not the probes', async () => {
    const refused = await fetch(`${api.baseUrl}/v1/grants.csv?status=active`, {
      headers: { 'x-request-id': 'access-refused-1' },
    });
    expect(refused.status).toBe(401);
    expect(await accessLine(api, 'access-refused-1')).toMatchObject({
      req: { method: 'GET', url: '/v1/grants.csv?status=active' },
      res: { statusCode: 401 },
    });
    const oversized = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'access-oversized-1' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(2_000_000)}` }),
    });
    expect(oversized.status).toBe(413);
    expect(oversized.headers.get('x-request-id')).toBe('access-oversized-1');
    expect(await accessLine(api, 'access-oversized-1')).toMatchObject({
      res: { statusCode: 413 },
    });
    const probe = await fetch(`${api.baseUrl}/health/live`, {
      headers: { 'x-request-id': 'access-probe-1' },
    });
    expect(probe.status).toBe(200);
    expect(probe.headers.get('x-request-id')).toBe('access-probe-1');
    await accessLine(api, 'access-oversized-1');
    expect(api.logs.filter((entry) => entry.requestId === 'access-probe-1')).toEqual([]);
  });

  it("writes Nest's own log lines through the same logger, with their context", () => {
    const from = api.logs.length;
    new Logger('AccessLogTest').warn('a line from Nest');
    expect(api.logs.slice(from)).toEqual([
      expect.objectContaining({ level: 40, context: 'AccessLogTest', msg: 'a line from Nest' }),
    ]);
  });
});
