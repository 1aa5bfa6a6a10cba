import { EntityNotFoundException } from '@greenlight/common';
import { randomUUID } from 'node:crypto';
import { ApiKey, ApiKeyScope } from '../entities';
import { createIdentityTestModule, IdentityTestModule, seedWorkspace } from '../../testing/identity-test-module';
import { WorkspaceScope } from './workspace-scoped.repository';

describe('WorkspaceScopedRepository', () => {
  let identity: IdentityTestModule;
  let a: Awaited<ReturnType<typeof seedWorkspace>>;
  let b: Awaited<ReturnType<typeof seedWorkspace>>;
  let keyOfB: ApiKey;

  const keys = () => identity.get(WorkspaceScope).repository(ApiKey, 'API key');
  const values = (name: string) => ({
    name,
    prefix: randomUUID().slice(0, 8),
    keyHash: 'hash',
    scopes: [ApiKeyScope.READ],
  });

  beforeAll(async () => {
    identity = await createIdentityTestModule();
    a = await seedWorkspace(identity, 'Scoped A');
    b = await seedWorkspace(identity, 'Scoped B');
    keyOfB = await identity.as(b.admin, () => keys().insert(values('b key')));
    await identity.as(a.admin, () => keys().insert(values('a key')));
  });
  afterAll(() => identity.close());

  it('stamps inserts with the current workspace, whatever the values say', async () => {
    const row = await identity.as(a.admin, () =>
      keys().insert({ ...values('sneaky'), workspaceId: b.workspaceId }),
    );
    expect(row.workspaceId).toBe(a.workspaceId);
  });

  it("filters every read by the current workspace and answers NOT_FOUND for another's rows", async () => {
    await identity.as(a.admin, async () => {
      const repository = keys();
      expect((await repository.find()).map((row) => row.workspaceId)).not.toContain(b.workspaceId);
      expect(await repository.findById(keyOfB.id)).toBeNull();
      expect(await repository.findByIds([keyOfB.id, 'not-a-uuid'])).toEqual([]);
      expect(await repository.findOneBy({ name: 'b key' })).toBeNull();
      expect(await repository.count({ name: 'b key' })).toBe(0);
      expect(await repository.query('k').andWhere('k.name = :name', { name: 'b key' }).getCount()).toBe(0);
      await expect(repository.getById(keyOfB.id)).rejects.toBeInstanceOf(EntityNotFoundException);
      await expect(repository.update(keyOfB.id, { name: 'taken over' })).rejects.toBeInstanceOf(
        EntityNotFoundException,
      );
      await expect(repository.save({ ...keyOfB, name: 'taken over' })).rejects.toBeInstanceOf(
        EntityNotFoundException,
      );
    });
    expect((await identity.dataSource.getRepository(ApiKey).findOneByOrFail({ id: keyOfB.id })).name).toBe(
      'b key',
    );
  });

  it('refuses a query whose conditions would drop the workspace filter', async () => {
    await identity.as(a.admin, async () => {
      expect(() => keys().query('k', (q) => q.where('k.name = :name', { name: 'b key' }))).toThrow(
        'lost its workspace condition',
      );
      expect(() => keys().query('k', (q) => q.orWhere('k.name = :name', { name: 'b key' }))).toThrow(
        'lost its workspace condition',
      );
      expect(() => keys().query('k', (q) => q.setParameter('scopeWorkspaceId', b.workspaceId))).toThrow(
        'lost its workspace condition',
      );
    });
  });

  it('refuses to work without a signed-in workspace', async () => {
    expect(() => keys().query('k')).toThrow('Sign in to continue');
    await expect(keys().find()).rejects.toThrow('Sign in to continue');
  });
});
