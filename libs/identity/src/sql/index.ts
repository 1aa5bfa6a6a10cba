export { sql, SqlFragment, compileSql } from './sql';
export type { CompiledSql } from './sql';
export { EXAMPLE_WORKSPACE_ID, renderSqlCatalogue, sqlCatalogues, sqlStatements } from './statements';
export type { SqlCatalogue, StatementDefinition } from './statements';
export { sqlAcrossWorkspaces, sqlInWorkspace, SqlRunner, TenantSql, UnscopedSqlError, tablesNamedIn } from './tenant-sql';
