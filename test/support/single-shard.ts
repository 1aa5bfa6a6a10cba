export interface Statement {
  sql: string;
  parameters: unknown[];
}

const WORKSPACE_PARAMETER = /workspace_id"?\s*(?:=\s*(?:ANY\s*\(\s*)?|IN\s*\(\s*)\$(\d+)/gi;

/** Splits a list on its top-level commas (not those inside parentheses). */
function topLevelItems(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
    } else current += char;
  }
  return [...items, current.trim()];
}

/**
 * The workspace_id values an insert writes, as parameter references: from each `VALUES (…)` tuple,
 * or from the select list of an `INSERT … SELECT` whose workspace_id is a parameter.
 */
function insertedWorkspaces(sql: string): string[] {
  const insert = /^\s*INSERT INTO\s+"?\w+"?\s*\(([^)]*)\)\s*(VALUES|SELECT)\s*([\s\S]*)$/i.exec(sql);
  if (!insert) return [];
  const column = insert[1].split(',').findIndex((name) => name.trim().replace(/"/g, '') === 'workspace_id');
  if (column < 0) return [];
  if (insert[2].toUpperCase() === 'VALUES') {
    const tuples = insert[3].split(/\s+(ON CONFLICT|RETURNING)\b/i)[0];
    return [...tuples.matchAll(/\(([^()]*)\)/g)].map((tuple) => tuple[1].split(',')[column]?.trim() ?? '');
  }
  const selectList = insert[3].replace(/^DISTINCT\s+ON\s*\([^)]*\)\s*/i, '').split(/\s+FROM\s+/i)[0];
  const item = topLevelItems(selectList)[column] ?? '';
  const parameter = /^(\$\d+)(::uuid)?$/i.exec(item);
  return parameter ? [parameter[1]] : [];
}

/** The workspace_id of every row a `jsonb_to_recordset($n)` parameter carries into the statement. */
function recordsetWorkspaces(sql: string, parameters: unknown[]): unknown[] {
  return [...sql.matchAll(/jsonb_to_recordset\(\$(\d+)/gi)].flatMap((match) => {
    const value = parameters[Number(match[1]) - 1];
    const rows: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    return Array.isArray(rows) ? rows.map((row) => (row as { workspace_id?: unknown }).workspace_id) : [];
  });
}

/** The tenant tables a statement reads or writes. */
export function tablesTouched(sql: string, tenantTables: readonly string[]): string[] {
  const named = new Set(
    [...sql.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+"?(\w+)"?/gi)].map((match) => match[1]),
  );
  return tenantTables.filter((table) => named.has(table));
}

/**
 * Null when a statement is confined to exactly one workspace (what Citus needs to send it to the one
 * node holding that workspace), else the reason it is not.
 */
export function singleWorkspaceViolation(
  statement: Statement,
  tenantTables: readonly string[],
): string | null {
  const touched = tablesTouched(statement.sql, tenantTables);
  if (touched.length === 0 || exceptionFor(statement.sql, touched)) return null;
  const parameter = (reference: string) => {
    const value = statement.parameters[Number(reference.replace('$', '')) - 1];
    return Array.isArray(value) ? value : [value];
  };
  const workspaces = new Set([
    ...[...statement.sql.matchAll(WORKSPACE_PARAMETER)].flatMap((match) => parameter(match[1])),
    ...insertedWorkspaces(statement.sql).flatMap(parameter),
    ...recordsetWorkspaces(statement.sql, statement.parameters).filter(
      (workspace) => workspace !== undefined,
    ),
  ]);
  if (workspaces.size === 1) return null;
  return `${workspaces.size} workspaces (${touched.join(', ')}): ${statement.sql.replace(/\s+/g, ' ').slice(0, 300)}`;
}

/**
 * Statements run on behalf of requests that may read more than one workspace's rows, each with why
 * that is safe on a distributed database.
 */
export const SINGLE_SHARD_EXCEPTIONS: { tables: string[]; condition: RegExp; why: string }[] = [
  {
    tables: ['membership', 'api_key', 'invitation', 'refresh_token'],
    condition: /"?(prefix|token_hash|family_id|user_id)"?\s*=\s*\$\d+/i,
    why:
      'sign-in, API-key, invitation and session lookups find the workspace from a credential or a person ' +
      '(a person may belong to several workspaces): one indexed lookup on a small table before the ' +
      'request is confined; docs/scaling.md moves the credentials to reference tables before distributing',
  },
  {
    tables: ['mail_token', 'membership'],
    condition: /"?token"?\s*=\s*\$\d+/i,
    why:
      'the inbound mail route finds the member a BCC address delivers to from its token, which names the ' +
      'workspace: one lookup on a unique index, then everything the message writes is confined to that workspace',
  },
];

/** The exception that allows a statement to span workspaces, if any. */
export function exceptionFor(sql: string, touched: readonly string[]) {
  return SINGLE_SHARD_EXCEPTIONS.find(
    (exception) =>
      touched.every((table) => exception.tables.includes(table)) && exception.condition.test(sql),
  );
}
