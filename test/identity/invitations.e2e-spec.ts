import { startTestApp, TestApp } from '../support/test-app';
import { bearer, codes, createWorkspace, signIn, WorkspaceFixture } from './fixtures';

const INVITE =
  'mutation ($email: String!, $role: Role!) { inviteMember(email: $email, role: $role) { token link invitation { id email role status invitedBy { id } } } }';
const ACCEPT = `mutation ($token: String!, $name: String!, $password: String!) {
  acceptInvitation(token: $token, name: $name, password: $password) { accessToken refreshToken member { role user { name email } } workspace { slug } }
}`;

describe('invitations over HTTP', () => {
  let api: TestApp;
  let a: WorkspaceFixture;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApp({ PUBLIC_URL: 'https://greenlight.example.test/' });
    a = await createWorkspace(api, 'Invites');
    admin = (await signIn(api, a.members.ADMIN.email)).accessToken;
  });
  afterAll(() => api.close());

  it('invites, accepts with a new account, and lets the new member sign in', async () => {
    const invited = await api.graphql<{
      inviteMember: { token: string; link: string; invitation: { id: string } };
    }>(INVITE, { email: 'Grace@Example.test', role: 'ACCOUNT_MANAGER' }, bearer(admin));
    expect(invited.errors).toBeUndefined();
    const { token, link, invitation } = invited.data!.inviteMember;
    expect(link).toBe(`https://greenlight.example.test/invite/${token}`);
    expect(invited.data!.inviteMember.invitation).toMatchObject({
      email: 'grace@example.test',
      role: 'ACCOUNT_MANAGER',
      status: 'PENDING',
      invitedBy: { id: a.members.ADMIN.memberId },
    });

    const accepted = await api.graphql(ACCEPT, {
      token,
      name: 'Grace Hopper',
      password: 'compilers all the way',
    });
    expect(accepted.data).toEqual({
      acceptInvitation: {
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        member: { role: 'ACCOUNT_MANAGER', user: { name: 'Grace Hopper', email: 'grace@example.test' } },
        workspace: { slug: a.slug },
      },
    });
    await signIn(api, 'grace@example.test', 'compilers all the way');
    expect(
      codes(await api.graphql(ACCEPT, { token, name: 'Again', password: 'compilers all the way' })),
    ).toEqual(['NOT_FOUND']);

    const list = await api.graphql<{ invitations: { edges: { node: { id: string; status: string } }[] } }>(
      '{ invitations(status: ACCEPTED) { edges { node { id status } } } }',
      {},
      bearer(admin),
    );
    expect(list.data?.invitations.edges.map((edge) => edge.node)).toEqual([
      { id: invitation.id, status: 'ACCEPTED' },
    ]);
  });

  it('revokes a pending invitation so its link stops working', async () => {
    const invited = await api.graphql<{ inviteMember: { token: string; invitation: { id: string } } }>(
      INVITE,
      { email: 'later@example.test', role: 'PARTNERSHIPS' },
      bearer(admin),
    );
    const { token, invitation } = invited.data!.inviteMember;
    const revoked = await api.graphql(
      'mutation ($id: ID!) { revokeInvitation(invitationId: $id) { status } }',
      { id: invitation.id },
      bearer(admin),
    );
    expect(revoked.data).toEqual({ revokeInvitation: { status: 'REVOKED' } });
    expect(
      codes(await api.graphql(ACCEPT, { token, name: 'Later', password: 'long enough password' })),
    ).toEqual(['NOT_FOUND']);
  });

  it('refuses bad input with BAD_USER_INPUT naming each field', async () => {
    const badEmail = await api.graphql(
      INVITE,
      { email: 'not-an-email', role: 'PARTNERSHIPS' },
      bearer(admin),
    );
    expect(codes(badEmail)).toEqual(['BAD_USER_INPUT']);
    expect(badEmail.errors?.[0].extensions?.fields).toEqual([
      { path: 'email', message: 'email must be a valid email address' },
    ]);

    const badAccept = await api.graphql(ACCEPT, {
      token: 'whatever',
      name: 'n'.repeat(201),
      password: 'short',
    });
    expect(codes(badAccept)).toEqual(['BAD_USER_INPUT']);
    expect(badAccept.errors?.[0].extensions?.fields).toEqual([
      { path: 'name', message: 'name must be at most 200 characters long' },
      { path: 'password', message: 'password must be at least 12 characters long' },
    ]);

    const badSignIn = await api.graphql('mutation { signIn(email: "a@b", password: "x") { accessToken } }');
    expect(codes(badSignIn)).toEqual(['BAD_USER_INPUT']);
    expect(badSignIn.errors?.[0].extensions?.fields).toEqual([
      { path: 'email', message: 'email must be a valid email address' },
    ]);

    const badId = await api.graphql(
      'mutation { deactivateMember(memberId: "42") { id } }',
      {},
      bearer(admin),
    );
    expect(badId.errors?.[0].extensions?.fields).toEqual([
      { path: 'memberId', message: 'memberId must be an id (a UUID)' },
    ]);
  });

  it('refuses an invitation for someone already a member', async () => {
    const response = await api.graphql(
      INVITE,
      { email: a.members.EXECUTIVE.email, role: 'ADMIN' },
      bearer(admin),
    );
    expect(codes(response)).toEqual(['CONFLICT']);
  });
});
