import { startTestApp, TestApp } from '../support/test-app';
import { bearer, codes, createWorkspace, PASSWORD, signIn, WorkspaceFixture } from './fixtures';

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(email: $email, password: $password) { accessToken }
}`;
const REFRESH = 'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }';
const ACCEPT = `mutation ($token: String!, $password: String!) {
  acceptInvitation(token: $token, name: "New Person", password: $password) { accessToken }
}`;

const CHANGE_PASSWORD = `mutation ($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next)
}`;

/** Requests through the loopback proxy (trusted by default) on behalf of this client IP. */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('failed sign-in limits (defaults: 5 per email, 20 per IP, 15 minutes)', () => {
  let api: TestApp;
  let second: TestApp;
  let a: WorkspaceFixture;
  let b: WorkspaceFixture;

  beforeAll(async () => {
    api = await startTestApp();
    second = await startTestApp({}, { db: api.db });
    a = await createWorkspace(api, 'Limits');
    b = await createWorkspace(api, 'Joiners');
  });
  afterAll(async () => {
    await second?.close();
    await api?.close();
  });

  const attempt = (email: string, password: string, ip: string, app = api) =>
    app.graphql<{ signIn: { accessToken: string } }>(SIGN_IN, { email, password }, from(ip));

  it('refuses the 6th attempt for an email after 5 failures, even with the right password, as for an unknown email', async () => {
    const ip = '198.51.100.1';
    for (let i = 0; i < 5; i++) {
      expect(codes(await attempt(a.members.ADMIN.email, 'not the password', ip))).toEqual([
        'UNAUTHENTICATED',
      ]);
    }
    const known = await attempt(a.members.ADMIN.email, PASSWORD, ip);
    expect(codes(known)).toEqual(['RATE_LIMITED']);
    expect(known.data).toBeNull();
    expect(known.errors?.[0].extensions?.retryAfter).toBeGreaterThan(890);
    expect(Number(known.headers.get('retry-after'))).toBe(known.errors?.[0].extensions?.retryAfter);

    for (let i = 0; i < 5; i++) {
      expect(codes(await attempt('nobody@limits.test', 'not the password', ip))).toEqual(['UNAUTHENTICATED']);
    }
    const unknown = await attempt('nobody@limits.test', PASSWORD, ip);
    expect(codes(unknown)).toEqual(['RATE_LIMITED']);
    expect(unknown.errors?.[0].message).toBe(known.errors?.[0].message);
    expect(unknown.errors?.[0].message).not.toMatch(/nobody|exist|unknown/i);

    // the limit follows the email, whatever the IP
    expect(codes(await attempt(a.members.ADMIN.email.toUpperCase(), PASSWORD, '203.0.113.9'))).toEqual([
      'RATE_LIMITED',
    ]);
  });

  it('lets other emails from the same IP sign in until the IP has used its 20 failures; successes do not count', async () => {
    const ip = '198.51.100.2';
    const member = a.members.PARTNERSHIPS.email;
    for (let i = 0; i < 3; i++)
      expect((await attempt(member, PASSWORD, ip)).data?.signIn.accessToken).toBeTruthy();
    for (let i = 0; i < 20; i++) {
      const response = await attempt(`guess${i % 5}@limits.test`, 'not the password', ip);
      expect(codes(response)).toEqual(['UNAUTHENTICATED']);
      if (i % 7 === 0) expect((await attempt(member, PASSWORD, ip)).data?.signIn.accessToken).toBeTruthy();
    }
    expect(codes(await attempt(member, PASSWORD, ip))).toEqual(['RATE_LIMITED']);
    expect(codes(await attempt(a.members.ACCOUNT_MANAGER.email, PASSWORD, ip))).toEqual(['RATE_LIMITED']);
    // another IP, and the member's own counter, are untouched
    expect((await attempt(member, PASSWORD, '198.51.100.22')).data?.signIn.accessToken).toBeTruthy();
  });

  it('shares the counters between two instances on the same database', async () => {
    const ip = '198.51.100.3';
    const email = a.members.ACCOUNT_MANAGER.email;
    for (let i = 0; i < 5; i++) {
      const response = await attempt(email, 'not the password', ip, i % 2 === 0 ? api : second);
      expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    }
    expect(codes(await attempt(email, PASSWORD, ip, second))).toEqual(['RATE_LIMITED']);
    expect(codes(await attempt(email, PASSWORD, ip, api))).toEqual(['RATE_LIMITED']);
  });

  it('limits failed refreshes per IP', async () => {
    const ip = '198.51.100.4';
    const tokens = await signIn(api, a.members.EXECUTIVE.email);
    for (let i = 0; i < 20; i++) {
      const response = await (i % 2 ? second : api).graphql(REFRESH, { t: `glr_forged${i}` }, from(ip));
      expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    }
    expect(codes(await api.graphql(REFRESH, { t: tokens.refreshToken }, from(ip)))).toEqual(['RATE_LIMITED']);
    const elsewhere = await api.graphql(REFRESH, { t: tokens.refreshToken }, from('198.51.100.44'));
    expect(elsewhere.errors).toBeUndefined();
  });

  it('limits failed invitation acceptances per IP', async () => {
    const ip = '198.51.100.5';
    const admin = await signIn(api, b.members.ADMIN.email);
    const invited = await api.graphql<{ inviteMember: { token: string } }>(
      'mutation { inviteMember(email: "newcomer@joiners.test", role: PARTNERSHIPS) { token } }',
      {},
      bearer(admin.accessToken),
    );
    const { token } = invited.data!.inviteMember;
    for (let i = 0; i < 20; i++) {
      const response = await api.graphql(ACCEPT, { token: `forged-${i}`, password: PASSWORD }, from(ip));
      expect(codes(response)).toEqual(['NOT_FOUND']);
    }
    expect(codes(await api.graphql(ACCEPT, { token, password: PASSWORD }, from(ip)))).toEqual([
      'RATE_LIMITED',
    ]);
    const elsewhere = await api.graphql(ACCEPT, { token, password: PASSWORD }, from('198.51.100.55'));
    expect(elsewhere.errors).toBeUndefined();
  });

  it('counts wrong current passwords of changePassword per user, like sign-in failures', async () => {
    const { accessToken } = await signIn(api, b.members.EXECUTIVE.email);
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 25; i++) {
      const response = await (i % 2 ? second : api).graphql(
        CHANGE_PASSWORD,
        { current: `not the password ${i}`, next: 'a brand new passphrase' },
        { ...bearer(accessToken), ...from(`198.51.100.${100 + i}`) },
      );
      answers.push(...codes(response));
    }
    expect(answers).toEqual([...Array(5).fill('BAD_USER_INPUT'), ...Array(20).fill('RATE_LIMITED')]);
    const right = await api.graphql(
      CHANGE_PASSWORD,
      { current: PASSWORD, next: 'a brand new passphrase' },
      { ...bearer(accessToken), ...from('198.51.100.99') },
    );
    expect(codes(right)).toEqual(['RATE_LIMITED']);
    // the limit is the user's: another member changes their password
    const other = await signIn(api, b.members.ACCOUNT_MANAGER.email);
    const changed = await api.graphql<{ changePassword: boolean }>(
      CHANGE_PASSWORD,
      { current: PASSWORD, next: 'another new passphrase' },
      { ...bearer(other.accessToken), ...from('198.51.100.99') },
    );
    expect(changed.data?.changePassword).toBe(true);
  });

  it('does not limit other operations from a blocked IP', async () => {
    const ip = '198.51.100.2'; // blocked for sign-in above
    expect(codes(await attempt(a.members.PARTNERSHIPS.email, PASSWORD, ip))).toEqual(['RATE_LIMITED']);
    const tokens = await signIn(api, a.members.PARTNERSHIPS.email);
    for (let i = 0; i < 25; i++) {
      const me = await api.graphql(
        '{ me { member { id } } }',
        {},
        { ...bearer(tokens.accessToken), ...from(ip) },
      );
      expect(me.errors).toBeUndefined();
    }
  });
});
