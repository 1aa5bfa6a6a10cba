import { ApiKey, ApiKeyScope, AuditEntry } from '../entities';
import { createIdentityTestModule, IdentityTestModule, seedWorkspace } from '../../testing/identity-test-module';
import { sha256 } from '../tokens/secrets';
import { ApiKeyService } from './api-key.service';

describe('ApiKeyService', () => {
  let identity: IdentityTestModule;
  let apiKeys: ApiKeyService;
  let workspace: Awaited<ReturnType<typeof seedWorkspace>>;

  beforeAll(async () => {
    identity = await createIdentityTestModule();
    apiKeys = identity.get(ApiKeyService);
    workspace = await seedWorkspace(identity, 'Key Studio');
  });
  afterAll(() => identity.close());

  const create = (scopes = [ApiKeyScope.USAGE_WRITE]) =>
    identity.as(workspace.admin, () => apiKeys.create(' Generator ', scopes));

  it('returns the key once as glk_<prefix>_<secret> and stores only its SHA-256 and prefix', async () => {
    const { apiKey, key } = await create([ApiKeyScope.USAGE_WRITE, ApiKeyScope.READ, ApiKeyScope.READ]);
    expect(key).toMatch(/^glk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`glk_${apiKey.prefix}_`)).toBe(true);
    expect(apiKey).toMatchObject({
      name: 'Generator',
      scopes: ['usage:write', 'read'],
      createdById: workspace.admin.membershipId,
    });
    const [row] = await identity.dataSource.query('SELECT * FROM api_key WHERE id = $1', [apiKey.id]);
    expect(JSON.stringify(row)).not.toContain(key.split('_')[2]);
    expect(row.key_hash).toBe(sha256(key));
    const audit = await identity.dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ entityId: apiKey.id });
    expect(JSON.stringify(audit)).not.toContain(key);
    expect(audit).toMatchObject({ action: 'create', after: { name: 'Generator', prefix: apiKey.prefix } });
  });

  it('authenticates the exact key only, and not once revoked', async () => {
    const { apiKey, key } = await create();
    await expect(apiKeys.authenticate(key)).resolves.toEqual({
      kind: 'api_key',
      workspaceId: workspace.workspaceId,
      apiKeyId: apiKey.id,
      scopes: ['usage:write'],
    });
    const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    await expect(apiKeys.authenticate(tampered)).resolves.toBeNull();
    await expect(apiKeys.authenticate('glk_short')).resolves.toBeNull();
    await identity.as(workspace.admin, () => apiKeys.revoke(apiKey.id));
    await expect(apiKeys.authenticate(key)).resolves.toBeNull();
  });

  it('records the last use at most once a minute', async () => {
    const { apiKey, key } = await create();
    const lastUsed = async () =>
      (await identity.dataSource.getRepository(ApiKey).findOneByOrFail({ id: apiKey.id })).lastUsedAt;
    await apiKeys.authenticate(key);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await apiKeys.authenticate(key);
    expect(await lastUsed()).toEqual(first);
    await identity.dataSource
      .getRepository(ApiKey)
      .update({ id: apiKey.id }, { lastUsedAt: new Date(Date.now() - 61_000) });
    await apiKeys.authenticate(key);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(Date.now() - 5_000);
  });
});
