import { PageRequest } from '@greenlight/common';
import { sql, SqlFragment, sqlStatements } from '@greenlight/identity';
import { EXAMPLE_ID } from './examples';

/** What a page of contacts is filtered and ordered by (built by ContactsService from its arguments). */
export interface ContactPageQuery {
  conditions: SqlFragment[];
  /** The sort expression over `c` (never NULL); the contact id breaks ties. */
  sort: SqlFragment;
  page: PageRequest;
}

/** The conditions of a contact filter over `c`. */
export const contactConditions = {
  archived: (archived: boolean) => (archived ? sql`c.archived_at IS NOT NULL` : sql`c.archived_at IS NULL`),
  kinds: (kinds: string[]) => sql`c.kind = ANY(${kinds}::contact_kind[])`,
  ownerIds: (ids: string[]) => sql`c.owner_id = ANY(${ids}::uuid[])`,
  accountId: (id: string) =>
    sql`EXISTS (SELECT 1 FROM position p WHERE p.workspace_id = ${sql.workspace} AND p.contact_id = c.id AND p.account_id = ${id} AND p.ended_on IS NULL)`,
  text: (text: string) =>
    sql`(c.name ILIKE ${`%${text.replace(/[%_\\]/g, '\\$&')}%`} OR c.name % ${text} OR c.emails @> ARRAY[${text.toLowerCase()}]::text[])`,
};

const EXAMPLE_PAGE: ContactPageQuery = {
  conditions: [contactConditions.archived(false), contactConditions.accountId(EXAMPLE_ID)],
  sort: sql`lower(c.name)`,
  page: { limit: 51, direction: 'ASC', bounds: [{ operator: '>', value: 'priya natarajan', id: EXAMPLE_ID, suffix: 'A' }] },
};

export const contactsSql = sqlStatements('crm.contacts', {
  /**
   * One page of the contact list, each contact (`to_jsonb`) with its positions (current first, then
   * the most recent), the account of its latest current position and its owner with the owner's
   * user (id, e-mail, name): the list and what it shows of them in one round trip.
   */
  page: {
    examples: [[EXAMPLE_PAGE]],
    build: ({ conditions, sort, page }: ContactPageQuery) => {
      const direction = sql.keyword(page.direction, ['ASC', 'DESC']);
      const bounds = page.bounds.map(
        ({ operator, value, id }) => sql`(${sort}, c.id) ${sql.keyword(operator, ['>', '<'])} (${value}, ${id}::uuid)`,
      );
      return sql`
      SELECT to_jsonb(c) AS contact,
             (SELECT COALESCE(jsonb_agg(to_jsonb(p) ORDER BY p.ended_on DESC NULLS FIRST, p.started_on DESC NULLS LAST), '[]')
                FROM position p WHERE p.workspace_id = ${sql.workspace} AND p.contact_id = c.id) AS positions,
             (SELECT to_jsonb(a) FROM position p JOIN account a ON a.workspace_id = ${sql.workspace} AND a.id = p.account_id
               WHERE p.workspace_id = ${sql.workspace} AND p.contact_id = c.id AND p.ended_on IS NULL
               ORDER BY p.started_on DESC NULLS LAST LIMIT 1) AS "currentAccount",
             to_jsonb(m) || jsonb_build_object('user', jsonb_build_object(
               'id', u.id, 'email', u.email, 'name', u.name, 'created_at', u.created_at, 'updated_at', u.updated_at)) AS owner
        FROM (SELECT * FROM contact c
               WHERE c.workspace_id = ${sql.workspace} AND ${sql.and([...conditions, ...bounds])}
               ORDER BY ${sort} ${direction}, c.id ${direction}
               LIMIT ${page.limit}) c
        LEFT JOIN membership m ON m.workspace_id = ${sql.workspace} AND m.id = c.owner_id
        LEFT JOIN user_account u ON u.id = m.user_id
       ORDER BY ${sort} ${direction}, c.id ${direction}`;
    },
  },
  /**
   * How many contacts the list's conditions select, across all pages. Counted by this backend alone
   * (`OFFSET 0` keeps the planner from a parallel plan): with clients busy on every core, starting
   * workers cost several times the count itself.
   */
  count: {
    examples: [[EXAMPLE_PAGE.conditions]],
    build: (conditions: SqlFragment[]) => sql`
      SELECT count(*)::int AS count
        FROM (SELECT FROM contact c WHERE c.workspace_id = ${sql.workspace} AND ${sql.and(conditions)} OFFSET 0) c`,
  },
});
