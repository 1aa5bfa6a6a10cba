import { sql, SqlFragment, sqlStatements, TenantSql } from '@greenlight/identity';

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

const pagesSql = sqlStatements('crm.account-pages', {
  /** `members` selects `(key, account_id)` pairs; every requested key gets its own page. */
  pagesByKey: {
    examples: [
      [sql`SELECT 'k' AS key, id AS account_id FROM account WHERE workspace_id = ${sql.workspace}`, ['k'], { first: 20 }],
      [
        sql`SELECT 'k' AS key, id AS account_id FROM account WHERE workspace_id = ${sql.workspace}`,
        ['k'],
        { first: 20, after: ['acme', '00000000-0000-4000-8000-0000000000c1'] },
      ],
    ],
    build: (members: SqlFragment, keys: readonly string[], page: AccountPageRequest) => sql`
      WITH members AS (${members})
      SELECT key, id, sort_name FROM (
        SELECT m.key, a.id, lower(a.name) AS sort_name,
               row_number() OVER (PARTITION BY m.key ORDER BY lower(a.name), a.id) AS rank
          FROM members m JOIN account a ON a.id = m.account_id AND a.workspace_id = ${sql.workspace}
         WHERE m.key = ANY(${keys}::text[])
           ${page.after ? sql`AND (lower(a.name), a.id) > (${page.after[0]}, ${page.after[1]}::uuid)` : sql.empty}
      ) ranked
      WHERE rank <= ${page.first + 1}
      ORDER BY key, rank`,
  },
});

/** One statement for the pages of several figures at once. */
export async function pageAccountsByKey(
  db: TenantSql,
  members: SqlFragment,
  keys: readonly string[],
  page: AccountPageRequest,
): Promise<Map<string, AccountPage>> {
  const rows = await db.query<{ key: string; id: string; sort_name: string }>(pagesSql.pagesByKey(members, keys, page));
  const pages = new Map<string, AccountPage>(keys.map((key) => [key, { accounts: [], hasNextPage: false }]));
  for (const row of rows) {
    const target = pages.get(row.key)!;
    if (target.accounts.length === page.first) target.hasNextPage = true;
    else target.accounts.push({ id: row.id, sortName: row.sort_name });
  }
  return pages;
}
