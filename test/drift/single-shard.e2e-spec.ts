import { GLOBAL_TABLES } from '@greenlight/db';
import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { createAccount, createContact, crmWorld, CrmWorld, stageId } from '../crm/support';
import { singleWorkspaceViolation } from '../support/single-shard';
import { requestStatements } from '../support/statements';
import { startTestApp, TestApp } from '../support/test-app';

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

  it('read the workspaces of bulk inserts from their parameters', () => {
    expect(
      singleWorkspaceViolation(
        {
          sql: 'INSERT INTO "account"("id", "workspace_id") VALUES ($1, $2), ($3, $4) ON CONFLICT ( "workspace_id", "id" ) DO NOTHING',
          parameters: [
            'a',
            'aaaaaaaa-0000-4000-8000-000000000000',
            'b',
            'aaaaaaaa-0000-4000-8000-000000000000',
          ],
        },
        ['account'],
      ),
    ).toBeNull();
    const tables = ['account', 'position'];
    const one = 'aaaaaaaa-0000-4000-8000-000000000000';
    const other = 'bbbbbbbb-0000-4000-8000-000000000000';
    const recordset =
      'INSERT INTO account (id, workspace_id, name) SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, workspace_id uuid, name text)';
    expect(
      singleWorkspaceViolation(
        { sql: recordset, parameters: [JSON.stringify([{ workspace_id: one }, { workspace_id: one }])] },
        tables,
      ),
    ).toBeNull();
    expect(
      singleWorkspaceViolation(
        { sql: recordset, parameters: [JSON.stringify([{ workspace_id: one }, { workspace_id: other }])] },
        tables,
      ),
    ).toMatch(/^2 workspaces/);
    expect(
      singleWorkspaceViolation(
        {
          sql: 'INSERT INTO position (workspace_id, contact_id) SELECT DISTINCT ON (v.contact_id) $2::uuid, v.contact_id FROM jsonb_to_recordset($1::jsonb) AS v(contact_id uuid)',
          parameters: ['[]', one],
        },
        tables,
      ),
    ).toBeNull();
  });

  it('allow credential lookups, and only on the credential tables', () => {
    expect(
      singleWorkspaceViolation(
        { sql: 'SELECT * FROM "api_key" "k" WHERE "k"."prefix" = $1', parameters: ['gl_abc'] },
        ['api_key', 'account'],
      ),
    ).toBeNull();
    expect(
      singleWorkspaceViolation(
        { sql: 'SELECT * FROM api_key JOIN account ON true WHERE prefix = $1', parameters: ['gl_abc'] },
        ['api_key', 'account'],
      ),
    ).toMatch(/^0 workspaces/);
    expect(
      singleWorkspaceViolation({ sql: 'SELECT * FROM api_key WHERE id = $1', parameters: ['x'] }, [
        'api_key',
      ]),
    ).toMatch(/^0 workspaces/);
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
