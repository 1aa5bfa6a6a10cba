import { GLOBAL_TABLES } from '@greenlight/db';
import { Role } from '@greenlight/identity';
import { ClsServiceManager } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createAccount, createContact, crmWorld, CrmWorld, stageId } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';

interface Statement {
  sql: string;
  parameters: unknown[];
}

/** The statements run on behalf of requests while `work` runs (background jobs are not requests). */
async function requestStatements(work: () => Promise<unknown>): Promise<Statement[]> {
  const original = PostgresQueryRunner.prototype.query;
  const statements: Statement[] = [];
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (
    this: PostgresQueryRunner,
    ...args: Parameters<typeof original>
  ) {
    if (ClsServiceManager.getClsService().isActive())
      statements.push({ sql: args[0], parameters: (args[1] ?? []) as unknown[] });
    return original.apply(this, args);
  });
  try {
    await work();
    return statements;
  } finally {
    spy.mockRestore();
  }
}

const WORKSPACE_PARAMETER = /workspace_id"?\s*(?:=\s*(?:ANY\s*\(\s*)?|IN\s*\(\s*)\$(\d+)/gi;

/** The workspace_id values of an `INSERT … (columns) VALUES (…), (…)`, as parameter references. */
function insertedWorkspaces(sql: string): string[] {
  const insert = /^\s*INSERT INTO\s+"?\w+"?\s*\(([^)]*)\)\s*VALUES\s*([\s\S]*)$/i.exec(sql);
  if (!insert) return [];
  const column = insert[1].split(',').findIndex((name) => name.trim().replace(/"/g, '') === 'workspace_id');
  if (column < 0) return [];
  return [...insert[2].matchAll(/\(([^()]*)\)/g)].map((tuple) => tuple[1].split(',')[column]?.trim() ?? '');
}

/**
 * The workspaces a statement is confined to, or a reason it is not confined to exactly one: what
 * Citus needs to send it to the one node holding the workspace.
 */
function singleWorkspaceViolation(statement: Statement, tenantTables: string[]): string | null {
  const touched = tenantTables.filter((table) =>
    new RegExp(`(FROM|JOIN|INTO|UPDATE)\\s+"?${table}"?\\b`, 'i').test(statement.sql),
  );
  if (touched.length === 0) return null;
  const parameter = (reference: string) => {
    const value = statement.parameters[Number(reference.replace('$', '')) - 1];
    return Array.isArray(value) ? value : [value];
  };
  const workspaces = new Set([
    ...[...statement.sql.matchAll(WORKSPACE_PARAMETER)].flatMap((match) => parameter(match[1])),
    ...insertedWorkspaces(statement.sql).flatMap(parameter),
  ]);
  if (workspaces.size === 1) return null;
  return `${workspaces.size} workspaces (${touched.join(', ')}): ${statement.sql.replace(/\s+/g, ' ').slice(0, 300)}`;
}

const LIST = `query {
  accounts(first: 20) {
    edges { node {
      id name owner { id } stage { key }
      contacts { id name positions { title } }
      lastInteraction { id summary attendees { id } }
      openTasks { id title assignee { id } }
      stageHistory { at fromStage { key } toStage { key } by { id } }
      competitors { vendor }
    } }
  }
  contacts(first: 20) { edges { node { id name } } }
  tasks(first: 20) { edges { node { id title } } }
}`;

describe('single-workspace statements', () => {
  let api: TestApp;
  let world: CrmWorld;
  let tenantTables: string[];
  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Shard');
    const rows: { name: string }[] = await api.app.get(DataSource).query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    );
    tenantTables = rows.map((row) => row.name).filter((name) => !(name in GLOBAL_TABLES));
  }, 120_000);
  afterAll(() => api.close());

  it('tell a statement confined to one workspace from one that is not', () => {
    const tables = ['account'];
    const one = 'aaaaaaaa-0000-4000-8000-000000000000';
    const other = 'bbbbbbbb-0000-4000-8000-000000000000';
    expect(
      singleWorkspaceViolation(
        { sql: 'SELECT * FROM account a WHERE a.workspace_id = $1', parameters: [one] },
        tables,
      ),
    ).toBeNull();
    expect(
      singleWorkspaceViolation(
        { sql: 'INSERT INTO "account"("workspace_id", "name") VALUES ($1, $2)', parameters: [one, 'x'] },
        tables,
      ),
    ).toBeNull();
    expect(
      singleWorkspaceViolation({ sql: 'SELECT * FROM account WHERE id = $1', parameters: [one] }, tables),
    ).toMatch(/^0 workspaces/);
    expect(
      singleWorkspaceViolation(
        { sql: 'SELECT * FROM account WHERE workspace_id = ANY($1)', parameters: [[one, other]] },
        tables,
      ),
    ).toMatch(/^2 workspaces/);
    expect(
      singleWorkspaceViolation(
        { sql: 'SELECT * FROM user_account WHERE id = $1', parameters: [one] },
        tables,
      ),
    ).toBeNull();
  });

  it('confine every CRM statement of a request to the caller’s workspace', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    const pilot = await stageId(rep, 'pilot');
    const statements = await requestStatements(async () => {
      const account = await createAccount(rep, {
        name: 'Shard Studio',
        ownerId: world.workspace.members[Role.PARTNERSHIPS].memberId,
      });
      const contact = await createContact(rep, { name: 'Shard Person', accountId: account.id });
      await rep.data(
        `mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }`,
        {
          input: {
            kind: 'CALL',
            occurredAt: new Date().toISOString(),
            summary: 'call',
            accountIds: [account.id],
            contactIds: [contact.id],
            followUps: [{ title: 'follow up' }],
          },
        },
      );
      await rep.data(`mutation($input: MoveAccountStageInput!) { moveAccountStage(input: $input) { id } }`, {
        input: { accountId: account.id, stageId: pilot, reason: 'shard' },
      });
      await rep.data(LIST);
    });
    expect(statements.length).toBeGreaterThan(10);
    expect(
      statements.map((statement) => singleWorkspaceViolation(statement, tenantTables)).filter(Boolean),
    ).toEqual([]);
  });
});
