import { IsNull } from 'typeorm';
import { AuditEntry, MemberStatus, RefreshToken, Role } from '../entities';
import { SessionService } from '../sessions/session.service';
import {
  createIdentityTestModule,
  IdentityTestModule,
  seedWorkspace,
  TEST_PASSWORD,
} from '../../testing/identity-test-module';
import { MemberService } from './member.service';

describe('MemberService', () => {
  let identity: IdentityTestModule;
  let members: MemberService;

  beforeAll(async () => {
    identity = await createIdentityTestModule();
    members = identity.get(MemberService);
  });
  afterAll(() => identity.close());

  it('never demotes or deactivates the last active admin', async () => {
    const { admin } = await seedWorkspace(identity, 'Lone Admin Studio');
    await identity.as(admin, async () => {
      await expect(members.changeRole(admin.membershipId, Role.EXECUTIVE)).rejects.toThrow(
        'at least one active admin',
      );
      await expect(members.deactivate(admin.membershipId)).rejects.toThrow('at least one active admin');
      expect((await members.get(admin.membershipId)).role).toBe(Role.ADMIN);
    });
  });

  it('lets an admin step down once another admin is active, and counts only active admins', async () => {
    const {
      admin,
      members: [second],
    } = await seedWorkspace(identity, 'Two Admin Studio', [Role.ADMIN]);
    await identity.as(admin, async () => {
      await members.deactivate(second.membershipId);
      await expect(members.changeRole(admin.membershipId, Role.PARTNERSHIPS)).rejects.toThrow(
        'at least one active admin',
      );
      await members.reactivate(second.membershipId);
      expect((await members.changeRole(admin.membershipId, Role.PARTNERSHIPS)).role).toBe(Role.PARTNERSHIPS);
    });
  });

  it('keeps one admin when two admins demote each other at the same moment', async () => {
    const {
      admin,
      members: [second],
    } = await seedWorkspace(identity, 'Race Studio', [Role.ADMIN]);
    const results = await Promise.allSettled([
      identity.as(admin, () => members.changeRole(second.membershipId, Role.EXECUTIVE)),
      identity.as(second, () => members.changeRole(admin.membershipId, Role.EXECUTIVE)),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const admins = await identity.as(admin, () => members.list({ role: Role.ADMIN }, {}));
    expect(admins.edges).toHaveLength(1);
  });

  it('ends the sessions of a deactivated member and audits the change', async () => {
    const {
      admin,
      members: [rep],
    } = await seedWorkspace(identity, 'Deactivation Studio', [Role.PARTNERSHIPS]);
    await identity.get(SessionService).signIn('partnerships0@deactivationstudio.test', TEST_PASSWORD);
    const deactivated = await identity.as(admin, () => members.deactivate(rep.membershipId));
    expect(deactivated.status).toBe(MemberStatus.DEACTIVATED);
    expect(
      await identity.dataSource
        .getRepository(RefreshToken)
        .countBy({ userId: rep.userId, revokedAt: IsNull() }),
    ).toBe(0);
    const entry = await identity.dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ entityId: rep.membershipId, action: 'deactivate' });
    expect(entry).toMatchObject({
      actorId: admin.membershipId,
      before: { status: 'active', role: 'PARTNERSHIPS' },
      after: { status: 'deactivated', role: 'PARTNERSHIPS' },
    });
  });

  it('filters by role, status and text, within the workspace only', async () => {
    const { admin } = await seedWorkspace(identity, 'Filter Studio', [Role.EXECUTIVE, Role.PARTNERSHIPS]);
    await seedWorkspace(identity, 'Other Filter Studio', [Role.EXECUTIVE]);
    await identity.as(admin, async () => {
      const names = async (filter: Parameters<MemberService['list']>[0]) =>
        (await members.list(filter, {})).edges.map((edge) => edge.node.role);
      expect(await names({})).toEqual([Role.ADMIN, Role.EXECUTIVE, Role.PARTNERSHIPS]);
      expect(await names({ role: Role.EXECUTIVE })).toEqual([Role.EXECUTIVE]);
      expect(await names({ search: 'PARTNER' })).toEqual([Role.PARTNERSHIPS]);
      expect(await names({ search: '100%_' })).toEqual([]);
      expect(await names({ status: MemberStatus.DEACTIVATED })).toEqual([]);
    });
  });

  it('answers NOT_FOUND for a member of another workspace', async () => {
    const a = await seedWorkspace(identity, 'Scope A Studio');
    const b = await seedWorkspace(identity, 'Scope B Studio', [Role.PARTNERSHIPS]);
    await identity.as(a.admin, async () => {
      await expect(members.get(b.members[0].membershipId)).rejects.toThrow('was not found');
      await expect(members.deactivate(b.members[0].membershipId)).rejects.toThrow('was not found');
    });
  });
});
