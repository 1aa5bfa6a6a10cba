import { startTestApp, TestApp } from '../support/test-app';
import { bearer, createWorkspace, PASSWORD, signIn } from './fixtures';

describe('secrets in logs', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ LOG_LEVEL: 'trace' });
  });
  afterAll(() => api.close());

  it('never writes passwords, tokens or API keys, during sign-in, refresh, key creation and key use', async () => {
    const a = await createWorkspace(api, 'Logs');
    const wrongPassword = 'the wrong password, logged?';
    await api.graphql(
      'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }',
      {
        e: a.members.ADMIN.email,
        p: wrongPassword,
      },
    );
    const session = await signIn(api, a.members.ADMIN.email);
    const refreshed = await api.graphql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
      'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }',
      { t: session.refreshToken },
    );
    await api.graphql('mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', {
      t: session.refreshToken,
    });
    const admin = (await signIn(api, a.members.ADMIN.email)).accessToken;
    const created = await api.graphql<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(name: "generator", scopes: [READ]) { key } }',
      {},
      bearer(admin),
    );
    const key = created.data!.createApiKey.key;
    await api.graphql('{ members { totalCount } }', {}, bearer(key));
    await api.graphql(
      '{ members { totalCount } }',
      {},
      { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
    );
    const invited = await api.graphql<{ inviteMember: { token: string } }>(
      'mutation { inviteMember(email: "new@logs.test", role: EXECUTIVE) { token } }',
      {},
      bearer(admin),
    );
    await api.graphql(
      'mutation ($t: String!) { acceptInvitation(token: $t, name: "New", password: "the new member password") { accessToken } }',
      {
        t: invited.data!.inviteMember.token,
      },
    );

    const secrets = {
      password: PASSWORD,
      wrongPassword,
      newMemberPassword: 'the new member password',
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      rotatedAccessToken: refreshed.data!.refreshSession.accessToken,
      rotatedRefreshToken: refreshed.data!.refreshSession.refreshToken,
      adminAccessToken: admin,
      apiKey: key,
      apiKeySecret: key.split('_').slice(2).join('_'),
      invitationToken: invited.data!.inviteMember.token,
    };
    const written = JSON.stringify(api.logs);
    expect(api.logs.length).toBeGreaterThan(5);
    expect(
      Object.entries(secrets)
        .filter(([, secret]) => written.includes(secret))
        .map(([name]) => name),
    ).toEqual([]);
    expect(written).toContain('A rotated refresh token was presented again');
  });
});
