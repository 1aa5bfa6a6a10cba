import { IsNull } from 'typeorm';
import { RefreshToken } from '../entities';
import {
  createIdentityTestModule,
  IdentityTestModule,
  seedWorkspace,
  TEST_PASSWORD,
} from '../../testing/identity-test-module';
import { AccessTokenService } from '../tokens/access-token.service';
import { sha256 } from '../tokens/secrets';
import { SessionService, SIGN_IN_FAILED } from './session.service';

describe('SessionService', () => {
  let identity: IdentityTestModule;
  let sessions: SessionService;
  let workspace: Awaited<ReturnType<typeof seedWorkspace>>;

  beforeAll(async () => {
    identity = await createIdentityTestModule();
    sessions = identity.get(SessionService);
    workspace = await seedWorkspace(identity, 'Session Studio');
  });
  afterAll(() => identity.close());

  const tokensOf = (familyId: string) => identity.dataSource.getRepository(RefreshToken).findBy({ familyId });

  it('signs in with a case-insensitive email and issues an access token for the membership', async () => {
    const session = await sessions.signIn('  ADMIN@sessionstudio.test ', TEST_PASSWORD);
    const claims = identity.get(AccessTokenService).verify(session.accessToken);
    expect(claims).toEqual({
      sub: workspace.admin.userId,
      workspace: workspace.workspaceId,
      membership: workspace.admin.membershipId,
      sid: expect.any(String),
      expiresAt: expect.any(Number),
    });
    // the token's own expiry, in whole seconds, is the session's
    expect(Math.abs(claims!.expiresAt - session.expiresAt.getTime())).toBeLessThan(2000);
    expect(session.expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 60 * 1000);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    await expect(sessions.signIn('nobody@sessionstudio.test', TEST_PASSWORD)).rejects.toThrow(SIGN_IN_FAILED);
    await expect(sessions.signIn('admin@sessionstudio.test', 'wrong password!')).rejects.toThrow(
      SIGN_IN_FAILED,
    );
  });

  it('stores refresh tokens only hashed', async () => {
    const session = await sessions.signIn('admin@sessionstudio.test', TEST_PASSWORD);
    const rows = await identity.dataSource.query('SELECT token_hash FROM refresh_token');
    expect(JSON.stringify(rows)).not.toContain(session.refreshToken);
    expect(rows.map((row: { token_hash: string }) => row.token_hash)).toContain(sha256(session.refreshToken));
  });

  it('rotates: each refresh token works once and is replaced within the same family', async () => {
    const first = await sessions.signIn('admin@sessionstudio.test', TEST_PASSWORD);
    const second = await sessions.refresh(first.refreshToken);
    const third = await sessions.refresh(second.refreshToken);
    const family = identity.get(AccessTokenService).verify(third.accessToken)!.sid;
    expect(identity.get(AccessTokenService).verify(first.accessToken)!.sid).toBe(family);
    const rows = await tokensOf(family);
    expect(rows).toHaveLength(3);
    expect(rows.filter((row) => row.revokedAt === null)).toHaveLength(1);
    expect(rows.filter((row) => row.replacedById !== null)).toHaveLength(2);
  });

  it('revokes the whole family when a rotated token is presented again', async () => {
    const first = await sessions.signIn('admin@sessionstudio.test', TEST_PASSWORD);
    const second = await sessions.refresh(first.refreshToken);
    await expect(sessions.refresh(first.refreshToken)).rejects.toThrow('This session has ended');
    const family = identity.get(AccessTokenService).verify(second.accessToken)!.sid;
    expect(
      await identity.dataSource
        .getRepository(RefreshToken)
        .countBy({ familyId: family, revokedAt: IsNull() }),
    ).toBe(0);
    await expect(sessions.refresh(second.refreshToken)).rejects.toThrow('This session has ended');
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const session = await sessions.signIn('admin@sessionstudio.test', TEST_PASSWORD);
    const results = await Promise.allSettled([
      sessions.refresh(session.refreshToken),
      sessions.refresh(session.refreshToken),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses an expired refresh token and an unknown one', async () => {
    const session = await sessions.signIn('admin@sessionstudio.test', TEST_PASSWORD);
    await identity.dataSource
      .getRepository(RefreshToken)
      .update({ tokenHash: sha256(session.refreshToken) }, { expiresAt: new Date(Date.now() - 1000) });
    await expect(sessions.refresh(session.refreshToken)).rejects.toThrow('This session has ended');
    await expect(sessions.refresh('glr_unknown')).rejects.toThrow('This session has ended');
  });

  it("signs out only the caller's own session", async () => {
    const session = await sessions.signIn('admin@sessionstudio.test', TEST_PASSWORD);
    const stranger = { ...workspace.admin, userId: '00000000-0000-4000-8000-000000000000' };
    await expect(sessions.signOut(session.refreshToken, stranger)).rejects.toThrow('Session was not found');
    await expect(sessions.signOut(session.refreshToken, workspace.admin)).resolves.toBe(true);
    await expect(sessions.refresh(session.refreshToken)).rejects.toThrow('This session has ended');
  });
});
