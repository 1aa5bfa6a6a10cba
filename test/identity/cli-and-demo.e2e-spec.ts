import { DEMO_MEMBERS, DEMO_PASSWORD } from '../../apps/api/src/demo/demo-identity';
import { seedDemo, startupBanner } from '../../apps/api/src/demo/seed';
import { spawnCli } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';
import { bearer, codes, signIn } from './fixtures';

describe('identity CLI and demo workspace', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  const cli = async (...args: string[]) => {
    const run = spawnCli(args, { DATABASE_URL: api.db.url });
    const { code } = await run.exited;
    return { code, output: run.output() };
  };

  it('creates a workspace whose new admin signs in with the one-time password, then an API key', async () => {
    const created = await cli(
      'workspace:create',
      '--name',
      'Lumen Partnerships',
      '--admin-email',
      'Ops@Lumen.test',
    );
    expect(created.code).toBe(0);
    expect(created.output).toContain('created workspace "Lumen Partnerships" (slug: lumen-partnerships)');
    const password = /one-time password: (\S+)/.exec(created.output)?.[1];
    expect(password).toBeDefined();
    const session = await signIn(api, 'ops@lumen.test', password, 'lumen-partnerships');

    const key = await cli(
      'apikey:create',
      '--workspace',
      'lumen-partnerships',
      '--name',
      'generator',
      '--scopes',
      'usage:write,read',
    );
    expect(key.code).toBe(0);
    const plaintext = /key: (glk_\S+)/.exec(key.output)?.[1];
    expect(plaintext).toBeDefined();
    const members = await api.graphql<{ members: { totalCount: number } }>(
      '{ members { totalCount } }',
      {},
      bearer(plaintext!),
    );
    expect(members.data).toEqual({ members: { totalCount: 1 } });

    const trail = await api.graphql<{
      auditEntries: { edges: { node: { entity: string; action: string; actorType: string } }[] };
    }>('{ auditEntries { edges { node { entity action actorType } } } }', {}, bearer(session.accessToken));
    expect(
      trail.data?.auditEntries.edges
        .map((edge) => edge.node)
        .sort((x, y) => x.entity.localeCompare(y.entity)),
    ).toEqual([
      { entity: 'api_key', action: 'create', actorType: 'SYSTEM' },
      { entity: 'member', action: 'create', actorType: 'SYSTEM' },
      { entity: 'workspace', action: 'create', actorType: 'SYSTEM' },
    ]);
  });

  it('adds an existing user as admin without a new password, and explains bad input in one line', async () => {
    const added = await cli('workspace:create', '--name', 'Second Shop', '--admin-email', 'ops@lumen.test');
    expect(added.code).toBe(0);
    expect(added.output).toContain('existing account');
    expect(added.output).not.toContain('one-time password');

    const taken = await cli(
      'workspace:create',
      '--name',
      'Again',
      '--slug',
      'second-shop',
      '--admin-email',
      'x@y.test',
    );
    expect(taken.code).toBe(1);
    expect(taken.output).toContain('error: slug second-shop is already taken');
    const badScopes = await cli(
      'apikey:create',
      '--workspace',
      'second-shop',
      '--name',
      'k',
      '--scopes',
      'write',
    );
    expect(badScopes.code).toBe(1);
    expect(badScopes.output).toContain('error: --scopes must be a comma-separated list of usage:write, read');
  });

  it('seeds the demo workspace with one member per role, idempotently, and prints how to sign in', async () => {
    const logger = { info: () => undefined };
    await seedDemo(api.app, logger);
    await seedDemo(api.app, logger);
    const banner = await startupBanner(api.app);
    expect(banner).toContain(
      `Demo workspace "Demo Studio Partnerships": sign in with the password ${DEMO_PASSWORD}`,
    );
    for (const member of DEMO_MEMBERS) expect(banner).toContain(member.email);

    const admin = await signIn(api, 'admin@demo.greenlight.dev', DEMO_PASSWORD);
    const roster = await api.graphql<{
      members: { edges: { node: { role: string; user: { email: string } } }[] };
    }>('{ members { edges { node { role user { email } } } } }', {}, bearer(admin.accessToken));
    expect(roster.data?.members.edges.map((edge) => [edge.node.role, edge.node.user.email])).toEqual(
      DEMO_MEMBERS.map((member) => [member.role, member.email]),
    );
    const exec = await signIn(api, 'exec@demo.greenlight.dev', DEMO_PASSWORD);
    const attempt = await api.graphql(
      'mutation { createApiKey(name: "nope", scopes: [READ]) { key } }',
      {},
      bearer(exec.accessToken),
    );
    expect(codes(attempt)).toEqual(['FORBIDDEN']);
  });
});
