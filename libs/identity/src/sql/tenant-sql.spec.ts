import { DataSource } from 'typeorm';
import { createIdentityTestModule, IdentityTestModule, seedWorkspace } from '../../testing/identity-test-module';
import { sql } from './sql';
import { sqlStatements } from './statements';
import { TenantSql, UnscopedSqlError } from './tenant-sql';

describe('TenantSql', () => {
  let identity: IdentityTestModule;
  let a: Awaited<ReturnType<typeof seedWorkspace>>;
  let b: Awaited<ReturnType<typeof seedWorkspace>>;
  const db = () => identity.get(TenantSql);
  const memberNames = sql`SELECT u.name FROM membership m JOIN user_account u ON u.id = m.user_id
    WHERE m.workspace_id = ${sql.workspace} ORDER BY u.name`;

  beforeAll(async () => {
    identity = await createIdentityTestModule();
    a = await seedWorkspace(identity, 'Sql A');
    b = await seedWorkspace(identity, 'Sql B');
  });
  afterAll(() => identity.close());

  it('binds the workspace of the signed-in caller', async () => {
    expect(await identity.as(a.admin, () => db().query(memberNames))).toEqual([{ name: 'Sql A admin' }]);
    expect(await identity.as(b.admin, () => db().query(memberNames))).toEqual([{ name: 'Sql B admin' }]);
    await expect(db().query(memberNames)).rejects.toThrow('Sign in to continue');
  });

  it('refuses a statement on a tenant table that does not name the workspace, before running it', async () => {
    await db().query(sql`SELECT 1 FROM workspace LIMIT 1`);
    const spy = jest.spyOn(identity.get(DataSource), 'createQueryRunner');
    await identity.as(a.admin, async () => {
      const leaky = sql`SELECT u.name FROM membership m JOIN user_account u ON u.id = m.user_id WHERE m.role = ${'ADMIN'}`;
      await expect(db().query(leaky)).rejects.toBeInstanceOf(UnscopedSqlError);
      await expect(db().execute(sql`UPDATE api_key SET name = ${'x'}`)).rejects.toThrow(
        'A statement on api_key does not name the current workspace',
      );
      await expect(db().query(sql`SELECT count(*) FROM audit_entry`)).rejects.toBeInstanceOf(UnscopedSqlError);
    });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('runs statements on tables of no workspace without one', async () => {
    const rows = await db().query<{ name: string }>(
      sql`SELECT name FROM workspace WHERE id = ANY(${[a.workspaceId, b.workspaceId]}::uuid[]) ORDER BY name`,
    );
    expect(rows).toEqual([{ name: 'Sql A' }, { name: 'Sql B' }]);
  });

  it('binds a given workspace, or none across workspaces', async () => {
    expect(await db().inWorkspace(b.workspaceId).query(memberNames)).toEqual([{ name: 'Sql B admin' }]);
    const all = await db()
      .acrossWorkspaces()
      .query<{ count: number }>(
        sql`SELECT count(*)::int AS count FROM membership WHERE workspace_id = ANY(${[a.workspaceId, b.workspaceId]}::uuid[])`,
      );
    expect(all).toEqual([{ count: 2 }]);
    await expect(db().acrossWorkspaces().query(memberNames)).rejects.toThrow('cannot name the current workspace');
  });

  it("runs in a transaction's manager and counts affected rows", async () => {
    const rename = (name: string) =>
      sql`UPDATE membership SET updated_at = updated_at WHERE workspace_id = ${sql.workspace} AND role = ${name}`;
    await identity.as(a.admin, async () => {
      const seen = await identity.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL application_name = 'tenant-sql-spec'`);
        expect(await db().execute(rename('ADMIN'), manager)).toBe(1);
        return db().first<{ name: string }>(sql`SELECT current_setting('application_name') AS name`, manager);
      });
      expect(seen).toEqual({ name: 'tenant-sql-spec' });
      expect(await db().execute(rename('EXECUTIVE'))).toBe(0);
    });
  });

  it('sends a statement declared prepared as a named statement, planned once per connection', async () => {
    const statements = sqlStatements('test.tenant-sql', {
      roleCount: {
        prepared: true,
        examples: [['ADMIN']],
        build: (role: string) =>
          sql`SELECT count(*)::int AS count FROM membership WHERE workspace_id = ${sql.workspace} AND role = ${role}`,
      },
    });
    const prepared = await identity.as(a.admin, () =>
      identity.dataSource.transaction(async (manager) => {
        for (const role of ['ADMIN', 'EXECUTIVE', 'ADMIN'])
          expect(await db().first(statements.roleCount(role), manager)).toEqual({ count: role === 'ADMIN' ? 1 : 0 });
        return manager.query(
          `SELECT name, generic_plans + custom_plans AS runs FROM pg_prepared_statements WHERE name LIKE 'test.tenant-sql.%'`,
        );
      }),
    );
    expect(prepared).toEqual([{ name: expect.stringMatching(/^test\.tenant-sql\.roleCount\/\d+$/), runs: '3' }]);
  });
});
