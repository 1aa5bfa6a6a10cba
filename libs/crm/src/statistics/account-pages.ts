import { DataSource } from 'typeorm';
import { SqlParams } from './sql-params';

/** A page of the accounts behind one figure, sorted by name then id. */
export interface AccountPageRequest {
  first: number;
  /** The (lower-case name, id) of the last account of the previous page. */
  after?: [string, string];
}

export interface AccountPage {
  accounts: { id: string; sortName: string }[];
  hasNextPage: boolean;
}

/**
 * One statement for the pages of several figures at once: `members` selects `(key, account_id)`
 * pairs (with its parameters already in `params`), and every requested key gets its own page.
 */
export async function pageAccountsByKey(
  dataSource: DataSource,
  workspace: string,
  members: string,
  params: SqlParams,
  keys: readonly string[],
  page: AccountPageRequest,
): Promise<Map<string, AccountPage>> {
  const after = page.after
    ? `AND (lower(a.name), a.id) > (${params.add(page.after[0])}, ${params.add(page.after[1])}::uuid)`
    : '';
  const rows: { key: string; id: string; sort_name: string }[] = await dataSource.query(
    `WITH members AS (${members})
     SELECT key, id, sort_name FROM (
       SELECT m.key, a.id, lower(a.name) AS sort_name,
              row_number() OVER (PARTITION BY m.key ORDER BY lower(a.name), a.id) AS rank
         FROM members m JOIN account a ON a.id = m.account_id AND a.workspace_id = ${workspace}
        WHERE m.key = ANY(${params.add(keys)}::text[]) ${after}
     ) ranked
     WHERE rank <= ${params.add(page.first + 1)}
     ORDER BY key, rank`,
    params.values,
  );
  const pages = new Map<string, AccountPage>(keys.map((key) => [key, { accounts: [], hasNextPage: false }]));
  for (const row of rows) {
    const target = pages.get(row.key)!;
    if (target.accounts.length === page.first) target.hasNextPage = true;
    else target.accounts.push({ id: row.id, sortName: row.sort_name });
  }
  return pages;
}
