import { randomUUID } from 'node:crypto';
import { systemPrincipal } from '../context/principal';
import { ActorType, AuditEntry } from '../entities';
import { createIdentityTestModule, IdentityTestModule, seedWorkspace } from '../../testing/identity-test-module';
import { AuditService } from './audit.service';

describe('AuditService', () => {
  let identity: IdentityTestModule;
  let audit: AuditService;
  let workspace: Awaited<ReturnType<typeof seedWorkspace>>;

  beforeAll(async () => {
    identity = await createIdentityTestModule();
    audit = identity.get(AuditService);
    workspace = await seedWorkspace(identity, 'Audit Studio');
  });
  afterAll(() => identity.close());

  it('takes actor and workspace from the context and drops secrets from snapshots', async () => {
    const entityId = randomUUID();
    const entry = await identity.as(workspace.admin, () =>
      audit.record({
        entity: 'account',
        entityId,
        action: 'update',
        before: { name: 'Old', passwordHash: 'x', token: 'y' },
        after: { name: 'New', apiKey: 'z', key: 'k', keyHash: 'h', at: new Date('2026-01-02T03:04:05Z') },
      }),
    );
    expect(entry).toMatchObject({
      workspaceId: workspace.workspaceId,
      actorType: ActorType.MEMBER,
      actorId: workspace.admin.membershipId,
      before: { name: 'Old' },
      after: { name: 'New', apiKey: 'z', at: '2026-01-02T03:04:05.000Z' },
    });
  });

  it("is part of the caller's transaction", async () => {
    const entityId = randomUUID();
    await expect(
      identity.as(systemPrincipal(workspace.workspaceId), () =>
        identity.dataSource.transaction(async (manager) => {
          await audit.record({ entity: 'account', entityId, action: 'create' }, manager);
          throw new Error('the change failed');
        }),
      ),
    ).rejects.toThrow('the change failed');
    expect(await identity.dataSource.getRepository(AuditEntry).countBy({ entityId })).toBe(0);
  });

  it('refuses to record without an actor', async () => {
    await expect(
      audit.record({ entity: 'account', entityId: randomUUID(), action: 'create' }),
    ).rejects.toThrow('needs an actor');
  });

  it('lists the current workspace entries newest first, filtered by entity and id', async () => {
    const other = await seedWorkspace(identity, 'Other Audit Studio');
    const entityId = randomUUID();
    await identity.as(workspace.admin, async () => {
      await audit.record({ entity: 'account', entityId, action: 'create' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await audit.record({ entity: 'account', entityId, action: 'update' });
    });
    await identity.as(other.admin, () => audit.record({ entity: 'account', entityId, action: 'delete' }));
    const page = await identity.as(workspace.admin, () =>
      audit.list({ entity: 'account', entityId }, { first: 10 }),
    );
    expect(page.edges.map((edge) => edge.node.action)).toEqual(['update', 'create']);
    const workspaceCreation = await identity.as(workspace.admin, () =>
      audit.list({ entity: 'workspace' }, {}),
    );
    expect(workspaceCreation.edges.map((edge) => [edge.node.action, edge.node.actorType])).toEqual([
      ['create', ActorType.SYSTEM],
    ]);
  });
});
