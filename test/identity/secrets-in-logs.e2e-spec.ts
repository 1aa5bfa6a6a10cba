import { DataSource } from 'typeorm';
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

  it('logs a failed statement with its SQLSTATE and constraint, never its parameters or row values', async () => {
    const a = await createWorkspace(api, 'Failing');
    const admin = (await signIn(api, a.members.ADMIN.email)).accessToken;
    const email = 'doomed.invitee@failing.test';
    await api.app
      .get(DataSource)
      .query(`ALTER TABLE user_account ADD CONSTRAINT user_email_probe CHECK (email <> '${email}')`);
    const invited = await api.graphql<{ inviteMember: { token: string } }>(
      `mutation { inviteMember(email: "${email}", role: EXECUTIVE) { token } }`,
      {},
      bearer(admin),
    );
    const from = api.logs.length;
    const accepted = await api.graphql(
      'mutation ($t: String!) { acceptInvitation(token: $t, name: "Doomed Invitee", password: "the doomed password") { accessToken } }',
      { t: invited.data!.inviteMember.token },
    );
    expect(accepted.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');

    const written = JSON.stringify(api.logs.slice(from));
    expect(written).toContain('23514');
    expect(written).toContain('user_email_probe');
    expect(written).not.toContain('$argon2');
    expect(written).not.toContain(email);
    expect(written).not.toContain('Doomed Invitee');
    expect(written).not.toContain('the doomed password');
  });
});
