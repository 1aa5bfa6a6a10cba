/**
 * SQL written as tagged templates: ``sql`SELECT … WHERE workspace_id = ${sql.workspace} AND id = ${id}` ``.
 * Interpolated values become numbered parameters, never text; fragments nest with their own
 * parameters; `sql.workspace` stands for the current workspace, bound when the statement runs.
 */
export class SqlFragment {
  /** @internal */
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
    /** Set on statements declared `prepared` (`sqlStatements`): the name they are prepared under. */
    readonly preparedAs?: string,
  ) {}
}

/** A table or column name chosen in code from a fixed set (see `sql.identifier`). */
class SqlIdentifier {
  constructor(readonly quoted: string) {}
}

const WORKSPACE = Symbol('the current workspace');

/** A statement ready for the driver: text with `$n` placeholders and their values. */
export interface CompiledSql {
  text: string;
  values: unknown[];
  /** Whether the statement names the current workspace (`sql.workspace`). */
  bindsWorkspace: boolean;
}

function tag(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return new SqlFragment([...strings], values);
}

const EMPTY = new SqlFragment([''], []);

/** Fragments separated by `separator` (a comma by default); empty for none. */
function join(fragments: readonly SqlFragment[], separator: SqlFragment = tag`, `): SqlFragment {
  if (!fragments.length) return EMPTY;
  const strings: string[] = [''];
  const values: unknown[] = [];
  fragments.forEach((fragment, index) => {
    if (index > 0) {
      strings.push('');
      values.push(separator);
    }
    values.push(fragment);
    strings.push('');
  });
  return new SqlFragment(strings, values);
}

type Condition = SqlFragment | false | 0 | '' | null | undefined;

/** The given conditions joined by AND, leaving out the absent ones; TRUE when none is left. */
function and(conditions: readonly Condition[]): SqlFragment {
  const present = conditions.filter((condition): condition is SqlFragment => condition instanceof SqlFragment);
  return present.length ? tag`(${join(present, tag` AND `)})` : tag`TRUE`;
}

/** The given conditions joined by OR, leaving out the absent ones; FALSE when none is left. */
function or(conditions: readonly Condition[]): SqlFragment {
  const present = conditions.filter((condition): condition is SqlFragment => condition instanceof SqlFragment);
  return present.length ? tag`(${join(present, tag` OR `)})` : tag`FALSE`;
}

/**
 * A table or column name taken from `allowed`: a fixed list, or a pattern for names made by code
 * (such as monthly partitions); anything else is refused.
 */
function identifier<T extends string>(name: T, allowed: readonly T[] | RegExp): SqlIdentifier {
  const known = allowed instanceof RegExp ? allowed.test(name) : allowed.includes(name);
  if (!known) throw new Error(`${JSON.stringify(name)} is not one of ${String(allowed)}`);
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(name)) throw new Error(`${name} is not a plain SQL name`);
  return new SqlIdentifier(name);
}

/** Keyword text chosen in code from a fixed set, such as a sort direction or an operator. */
function keyword<T extends string>(word: T, allowed: readonly T[]): SqlIdentifier {
  if (!allowed.includes(word)) throw new Error(`${JSON.stringify(word)} is not one of ${allowed.join(', ')}`);
  if (!/^[A-Za-z<>=!_ ]+$/.test(word)) throw new Error(`${word} is not a plain SQL keyword`);
  return new SqlIdentifier(word);
}

export const sql = Object.assign(tag, {
  /** The current workspace's id, bound when the statement runs. */
  workspace: WORKSPACE,
  empty: EMPTY,
  join,
  and,
  or,
  identifier,
  keyword,
});

/**
 * Numbers the parameters of `statement` from $1 and binds `workspaceId` to every `sql.workspace`
 * (one parameter for all of them). A value of `undefined` is refused: it is always a mistake.
 */
export function compileSql(statement: SqlFragment, workspaceId?: string): CompiledSql {
  const values: unknown[] = [];
  let workspaceParameter: string | null = null;
  const walk = (fragment: SqlFragment): string => {
    let text = fragment.strings[0];
    fragment.values.forEach((value, index) => {
      text += render(value) + fragment.strings[index + 1];
    });
    return text;
  };
  const render = (value: unknown): string => {
    if (value instanceof SqlFragment) return walk(value);
    if (value instanceof SqlIdentifier) return value.quoted;
    if (value === WORKSPACE) {
      if (workspaceParameter === null) {
        if (!workspaceId) throw new Error('This statement names the current workspace, but none was given');
        values.push(workspaceId);
        workspaceParameter = `$${values.length}`;
      }
      return workspaceParameter;
    }
    if (value === undefined) throw new Error('An SQL parameter is undefined');
    values.push(value);
    return `$${values.length}`;
  };
  const text = walk(statement);
  return { text, values, bindsWorkspace: workspaceParameter !== null };
}

/** Whether `statement` names the current workspace anywhere (without compiling it). */
export function namesWorkspace(statement: SqlFragment): boolean {
  return statement.values.some((value) => value === WORKSPACE || (value instanceof SqlFragment && namesWorkspace(value)));
}
