import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { Client } from 'pg';
import { spawnCli } from '../support/server-process';

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const cli = spawnCli(args, env);
  const { code } = await cli.exited;
  return { code, output: cli.output() };
}

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
  );
  await client.end();
  return rows.map((row) => row.table_name);
}

describe('greenlight CLI', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url };
  });
  afterAll(() => db.drop());

  it('migrate reports an up-to-date database', async () => {
    expect(await run(['migrate'], env)).toEqual({ code: 0, output: expect.stringContaining('already up to date') });
  });

  it('migration:generate writes nothing when entities and migrations agree', async () => {
    expect(await run(['migration:generate', 'Nothing'], env)).toEqual({
      code: 0,
      output: expect.stringContaining('no changes'),
    });
  });

  it('db:reset asks for confirmation and does nothing without it', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE TABLE scratch (id int)');
    await client.end();
    const refused = await run(['db:reset'], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('cancelled: nothing was changed');
    expect(await tables(db.url)).toContain('scratch');

    const reset = await run(['db:reset', '--yes'], env);
    expect(reset.code).toBe(0);
    expect(await tables(db.url)).not.toContain('scratch');
    expect(await tables(db.url)).toContain('migrations');
  });

  it('db:reset refuses to run in production', async () => {
    const refused = await run(['db:reset', '--yes'], { ...env, NODE_ENV: 'production' });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('refuses to run with NODE_ENV=production');
  });

  it('seed fills the demo workspace', async () => {
    const seeded = await run(['seed'], env);
    expect(seeded.code).toBe(0);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query("SELECT key FROM app_metadata WHERE key = 'demo.seededAt'");
    await client.end();
    expect(rows).toHaveLength(1);
  });

  it('answers an unknown command with help and a non-zero exit', async () => {
    const result = await run(['frobnicate'], env);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("unknown command 'frobnicate'");
  });
});
