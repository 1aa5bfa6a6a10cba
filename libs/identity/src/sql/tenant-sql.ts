import { prepareStatement } from '@greenlight/db';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryResult } from 'typeorm';
import { TenantContext } from '../context/tenant-context';
import { compileSql, CompiledSql, namesWorkspace, SqlFragment } from './sql';

/** Tables with a `workspace_id` column, read once per database from the catalog. */
const tenantTablesOf = new WeakMap<DataSource, Promise<ReadonlySet<string>>>();

function tenantTables(dataSource: DataSource): Promise<ReadonlySet<string>> {
  let tables = tenantTablesOf.get(dataSource);
  if (!tables) {
    tables = dataSource
      .query(
        `SELECT DISTINCT c.relname AS name
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          WHERE a.attname = 'workspace_id' AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
            AND c.relnamespace = current_schema()::regnamespace`,
      )
      .then((rows: { name: string }[]) => new Set(rows.map((row) => row.name)));
    tables.catch(() => tenantTablesOf.delete(dataSource));
    tenantTablesOf.set(dataSource, tables);
  }
  return tables;
}

/** The tables a statement reads or writes: the names after FROM, JOIN, INTO, UPDATE and TABLE. */
export function tablesNamedIn(text: string): string[] {
  const code = text.replace(/--[^\n]*/g, ' ').replace(/'(?:[^']|'')*'/g, "''");
  const table = String.raw`(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)\b"?`;
  const read = new RegExp(String.raw`\b(?:FROM|JOIN)\s+${table}(?!\s*\()`, 'gi'); // not a function call
  const written = new RegExp(String.raw`\b(?:INTO|UPDATE|TABLE)\s+${table}`, 'gi');
  const names = [...code.matchAll(read), ...code.matchAll(written)].sort((a, b) => a.index - b.index);
  return names.map((match) => match[1].toLowerCase());
}

/** A statement on a tenant table without the workspace condition. */
export class UnscopedSqlError extends Error {
  constructor(tables: readonly string[]) {
    super(
      `A statement on ${tables.join(', ')} does not name the current workspace: add workspace_id = \${sql.workspace}`,
    );
  }
}

/**
 * Runs tagged-template statements (`sql`) on the database, in a transaction when given its
 * EntityManager. Rows come back as the driver gives them (snake_case columns).
 */
export class SqlRunner {
  /** @internal */
  constructor(
    protected readonly dataSource: DataSource,
    /** The workspace bound to `sql.workspace`; null across workspaces, where nothing is checked. */
    private readonly workspace: (() => string) | null,
  ) {}

  /** The rows the statement returns. */
  async query<Row = Record<string, unknown>>(statement: SqlFragment, manager?: EntityManager): Promise<Row[]> {
    return ((await this.run(statement, manager)).records ?? []) as Row[];
  }

  /** The first row the statement returns, if any. */
  async first<Row = Record<string, unknown>>(statement: SqlFragment, manager?: EntityManager): Promise<Row | undefined> {
    return (await this.query<Row>(statement, manager))[0];
  }

  /** Runs the statement; answers how many rows it inserted, updated or deleted. */
  async execute(statement: SqlFragment, manager?: EntityManager): Promise<number> {
    return (await this.run(statement, manager)).affected ?? 0;
  }

  /** The statement as it is sent: text, parameters and the bound workspace. */
  compile(statement: SqlFragment): CompiledSql {
    if (!namesWorkspace(statement)) return compileSql(statement);
    if (!this.workspace) throw new Error('A statement across workspaces cannot name the current workspace');
    return compileSql(statement, this.workspace());
  }

  private async run(statement: SqlFragment, manager?: EntityManager): Promise<QueryResult> {
    const compiled = this.compile(statement);
    if (!compiled.bindsWorkspace && this.workspace) {
      const tenant = await tenantTables(this.dataSource);
      const unscoped = tablesNamedIn(compiled.text).filter((table) => tenant.has(table));
      if (unscoped.length) throw new UnscopedSqlError([...new Set(unscoped)]);
    }
    if (statement.preparedAs) prepareStatement(compiled.text, statement.preparedAs);
    const queryRunner = manager?.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      return await queryRunner.query(compiled.text, compiled.values, true);
    } finally {
      if (!manager?.queryRunner) await queryRunner.release();
    }
  }
}

/**
 * The way to run hand-written SQL: `sql.workspace` is bound to the current workspace of the
 * TenantContext, and a statement that reads or writes a tenant table without naming it
 * (`workspace_id = ${sql.workspace}`) is refused before it reaches the database.
 */
@Injectable()
export class TenantSql extends SqlRunner {
  constructor(dataSource: DataSource, context: TenantContext) {
    super(dataSource, () => context.currentWorkspaceId());
  }

  /** Statements for one given workspace (background work that knows it from its data). */
  inWorkspace(workspaceId: string): SqlRunner {
    return sqlInWorkspace(this.dataSource, workspaceId);
  }

  /**
   * Statements that span every workspace on purpose (background work, partitions, retention):
   * nothing is bound and nothing is checked, so keep them few and say why where they are run.
   */
  acrossWorkspaces(): SqlRunner {
    return sqlAcrossWorkspaces(this.dataSource);
  }
}

/** `TenantSql.inWorkspace(id)` for work built without Nest (the demo seed). */
export function sqlInWorkspace(dataSource: DataSource, workspaceId: string): SqlRunner {
  return new SqlRunner(dataSource, () => workspaceId);
}

/** `TenantSql.acrossWorkspaces()` for background work built without Nest (workers, upkeep, the CLI). */
export function sqlAcrossWorkspaces(dataSource: DataSource): SqlRunner {
  return new SqlRunner(dataSource, null);
}
