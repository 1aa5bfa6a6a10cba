// Loaded before every end-to-end test file: each statement a request runs is checked for what Citus
// needs to route it to one node (docs/scaling.md, "Single-shard statements"). A file whose requests
// ran a statement touching tenant tables without confining it to exactly one workspace fails.
import { ClsServiceManager } from 'nestjs-cls';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { GLOBAL_TABLES } from '@greenlight/db';
import { singleWorkspaceViolation } from './single-shard';

const violations = new Set<string>();
const tenantTables = new WeakMap<object, string[]>();

/** The tables of a data source's entities that are not global. */
function tenantTablesOf(connection: PostgresQueryRunner['connection']): string[] {
  let tables = tenantTables.get(connection);
  if (!tables) {
    tables = [...new Set(connection.entityMetadatas.map((entity) => entity.tableName))].filter(
      (name) => !(name in GLOBAL_TABLES),
    );
    tenantTables.set(connection, tables);
  }
  return tables;
}

const original = PostgresQueryRunner.prototype.query;
PostgresQueryRunner.prototype.query = function (
  this: PostgresQueryRunner,
  ...args: Parameters<typeof original>
) {
  if (ClsServiceManager.getClsService().isActive()) {
    const statement = { sql: args[0], parameters: (args[1] ?? []) as unknown[] };
    const violation = singleWorkspaceViolation(statement, tenantTablesOf(this.connection));
    if (violation) violations.add(violation);
  }
  return original.apply(this, args);
} as typeof original;

afterAll(() => {
  expect([...violations]).toEqual([]);
});
