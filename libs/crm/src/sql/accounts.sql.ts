import { PageRequest } from '@greenlight/common';
import { sql, SqlFragment, sqlStatements } from '@greenlight/identity';
import { EXAMPLE_ID, OTHER_EXAMPLE_ID } from './examples';

/** What a page of accounts is filtered and ordered by (built by AccountsService from its arguments). */
export interface AccountPageQuery {
  conditions: SqlFragment[];
  /** The sort expression over `a` (never NULL); the account id breaks ties. */
  sort: SqlFragment;
  page: PageRequest;
}

/** The conditions of an account filter over `a` (the same as the list's). */
export const accountConditions = {
  archived: (archived: boolean) => (archived ? sql`a.archived_at IS NOT NULL` : sql`a.archived_at IS NULL`),
  kinds: (kinds: string[]) => sql`a.kind = ANY(${kinds}::account_kind[])`,
  stageIds: (ids: string[]) => sql`a.stage_id = ANY(${ids}::uuid[])`,
  ownerIds: (ids: string[]) => sql`a.owner_id = ANY(${ids}::uuid[])`,
  tags: (tags: string[]) => sql`a.tags && ${tags}::text[]`,
  region: (region: string) => sql`lower(a.region) = lower(${region})`,
  parentId: (id: string) => sql`a.parent_id = ${id}`,
  competitor: (vendor: string) =>
    sql`EXISTS (SELECT 1 FROM account_competitor c WHERE c.workspace_id = ${sql.workspace} AND c.account_id = a.id AND lower(c.vendor) = lower(${vendor}))`,
  text: (text: string) =>
    sql`(a.name ILIKE ${`%${text.replace(/[%_\\]/g, '\\$&')}%`} OR a.name % ${text} OR a.domains @> ARRAY[${text.toLowerCase()}]::text[])`,
};

const EXAMPLE_PAGE: AccountPageQuery = {
  conditions: [accountConditions.archived(false), accountConditions.kinds(['STUDIO'])],
  sort: sql`lower(a.name)`,
  page: { limit: 51, direction: 'ASC', bounds: [{ operator: '>', value: 'meridian studios', id: EXAMPLE_ID, suffix: 'A' }] },
};

export const accountsSql = sqlStatements('crm.accounts', {
  /** Whether `accountId` is among the ancestors of `parentId` (up to 100 levels). */
  wouldCycle: {
    examples: [[EXAMPLE_ID, OTHER_EXAMPLE_ID]],
    build: (parentId: string, accountId: string) => sql`
      WITH RECURSIVE ancestors(id, parent_id, depth) AS (
        SELECT id, parent_id, 1 FROM account WHERE id = ${parentId} AND workspace_id = ${sql.workspace}
        UNION ALL
        SELECT a.id, a.parent_id, ancestors.depth + 1 FROM account a JOIN ancestors ON a.id = ancestors.parent_id
        WHERE ancestors.depth < 100 AND a.workspace_id = ${sql.workspace}
      )
      SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = ${accountId}) AS cycle`,
  },
  /**
   * One page of the account list with each account's stage and owner (with the owner's user) in the
   * same rows, named as the entities' properties: the list and its nested stage and owner in one
   * round trip.
   */
  page: {
    examples: [[EXAMPLE_PAGE]],
    build: ({ conditions, sort, page }: AccountPageQuery) => {
      const direction = sql.keyword(page.direction, ['ASC', 'DESC']);
      const bounds = page.bounds.map(
        ({ operator, value, id }) => sql`(${sort}, a.id) ${sql.keyword(operator, ['>', '<'])} (${value}, ${id}::uuid)`,
      );
      return sql`
      SELECT a.id, a.workspace_id AS "workspaceId", a.name, a.kind, a.owner_id AS "ownerId", a.parent_id AS "parentId",
             a.region, a.tier, a.website, a.domains, a.expected_annual_value::float8 AS "expectedAnnualValue", a.currency,
             a.tags, a.stage_id AS "stageId", a.stage_entered_at AS "stageEnteredAt", a.archived_at AS "archivedAt",
             a.created_at AS "createdAt", a.updated_at AS "updatedAt",
             s.key AS "stageKey", s.name AS "stageName", s.position AS "stagePosition", s.category AS "stageCategory",
             s.archived_at AS "stageArchivedAt", s.created_at AS "stageCreatedAt", s.updated_at AS "stageUpdatedAt",
             m.user_id AS "ownerUserId", m.role AS "ownerRole", m.status AS "ownerStatus",
             m.deactivated_at AS "ownerDeactivatedAt", m.created_at AS "ownerCreatedAt", m.updated_at AS "ownerUpdatedAt",
             u.email AS "ownerEmail", u.name AS "ownerName", u.created_at AS "ownerUserCreatedAt", u.updated_at AS "ownerUserUpdatedAt"
        FROM account a
        JOIN stage s ON s.workspace_id = ${sql.workspace} AND s.id = a.stage_id
        LEFT JOIN membership m ON m.workspace_id = ${sql.workspace} AND m.id = a.owner_id
        LEFT JOIN user_account u ON u.id = m.user_id
       WHERE a.workspace_id = ${sql.workspace} AND ${sql.and([...conditions, ...bounds])}
       ORDER BY ${sort} ${direction}, a.id ${direction}
       LIMIT ${page.limit}`;
    },
  },
  /** How many accounts the list's conditions select, across all pages. */
  count: {
    examples: [[EXAMPLE_PAGE.conditions]],
    build: (conditions: SqlFragment[]) => sql`
      SELECT count(*)::int AS count FROM account a WHERE a.workspace_id = ${sql.workspace} AND ${sql.and(conditions)}`,
  },
});
