import { Role, WorkspaceService } from '@greenlight/identity';
import { JwtService } from '@nestjs/jwt';
import { startTestApp, TestApp } from '../support/test-app';
import { bearer, codes, createWorkspace, PASSWORD, signIn, WorkspaceFixture } from './fixtures';

const ME = '{ me { user { email name } member { id role status } workspace { slug } workspaces { slug } } }';

describe('sign-in over GraphQL', () => {
  let api: TestApp;
  let a: WorkspaceFixture;
  let b: WorkspaceFixture;

  beforeAll(async () => {
    api = await startTestApp();
    a = await createWorkspace(api, 'Alpha');
    b = await createWorkspace(api, 'Bravo');
  });
  afterAll(() => api.close());

  it('signs in, answers me, and refuses anonymous callers', async () => {
    const tokens = await signIn(api, a.members.ADMIN.email.toUpperCase());
    const me = await api.graphql(ME, {}, bearer(tokens.accessToken));
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({
      me: {
        user: { email: a.members.ADMIN.email, name: a.members.ADMIN.name },
        member: { id: a.members.ADMIN.memberId, role: 'ADMIN', status: 'ACTIVE' },
        workspace: { slug: a.slug },
        workspaces: [{ slug: a.slug }],
      },
    });
    expect(codes(await api.graphql(ME))).toEqual(['UNAUTHENTICATED']);
  });

  it('answers the same message for an unknown email and a wrong password', async () => {
    const unknown = await api.graphql(
      'mutation { signIn(email: "nobody@alpha.test", password: "whatever-long-enough") { accessToken } }',
    );
    const wrong = await api.graphql(
      `mutation { signIn(email: "${a.members.ADMIN.email}", password: "not the password") { accessToken } }`,
    );
    expect(codes(unknown)).toEqual(['UNAUTHENTICATED']);
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(unknown.errors?.[0].message).toBe(wrong.errors?.[0].message);
  });

  it('refuses expired, tampered, foreign-signed and malformed access tokens', async () => {
    const tokens = await signIn(api, a.members.PARTNERSHIPS.email);
    const jwt = api.app.get(JwtService);
    const claims = jwt.decode<Record<string, unknown>>(tokens.accessToken);
    const { exp: _exp, iat: _iat, ...rest } = claims;
    const expired = jwt.sign({ ...rest, exp: Math.floor(Date.now() / 1000) - 10 });
    const [header, payload, signature] = tokens.accessToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...claims, membership: b.members.ADMIN.memberId, workspace: b.id }),
    ).toString('base64url');
    const tampered = `${header}.${forged}.${signature}`;
    const foreign = new JwtService({ secret: 'another-secret-another-secret-another' }).sign(rest);
    for (const token of [expired, tampered, foreign, 'garbage', `${header}.${payload}`]) {
      expect(codes(await api.graphql(ME, {}, bearer(token)))).toEqual(['UNAUTHENTICATED']);
    }
    expect(codes(await api.graphql(ME, {}, { authorization: 'Token abc' }))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a validly signed token whose membership is in another workspace', async () => {
    const tokens = await signIn(api, a.members.PARTNERSHIPS.email);
    const jwt = api.app.get(JwtService);
    const { exp: _exp, iat: _iat, ...claims } = jwt.decode<Record<string, unknown>>(tokens.accessToken);
    const wrongWorkspace = jwt.sign({ ...claims, workspace: b.id });
    const wrongMembership = jwt.sign({ ...claims, membership: b.members.PARTNERSHIPS.memberId });
    for (const token of [wrongWorkspace, wrongMembership]) {
      expect(codes(await api.graphql(ME, {}, bearer(token)))).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('refuses to sign in to a workspace the user is not a member of', async () => {
    const response = await api.graphql(
      'mutation ($email: String!, $password: String!, $slug: String) { signIn(email: $email, password: $password, workspaceSlug: $slug) { accessToken } }',
      { email: a.members.ADMIN.email, password: PASSWORD, slug: b.slug },
    );
    expect(codes(response)).toEqual(['FORBIDDEN']);
  });

  it('ends the access token when the session is signed out', async () => {
    const tokens = await signIn(api, a.members.ACCOUNT_MANAGER.email);
    const out = await api.graphql(
      'mutation ($t: String!) { signOut(refreshToken: $t) }',
      { t: tokens.refreshToken },
      bearer(tokens.accessToken),
    );
    expect(out.data).toEqual({ signOut: true });
    expect(codes(await api.graphql(ME, {}, bearer(tokens.accessToken)))).toEqual(['UNAUTHENTICATED']);
    const refresh = await api.graphql(
      'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
      {
        t: tokens.refreshToken,
      },
    );
    expect(codes(refresh)).toEqual(['UNAUTHENTICATED']);
  });

  it('rotates refresh tokens; reusing a rotated one revokes the whole session', async () => {
    const REFRESH =
      'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }';
    const first = await signIn(api, a.members.EXECUTIVE.email);
    const second = (
      await api.graphql<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, {
        t: first.refreshToken,
      })
    ).data!.refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await api.graphql(ME, {}, bearer(second.accessToken))).errors).toBeUndefined();

    expect(codes(await api.graphql(REFRESH, { t: first.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.graphql(REFRESH, { t: second.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.graphql(ME, {}, bearer(second.accessToken)))).toEqual(['UNAUTHENTICATED']);
  });

  it('applies deactivation and role changes at once, without a new token', async () => {
    const admin = await signIn(api, b.members.ADMIN.email);
    const member = await signIn(api, b.members.PARTNERSHIPS.email);
    const INVITE = 'mutation { inviteMember(email: "someone@bravo.test", role: PARTNERSHIPS) { link } }';
    expect(codes(await api.graphql(INVITE, {}, bearer(member.accessToken)))).toEqual(['FORBIDDEN']);

    const promote = await api.graphql(
      'mutation ($id: ID!) { changeMemberRole(memberId: $id, role: ADMIN) { role } }',
      { id: b.members.PARTNERSHIPS.memberId },
      bearer(admin.accessToken),
    );
    expect(promote.data).toEqual({ changeMemberRole: { role: 'ADMIN' } });
    expect((await api.graphql(INVITE, {}, bearer(member.accessToken))).errors).toBeUndefined();

    const deactivate = await api.graphql(
      'mutation ($id: ID!) { deactivateMember(memberId: $id) { status } }',
      { id: b.members.PARTNERSHIPS.memberId },
      bearer(admin.accessToken),
    );
    expect(deactivate.data).toEqual({ deactivateMember: { status: 'DEACTIVATED' } });
    expect(codes(await api.graphql(ME, {}, bearer(member.accessToken)))).toEqual(['FORBIDDEN']);
    const refresh = await api.graphql(
      'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
      {
        t: member.refreshToken,
      },
    );
    expect(codes(refresh)).toEqual(['UNAUTHENTICATED']);
  });

  it('switches to another workspace the user belongs to', async () => {
    await api.app
      .get(WorkspaceService)
      .addMember(b.id, { email: a.members.EXECUTIVE.email, role: Role.EXECUTIVE });
    const tokens = await signIn(api, a.members.EXECUTIVE.email, PASSWORD, a.slug);
    const switched = await api.graphql<{
      switchWorkspace: { accessToken: string; workspace: { slug: string } };
    }>(
      'mutation ($id: ID!) { switchWorkspace(workspaceId: $id) { accessToken workspace { slug } } }',
      { id: b.id },
      bearer(tokens.accessToken),
    );
    expect(switched.data?.switchWorkspace.workspace.slug).toBe(b.slug);
    const me = await api.graphql<{ me: { workspace: { slug: string }; workspaces: { slug: string }[] } }>(
      ME,
      {},
      bearer(switched.data!.switchWorkspace.accessToken),
    );
    expect(me.data?.me.workspace.slug).toBe(b.slug);
    expect(me.data?.me.workspaces.map((w) => w.slug).sort()).toEqual([a.slug, b.slug].sort());
  });
});
