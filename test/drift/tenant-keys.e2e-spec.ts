import { GLOBAL_TABLES, GLOBAL_UNIQUE_KEYS } from '@greenlight/db';
import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { Client } from 'pg';

type Query = <T>(sql: string, parameters?: unknown[]) => Promise<T[]>;

/** Tables of the public schema (partitions are covered by their parent), and whether they belong to a workspace. */
const TABLES = `
  SELECT c.oid::int AS oid, c.relname AS name,
         EXISTS (SELECT 1 FROM pg_attribute a
                  WHERE a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped) AS tenant
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`;

/** Primary keys, unique constraints and unique indexes, with their columns in order (null for expressions). */
const UNIQUE_KEYS = `
  SELECT i.indrelid::int AS table_oid, ic.relname AS name, i.indisprimary AS primary,
         array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
                 LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                ORDER BY k.n)::text[] AS columns
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
   WHERE i.indisunique`;

/** Foreign keys with the referencing and referenced column names, pairwise, and what ON DELETE sets to null. */
const FOREIGN_KEYS = `
  SELECT con.conname AS name, con.conrelid::int AS table_oid, con.confrelid::int AS referenced_oid,
         con.confdeltype IN ('n', 'd') AS sets_on_delete,
         array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns,
         array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS referenced,
         array(SELECT a.attname FROM unnest(coalesce(con.confdelsetcols, '{}')) AS k(attnum)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)::text[] AS set_columns
    FROM pg_constraint con
   WHERE con.contype = 'f' AND con.conparentid = 0`;

interface Table {
  oid: number;
  name: string;
  tenant: boolean;
}

/** Every way the schema lets a row reach past its workspace, as readable sentences (none expected). */
async function tenantKeyViolations(query: Query): Promise<string[]> {
  const tables = new Map((await query<Table>(TABLES)).map((table) => [table.oid, table]));
  const violations: string[] = [];
  for (const table of tables.values())
    if (!table.tenant && !(table.name in GLOBAL_TABLES))
      violations.push(`${table.name} has no workspace_id and is not a documented global table`);

  for (const key of await query<{
    table_oid: number;
    name: string;
    primary: boolean;
    columns: (string | null)[];
  }>(UNIQUE_KEYS)) {
    const table = tables.get(key.table_oid);
    if (!table?.tenant) continue;
    if (key.primary && key.columns[0] !== 'workspace_id')
      violations.push(
        `${table.name}: primary key (${key.columns.join(', ')}) does not start with workspace_id`,
      );
    if (!key.primary && !key.columns.includes('workspace_id') && !(key.name in GLOBAL_UNIQUE_KEYS))
      violations.push(`${table.name}: unique key ${key.name} (${key.columns.join(', ')}) lacks workspace_id`);
  }

  for (const fk of await query<{
    name: string;
    table_oid: number;
    referenced_oid: number;
    sets_on_delete: boolean;
    columns: string[];
    referenced: string[];
    set_columns: string[];
  }>(FOREIGN_KEYS)) {
    const table = tables.get(fk.table_oid);
    const referenced = tables.get(fk.referenced_oid);
    if (!table?.tenant || !referenced?.tenant) continue;
    const position = fk.columns.indexOf('workspace_id');
    if (position < 0 || fk.referenced[position] !== 'workspace_id')
      violations.push(
        `${table.name}: foreign key ${fk.name} to ${referenced.name} does not pair workspace_id`,
      );
    else if (fk.sets_on_delete && (fk.set_columns.length === 0 || fk.set_columns.includes('workspace_id')))
      violations.push(
        `${table.name}: foreign key ${fk.name} would clear workspace_id on delete (name the columns: SET NULL (x_id))`,
      );
  }
  return violations;
}

describe('tenant keys', () => {
  let db: TestDatabase;
  let client: Client;
  const query: Query = async <T>(sql: string, parameters?: unknown[]) =>
    (await client.query(sql, parameters)).rows as T[];

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('every key of a tenant table starts with or carries workspace_id, and every other table is a documented global one', async () => {
    expect(await tenantKeyViolations(query)).toEqual([]);
  });

  it('lists only global tables that exist', async () => {
    const names = (await query<Table>(TABLES)).filter((table) => !table.tenant).map((table) => table.name);
    expect(names.sort()).toEqual(Object.keys(GLOBAL_TABLES).sort());
  });

  it('notices a table that slips', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`CREATE TABLE probe_global (id uuid PRIMARY KEY)`);
      await client.query(`CREATE UNIQUE INDEX probe_account_id ON account (id)`);
      await client.query(`CREATE TABLE probe_tenant (
        id uuid PRIMARY KEY, workspace_id uuid NOT NULL, code text UNIQUE,
        account_id uuid REFERENCES account (id) ON DELETE SET NULL,
        contact_id uuid, FOREIGN KEY (workspace_id, contact_id) REFERENCES contact (workspace_id, id) ON DELETE SET NULL)`);
      expect((await tenantKeyViolations(query)).sort()).toEqual([
        'account: unique key probe_account_id (id) lacks workspace_id',
        'probe_global has no workspace_id and is not a documented global table',
        'probe_tenant: foreign key probe_tenant_account_id_fkey to account does not pair workspace_id',
        'probe_tenant: foreign key probe_tenant_workspace_id_contact_id_fkey would clear workspace_id on delete (name the columns: SET NULL (x_id))',
        'probe_tenant: primary key (id) does not start with workspace_id',
        'probe_tenant: unique key probe_tenant_code_key (code) lacks workspace_id',
      ]);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  describe('in the database itself', () => {
    const A = '00000000-0000-4000-8000-00000000000a';
    const B = '00000000-0000-4000-8000-00000000000b';
    const ids = { stageA: '', stageB: '', accountA: '', accountB: '', contactA: '', memberA: '' };

    beforeAll(async () => {
      const one = async (sql: string, parameters: unknown[]) =>
        (await query<{ id: string }>(sql, parameters))[0].id;
      for (const workspace of [A, B])
        await query(`INSERT INTO workspace (id, name, slug) VALUES ($1, $2, $2)`, [
          workspace,
          `ws-${workspace.slice(-1)}`,
        ]);
      const stage = (workspace: string) =>
        one(
          `INSERT INTO stage (workspace_id, key, name, position, category) VALUES ($1, 'lead', 'Lead', 1, 'open') RETURNING id`,
          [workspace],
        );
      const account = (workspace: string, stageId: string) =>
        one(
          `INSERT INTO account (workspace_id, name, kind, stage_id, stage_entered_at) VALUES ($1, 'Studio', 'studio', $2, now()) RETURNING id`,
          [workspace, stageId],
        );
      ids.stageA = await stage(A);
      ids.stageB = await stage(B);
      ids.accountA = await account(A, ids.stageA);
      ids.accountB = await account(B, ids.stageB);
      ids.contactA = await one(
        `INSERT INTO contact (workspace_id, name, kind) VALUES ($1, 'Ada', 'producer') RETURNING id`,
        [A],
      );
      const user = await one(
        `INSERT INTO user_account (email, name, password_hash) VALUES ('ada@example.com', 'Ada', 'x') RETURNING id`,
        [],
      );
      ids.memberA = await one(
        `INSERT INTO membership (workspace_id, user_id, role) VALUES ($1, $2, 'ADMIN') RETURNING id`,
        [A, user],
      );
    });

    const sqlState = (sql: string, parameters: unknown[]) =>
      query(sql, parameters).then(
        () => 'accepted',
        (error: { code?: string }) => error.code,
      );

    it('refuses a row of workspace A that points at an account of workspace B (foreign key violation)', async () => {
      expect(
        await sqlState(`INSERT INTO position (workspace_id, contact_id, account_id) VALUES ($1, $2, $3)`, [
          A,
          ids.contactA,
          ids.accountB,
        ]),
      ).toBe('23503');
      expect(
        await sqlState(`INSERT INTO task (workspace_id, title, account_id) VALUES ($1, 'Call', $2)`, [
          A,
          ids.accountB,
        ]),
      ).toBe('23503');
      expect(
        await sqlState(`UPDATE account SET stage_id = $2 WHERE id = $1`, [ids.accountA, ids.stageB]),
      ).toBe('23503');
      expect(
        await sqlState(`INSERT INTO position (workspace_id, contact_id, account_id) VALUES ($1, $2, $3)`, [
          A,
          ids.contactA,
          ids.accountA,
        ]),
      ).toBe('accepted');
    });

    it('clears only the reference, never workspace_id, when the referenced row goes', async () => {
      await query(`UPDATE account SET owner_id = $2 WHERE id = $1`, [ids.accountA, ids.memberA]);
      await query(`DELETE FROM membership WHERE id = $1`, [ids.memberA]);
      expect(await query(`SELECT workspace_id, owner_id FROM account WHERE id = $1`, [ids.accountA])).toEqual(
        [{ workspace_id: A, owner_id: null }],
      );
    });
  });
});
