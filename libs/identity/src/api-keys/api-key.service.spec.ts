import { ApiKey, ApiKeyScope, AuditEntry } from '../entities';
import { createIdentityTestModule, IdentityTestModule, seedWorkspace } from '../../testing/identity-test-module';
import { sha256 } from '../tokens/secrets';
import { ApiKeyService, KNOWN_KEY_GRACE_MS, VERIFIED_KEY_MS } from './api-key.service';

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
  afterEach(() => jest.restoreAllMocks());

  /** Moves the service's clock `ms` on (Date.now), so the keys it verified are due a check. */
  const realNow = Date.now.bind(Date);
  let skipped = 0;
  const later = (ms: number) => {
    skipped += ms;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + skipped);
  };
  beforeEach(() => (skipped = 0));

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
    const minuteAgo = new Date(Date.now() - 61_000);
    await identity.dataSource.getRepository(ApiKey).update({ id: apiKey.id }, { lastUsedAt: minuteAgo });
    later(VERIFIED_KEY_MS); // the key is checked against the database again
    await apiKeys.authenticate(key);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(minuteAgo.getTime() + 55_000);
  });

  describe('keys verified from memory', () => {
    const revokeInDatabase = (id: string) =>
      identity.dataSource.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [id]);

    it(`lets a key found valid in the last ${VERIFIED_KEY_MS} ms in without asking the database`, async () => {
      const { apiKey, key } = await create();
      await apiKeys.authenticate(key);
      // revoked by another instance: this one still lets the key in until its check is due
      await revokeInDatabase(apiKey.id);
      await expect(apiKeys.authenticate(key)).resolves.toMatchObject({ apiKeyId: apiKey.id });
      later(VERIFIED_KEY_MS);
      await expect(apiKeys.authenticate(key)).resolves.toBeNull();
    });

    it('refuses a key revoked on this instance at once, though it was verified a moment ago', async () => {
      const { apiKey, key } = await create();
      await expect(apiKeys.authenticate(key)).resolves.toMatchObject({ apiKeyId: apiKey.id });
      await identity.as(workspace.admin, () => apiKeys.revoke(apiKey.id));
      await expect(apiKeys.authenticate(key)).resolves.toBeNull();
    });

    it('does not remember a check that read the key while it was being revoked', async () => {
      const { apiKey, key } = await create();
      const checking = apiKeys.authenticate(key); // reads the row before the revocation commits
      await identity.as(workspace.admin, () => apiKeys.revoke(apiKey.id));
      await checking;
      await expect(apiKeys.authenticate(key)).resolves.toBeNull();
    });

    it('never lets in a different key with the same prefix', async () => {
      const { key } = await create();
      await apiKeys.authenticate(key);
      const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
      await expect(apiKeys.authenticate(tampered)).resolves.toBeNull();
    });

    it(`lets a known key in while the database cannot be reached, for ${KNOWN_KEY_GRACE_MS} ms`, async () => {
      const { apiKey, key } = await create();
      await apiKeys.authenticate(key);
      later(VERIFIED_KEY_MS);
      const unavailable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      const find = jest.spyOn(identity.dataSource.getRepository(ApiKey), 'findOneBy').mockRejectedValue(unavailable);
      try {
        await expect(apiKeys.authenticate(key)).resolves.toMatchObject({ apiKeyId: apiKey.id });
        later(KNOWN_KEY_GRACE_MS);
        await expect(apiKeys.authenticate(key)).rejects.toBe(unavailable);
      } finally {
        find.mockRestore();
      }
    });
  });
});
