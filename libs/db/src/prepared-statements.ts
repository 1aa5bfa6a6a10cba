import pg from 'pg';

/** The statement texts to send as named statements, with their names. */
const names = new Map<string, string>();

/**
 * Sends `text` from now on as a named (prepared) statement: each pool connection parses and plans
 * it once, and PostgreSQL keeps its plan (a generic plan after five runs when that costs no more).
 * For statements whose planning costs more than their run; `label` names it in `pg_prepared_statements`.
 * Every distinct text takes a name, so only texts from a bounded set of shapes belong here.
 */
export function prepareStatement(text: string, label: string): void {
  if (!names.has(text)) names.set(text, `${label}/${names.size + 1}`);
}

/** pg's client, sending the texts given to `prepareStatement` as named statements. */
export class PreparingClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    const name = typeof config === 'string' ? names.get(config) : undefined;
    return super.query(name ? { name, text: config } : config, values, callback);
  }
}
