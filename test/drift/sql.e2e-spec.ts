import {
  compileSql,
  CompiledSql,
  EXAMPLE_WORKSPACE_ID, renderSqlCatalogue, sqlCatalogues, tablesNamedIn } from '@greenlight/identity';
import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';

const ROOT = path.resolve(__dirname, '../..');
/** The checked-in statements: one file per catalogue, `npm run sql:update` writes them. */
const QUERIES = path.join(ROOT, 'queries');

/** Every source file that declares a catalogue, loaded so that its statements register. */
function catalogueSources(): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) && fs.readFileSync(file, 'utf8').includes('sqlStatements('))
        found.push(file);
    }
  };
  for (const lib of fs.readdirSync(path.join(ROOT, 'libs'))) walk(path.join(ROOT, 'libs', lib, 'src'));
  walk(path.join(ROOT, 'apps/api/src'));
  return found.filter((file) => !file.endsWith(path.join('sql', 'statements.ts')));
}

describe('SQL statements', () => {
  let db: TestDatabase;
  let client: Client;
  let tenantTables: Set<string>;
  const rendered = new Map<string, string>();
  const statements: { name: string; compiled: CompiledSql; acrossWorkspaces: boolean }[] = [];

  beforeAll(async () => {
    for (const file of catalogueSources()) jest.requireActual(file);
    for (const catalogue of sqlCatalogues()) {
      rendered.set(`${catalogue.name}.sql`, renderSqlCatalogue(catalogue));
      for (const [key, definition] of Object.entries(catalogue.statements))
        definition.examples.forEach((example, index) =>
          statements.push({
            name: `${catalogue.name}.${key} (${index + 1})`,
            compiled: compileSql(definition.build(...example), EXAMPLE_WORKSPACE_ID),
            acrossWorkspaces: Boolean(definition.acrossWorkspaces),
          }),
        );
    }
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>(
      `SELECT DISTINCT c.relname AS name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE a.attname = 'workspace_id' AND NOT a.attisdropped AND c.relkind IN ('r', 'p')`,
    );
    tenantTables = new Set(rows.map((row) => row.name));
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('match the checked-in queries/*.sql (run `npm run sql:update` after changing SQL)', () => {
    if (process.env.UPDATE_SQL === '1') {
      fs.rmSync(QUERIES, { recursive: true, force: true });
      fs.mkdirSync(QUERIES);
      for (const [file, text] of rendered) fs.writeFileSync(path.join(QUERIES, file), text);
    }
    const checkedIn = fs.existsSync(QUERIES) ? fs.readdirSync(QUERIES).filter((file) => file.endsWith('.sql')).sort() : [];
    expect(checkedIn).toEqual([...rendered.keys()].sort());
    for (const [file, text] of rendered) expect({ file, text: fs.readFileSync(path.join(QUERIES, file), 'utf8') }).toEqual({ file, text });
  });

  it('name the workspace whenever they read or write a tenant table, unless they span workspaces on purpose', () => {
    const unscoped = statements
      .filter((statement) => !statement.acrossWorkspaces && !statement.compiled.bindsWorkspace)
      .map((statement) => ({
        name: statement.name,
        tables: tablesNamedIn(statement.compiled.text).filter((table) => tenantTables.has(table)),
      }))
      .filter((statement) => statement.tables.length);
    expect(unscoped).toEqual([]);
  });

  it('are valid statements on the current schema', async () => {
    const invalid: { name: string; error: string }[] = [];
    for (const { name, compiled } of statements) {
      if (!/^\s*(SELECT|WITH|INSERT|UPDATE|DELETE|VALUES)\b/i.test(compiled.text)) continue;
      await client.query(`EXPLAIN (GENERIC_PLAN) ${compiled.text}`).catch((error: Error) => {
        invalid.push({ name, error: error.message });
      });
    }
    expect(invalid).toEqual([]);
  });
});

