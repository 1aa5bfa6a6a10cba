import { startTestApp, TestApp } from '../support/test-app';
import { bearer, codes, createWorkspace, signIn, WorkspaceFixture } from './fixtures';

const CREATE = `mutation ($name: String!, $scopes: [ApiKeyScope!]!) {
  createApiKey(name: $name, scopes: $scopes) { key apiKey { id name prefix scopes lastUsedAt revokedAt createdBy { id } } }
}`;
const MEMBERS = '{ members(first: 10) { totalCount edges { node { id role user { email } } } } }';

interface Created {
  createApiKey: { key: string; apiKey: { id: string; prefix: string; lastUsedAt: string | null } };
}

describe('API keys over HTTP', () => {
  let api: TestApp;
  let a: WorkspaceFixture;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApp();
    a = await createWorkspace(api, 'Keys');
    admin = (await signIn(api, a.members.ADMIN.email)).accessToken;
  });
  afterAll(() => api.close());

  const create = async (scopes: string[]) => {
    const response = await api.graphql<Created>(
      CREATE,
      { name: `key ${scopes.join('+')}`, scopes },
      bearer(admin),
    );
    expect(response.errors).toBeUndefined();
    return response.data!.createApiKey;
  };

  it('creates a key shown once, listed afterwards by prefix only', async () => {
    const created = await create(['USAGE_WRITE']);
    expect(created.key).toMatch(new RegExp(`^glk_${created.apiKey.prefix}_[A-Za-z0-9_-]{43}$`));
    expect(created.apiKey).toMatchObject({
      scopes: ['USAGE_WRITE'],
      lastUsedAt: null,
      revokedAt: null,
      createdBy: { id: a.members.ADMIN.memberId },
    });
    const listed = await api.graphql(
      '{ apiKeys(first: 50) { totalCount edges { node { id prefix name } } } }',
      {},
      bearer(admin),
    );
    expect(JSON.stringify(listed.data)).toContain(created.apiKey.prefix);
    expect(JSON.stringify(listed.data)).not.toContain(created.key);
  });

  it('lets a read key run queries, as Bearer or Basic, but no mutation', async () => {
    const { key } = await create(['READ']);
    const asBearer = await api.graphql<{ members: { totalCount: number } }>(MEMBERS, {}, bearer(key));
    expect(asBearer.errors).toBeUndefined();
    expect(asBearer.data?.members.totalCount).toBe(4);
    const basic = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
    expect((await api.graphql(MEMBERS, {}, basic)).errors).toBeUndefined();
    expect(codes(await api.graphql(CREATE, { name: 'escalate', scopes: ['READ'] }, bearer(key)))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await api.graphql('{ me { user { id } } }', {}, bearer(key)))).toEqual(['FORBIDDEN']);
    expect(codes(await api.graphql('{ apiKeys { totalCount } }', {}, bearer(key)))).toEqual(['FORBIDDEN']);
  });

  it('keeps a usage:write key away from GraphQL', async () => {
    const { key } = await create(['USAGE_WRITE']);
    expect(codes(await api.graphql(MEMBERS, {}, bearer(key)))).toEqual(['FORBIDDEN']);
  });

  it('records the last use and stops a revoked key at once', async () => {
    const { key, apiKey } = await create(['READ']);
    await api.graphql(MEMBERS, {}, bearer(key));
    const listed = await api.graphql<{
      apiKeys: { edges: { node: { id: string; lastUsedAt: string | null } }[] };
    }>('{ apiKeys(first: 50) { edges { node { id lastUsedAt } } } }', {}, bearer(admin));
    expect(listed.data?.apiKeys.edges.find((edge) => edge.node.id === apiKey.id)?.node.lastUsedAt).toEqual(
      expect.any(String),
    );

    const revoked = await api.graphql(
      'mutation ($id: ID!) { revokeApiKey(apiKeyId: $id) { revokedAt } }',
      { id: apiKey.id },
      bearer(admin),
    );
    expect(revoked.data).toEqual({ revokeApiKey: { revokedAt: expect.any(String) } });
    expect(codes(await api.graphql(MEMBERS, {}, bearer(key)))).toEqual(['UNAUTHENTICATED']);

    const trail = await api.graphql<{
      auditEntries: { edges: { node: { action: string; actorMember: { id: string }; requestId: string } }[] };
    }>(
      'query ($id: ID!) { auditEntries(entity: "api_key", entityId: $id) { edges { node { action actorMember { id } requestId } } } }',
      { id: apiKey.id },
      bearer(admin),
    );
    expect(trail.data?.auditEntries.edges.map((edge) => edge.node)).toEqual([
      { action: 'revoke', actorMember: { id: a.members.ADMIN.memberId }, requestId: expect.any(String) },
      { action: 'create', actorMember: { id: a.members.ADMIN.memberId }, requestId: expect.any(String) },
    ]);
  });

  it('names the field of bad input', async () => {
    const response = await api.graphql(CREATE, { name: 'x'.repeat(101), scopes: [] }, bearer(admin));
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0].extensions?.fields).toEqual([
      { path: 'name', message: 'name must be at most 100 characters long' },
      { path: 'scopes', message: 'scopes must name at least one scope' },
    ]);
  });
});
