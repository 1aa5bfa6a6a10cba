import { Role, SessionMemory } from '@greenlight/identity';
import { Client } from 'pg';
import { countStatements } from '../support/statements';
import { startTestApp, TestApp } from '../support/test-app';
import { bearer, codes, createWorkspace, signIn, Tokens, WorkspaceFixture } from './fixtures';

const ADMIN_ONLY = '{ apiKeys(first: 1) { edges { node { id } } } }';
const ME = '{ me { user { email name } } }';
const CHANGE_ROLE =
  'mutation ($id: ID!, $role: Role!) { changeMemberRole(memberId: $id, role: $role) { role } }';
const DEACTIVATE = 'mutation ($id: ID!) { deactivateMember(memberId: $id) { status } }';
const REACTIVATE = 'mutation ($id: ID!) { reactivateMember(memberId: $id) { status } }';
const SIGN_OUT = 'mutation ($t: String!) { signOut(refreshToken: $t) }';

/** Asks until `answer` holds, for at most 20 s. */
async function eventually<T>(ask: () => Promise<T>, holds: (answer: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await ask();
    if (holds(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('signed-in sessions kept in memory, across two instances on one database', () => {
  let one: TestApp;
  let two: TestApp;
  let ws: WorkspaceFixture;
  let sql: Client;

  beforeAll(async () => {
    one = await startTestApp();
    two = await startTestApp({}, { db: one.db });
    ws = await createWorkspace(one, 'Memory');
    sql = new Client({ connectionString: one.db.url });
    await sql.connect();
  }, 120_000);
  afterAll(async () => {
    await sql?.end();
    await two?.close();
    await one?.close();
  });

  const memory = (app: TestApp) => app.app.get(SessionMemory);
  const listening = async (app: TestApp) => {
    await app.graphql('{ me { __typename } }', undefined, bearer('x.y.z')); // the first credential starts the listener
    expect(await eventually(async () => memory(app).isListening, Boolean)).toBe(true);
  };
  const ask = (app: TestApp, tokens: Tokens, query: string, variables?: Record<string, unknown>) =>
    app.graphql<any>(query, variables, bearer(tokens.accessToken));
  /** Signed in as the member of this role, and let in from memory by instance `two`. */
  const rememberedOnTwo = async (role: Role): Promise<Tokens> => {
    await listening(two);
    const tokens = await signIn(one, ws.members[role].email);
    expect(await countStatements(() => ask(two, tokens, ME))).toBe(1);
    expect(await countStatements(() => ask(two, tokens, ME))).toBe(0);
    return tokens;
  };
  const asAdmin = async () => signIn(one, ws.members.ADMIN.email);

  it('lets a repeat request in without an authentication statement, answering as the database did', async () => {
    const tokens = await rememberedOnTwo(Role.PARTNERSHIPS);
    const member = ws.members.PARTNERSHIPS;
    expect((await ask(two, tokens, ME)).data.me.user).toEqual({ email: member.email, name: member.name });
    expect(codes(await ask(two, tokens, ADMIN_ONLY))).toEqual(['FORBIDDEN']);
  });

  it('applies a role change made on one instance on the other, both ways', async () => {
    const tokens = await rememberedOnTwo(Role.ACCOUNT_MANAGER);
    const admin = await asAdmin();
    const id = ws.members.ACCOUNT_MANAGER.memberId;
    expect((await ask(one, admin, CHANGE_ROLE, { id, role: 'ADMIN' })).data.changeMemberRole.role).toBe(
      'ADMIN',
    );
    expect(
      codes(
        await eventually(
          () => ask(two, tokens, ADMIN_ONLY),
          (answer) => !answer.errors,
        ),
      ),
    ).toEqual([]);
    // remembered again as an admin, then demoted
    expect(await countStatements(() => ask(two, tokens, ADMIN_ONLY))).toBe(1);
    await ask(one, admin, CHANGE_ROLE, { id, role: 'ACCOUNT_MANAGER' });
    expect(
      codes(
        await eventually(
          () => ask(two, tokens, ADMIN_ONLY),
          (answer) => Boolean(answer.errors),
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('applies a role change written in plain SQL, by neither instance, on both', async () => {
    const tokens = await rememberedOnTwo(Role.EXECUTIVE);
    await ask(one, tokens, ME);
    await sql.query(`UPDATE membership SET role = 'ADMIN' WHERE id = $1`, [ws.members.EXECUTIVE.memberId]);
    for (const app of [one, two])
      expect(
        codes(
          await eventually(
            () => ask(app, tokens, ADMIN_ONLY),
            (answer) => !answer.errors,
          ),
        ),
      ).toEqual([]);
    await sql.query(`UPDATE membership SET role = 'EXECUTIVE' WHERE id = $1`, [
      ws.members.EXECUTIVE.memberId,
    ]);
    for (const app of [one, two])
      expect(
        codes(
          await eventually(
            () => ask(app, tokens, ADMIN_ONLY),
            (answer) => Boolean(answer.errors),
          ),
        ),
      ).toEqual(['FORBIDDEN']);
  });

  it('refuses a member deactivated on the other instance, and lets them in again once reactivated', async () => {
    const tokens = await rememberedOnTwo(Role.PARTNERSHIPS);
    const admin = await asAdmin();
    const id = ws.members.PARTNERSHIPS.memberId;
    await ask(one, admin, DEACTIVATE, { id });
    expect(
      codes(
        await eventually(
          () => ask(two, tokens, ME),
          (answer) => Boolean(answer.errors),
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    await ask(one, admin, REACTIVATE, { id });
    // deactivation ended the member's sessions: the old token stays refused, a new sign-in works
    expect(codes(await ask(two, tokens, ME))).toEqual(['UNAUTHENTICATED']);
    expect((await ask(two, await signIn(one, ws.members.PARTNERSHIPS.email), ME)).data.me.user.email).toBe(
      ws.members.PARTNERSHIPS.email,
    );
  });

  it('ends on the other instance a session signed out of on one', async () => {
    const tokens = await rememberedOnTwo(Role.ACCOUNT_MANAGER);
    expect((await ask(one, tokens, SIGN_OUT, { t: tokens.refreshToken })).data.signOut).toBe(true);
    expect(
      codes(
        await eventually(
          () => ask(two, tokens, ME),
          (answer) => Boolean(answer.errors),
        ),
      ),
    ).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a member removed in plain SQL on both instances', async () => {
    const removed = await createWorkspace(one, 'Removed');
    await listening(two);
    const tokens = await signIn(one, removed.members.EXECUTIVE.email);
    await ask(two, tokens, ME);
    expect(await countStatements(() => ask(two, tokens, ME))).toBe(0);
    await sql.query('DELETE FROM membership WHERE id = $1', [removed.members.EXECUTIVE.memberId]);
    for (const app of [one, two])
      expect(
        codes(
          await eventually(
            () => ask(app, tokens, ME),
            (answer) => Boolean(answer.errors),
          ),
        ),
      ).toEqual(['UNAUTHENTICATED']);
  });

  it('lets nothing in from memory while the listening connection is down, and forgets what it kept', async () => {
    const tokens = await rememberedOnTwo(Role.EXECUTIVE);
    memory(two).retryMs = 60 * 60_000; // stays down for the rest of this test
    await sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%-sessions'`,
    );
    expect(
      await eventually(
        async () => memory(two).isListening,
        (up) => !up,
      ),
    ).toBe(false);
    // unheard by `two`: it must ask the database, on every request
    await sql.query(`UPDATE membership SET role = 'ADMIN' WHERE id = $1`, [ws.members.EXECUTIVE.memberId]);
    for (let i = 0; i < 3; i++) {
      let answer: any;
      expect(
        await countStatements(async () => (answer = await ask(two, tokens, ADMIN_ONLY))),
      ).toBeGreaterThanOrEqual(2);
      expect(codes(answer)).toEqual([]);
    }
    expect(await countStatements(() => ask(two, tokens, ME))).toBe(1);
    await sql.query(`UPDATE membership SET role = 'EXECUTIVE' WHERE id = $1`, [
      ws.members.EXECUTIVE.memberId,
    ]);
    expect(codes(await ask(two, tokens, ADMIN_ONLY))).toEqual(['FORBIDDEN']);
    expect(memory(two).isListening).toBe(false);
  });
});
