import { UnauthorizedException } from '@nestjs/common';
import { AuditEntry, Invitation, Membership, Role, User } from '../entities';
import {
  createIdentityTestModule,
  IdentityTestModule,
  seedWorkspace,
  TEST_PASSWORD,
} from '../../testing/identity-test-module';
import { sha256 } from '../tokens/secrets';
import { InvitationService } from './invitation.service';

describe('InvitationService', () => {
  let identity: IdentityTestModule;
  let invitations: InvitationService;
  let workspace: Awaited<ReturnType<typeof seedWorkspace>>;

  beforeAll(async () => {
    identity = await createIdentityTestModule();
    invitations = identity.get(InvitationService);
    workspace = await seedWorkspace(identity, 'Invite Studio');
  });
  afterAll(() => identity.close());

  const invite = (email: string, role = Role.PARTNERSHIPS) =>
    identity.as(workspace.admin, () => invitations.invite(email, role));

  it('issues a one-time link and stores only the hash of its token', async () => {
    const issued = await invite('New.Person@Example.test');
    expect(issued.link).toBe(`https://crm.example.test/invite/${issued.token}`);
    expect(issued.invitation).toMatchObject({
      email: 'new.person@example.test',
      invitedById: workspace.admin.membershipId,
    });
    const stored = await identity.dataSource.query('SELECT * FROM invitation WHERE id = $1', [
      issued.invitation.id,
    ]);
    expect(JSON.stringify(stored)).not.toContain(issued.token);
    expect(stored[0].token_hash).toBe(sha256(issued.token));
  });

  it('creates the user and membership on acceptance, signs them in, and audits it as the new member', async () => {
    const issued = await invite('ada@example.test', Role.ACCOUNT_MANAGER);
    const session = await invitations.accept(issued.token, ' Ada Lovelace ', 'analytical engine');
    expect(session.membership).toMatchObject({
      role: Role.ACCOUNT_MANAGER,
      workspaceId: workspace.workspaceId,
    });
    expect(session.accessToken).toBeTruthy();
    const user = await identity.dataSource.getRepository(User).findOneByOrFail({ email: 'ada@example.test' });
    expect(user.name).toBe('Ada Lovelace');
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const entries = await identity.dataSource
      .getRepository(AuditEntry)
      .findBy({ actorId: session.membership.id });
    expect(entries.map((entry) => `${entry.entity}:${entry.action}`).sort()).toEqual([
      'invitation:accept',
      'member:create',
    ]);
    await expect(invitations.accept(issued.token, 'Ada', 'analytical engine')).rejects.toThrow(
      'was not found, has expired',
    );
  });

  it('adds an existing user only when they prove their password', async () => {
    const other = await seedWorkspace(identity, 'Second Invite Studio');
    const issued = await invite('admin@secondinvitestudio.test', Role.EXECUTIVE);
    const refused = invitations.accept(issued.token, 'Whoever', 'not their password');
    await expect(refused).rejects.toThrow(new UnauthorizedException('Email or password is incorrect'));
    const session = await invitations.accept(issued.token, 'Whoever', TEST_PASSWORD);
    expect(session.membership).toMatchObject({
      userId: other.admin.userId,
      role: Role.EXECUTIVE,
      workspaceId: workspace.workspaceId,
    });
    expect(
      (await identity.dataSource.getRepository(User).findOneByOrFail({ id: other.admin.userId })).name,
    ).toBe('Second Invite Studio admin');
  });

  it('applies the password policy to new users', async () => {
    const issued = await invite('weak@example.test');
    await expect(invitations.accept(issued.token, 'Weak', 'weak@example.test')).rejects.toThrow(
      'password must not be the email address',
    );
  });

  it('refuses expired and revoked invitations, and replaces an earlier pending one', async () => {
    const expired = await invite('late@example.test');
    await identity.dataSource
      .getRepository(Invitation)
      .update({ id: expired.invitation.id }, { expiresAt: new Date(Date.now() - 1) });
    await expect(invitations.accept(expired.token, 'Late', 'long enough password')).rejects.toThrow(
      'was not found, has expired',
    );

    const first = await invite('twice@example.test');
    const second = await invite('twice@example.test');
    await expect(invitations.accept(first.token, 'Twice', 'long enough password')).rejects.toThrow(
      'was not found',
    );
    await identity.as(workspace.admin, () => invitations.revoke(second.invitation.id));
    await expect(invitations.accept(second.token, 'Twice', 'long enough password')).rejects.toThrow(
      'was not found',
    );
  });

  it('refuses to invite someone who is already a member', async () => {
    await expect(invite('admin@invitestudio.test')).rejects.toThrow('already a member');
    expect(
      await identity.dataSource.getRepository(Membership).countBy({ workspaceId: workspace.workspaceId }),
    ).toBeGreaterThan(0);
  });
});
