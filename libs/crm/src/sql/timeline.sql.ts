import { sql, SqlFragment, sqlStatements } from '@greenlight/identity';
import { EXAMPLE_ID, EXAMPLE_IDS } from './examples';

/** `(kind, id, at)` of an account's entries: interactions, stage changes, tasks, then `extra` sources. */
function entries(accountId: string, extra: readonly SqlFragment[]) {
  return sql`
      SELECT 'interaction' AS kind, ia.interaction_id AS id, ia.occurred_at AS at
        FROM interaction_account ia WHERE ia.workspace_id = ${sql.workspace} AND ia.account_id = ${accountId}
      UNION ALL
      SELECT 'stage_change', t.id, t.at FROM stage_transition t WHERE t.workspace_id = ${sql.workspace} AND t.account_id = ${accountId}
      UNION ALL
      SELECT 'task', k.id, k.created_at FROM task k WHERE k.workspace_id = ${sql.workspace} AND k.account_id = ${accountId}${sql.join(
        extra.map((source) => sql`
      UNION ALL
      SELECT kind::text, id, at FROM (${source}) s`),
        sql.empty,
      )}`;
}

const EXAMPLE_SOURCE = sql`SELECT 'example' AS kind, id, created_at AS at FROM pilot WHERE workspace_id = ${sql.workspace} AND account_id = ${EXAMPLE_ID}`;
const AFTER: [Date, string, string] = [new Date('2026-03-01T00:00:00Z'), 'task', EXAMPLE_ID];

export const timelineSql = sqlStatements('crm.timeline', {
  /** A page of entries, newest first (then by kind and id), after the cursor's entry if any. */
  page: {
    examples: [
      [EXAMPLE_ID, [], null, 20],
      [EXAMPLE_ID, [EXAMPLE_SOURCE], AFTER, 20],
    ],
    build: (accountId: string, extra: readonly SqlFragment[], after: [Date, string, string] | null, size: number) => sql`
      SELECT kind, id, at FROM (${entries(accountId, extra)}) e
       ${after ? sql`WHERE (e.at, e.kind, e.id) < (${after[0]}::timestamptz, ${after[1]}::text, ${after[2]}::uuid)` : sql.empty}
       ORDER BY e.at DESC, e.kind DESC, e.id DESC
       LIMIT ${size}`,
  },
  /**
   * The built-in items of a page with what the timeline shows of them, as `(kind, row)` with the row
   * as `to_jsonb` of its table: the interactions, stage transitions and tasks, the interactions'
   * follow-up tasks, contact and member links and contacts, every member they name (with the
   * member's user: id, e-mail, name) and the transitions' stages.
   */
  items: {
    examples: [[[...EXAMPLE_IDS], [EXAMPLE_ID], [EXAMPLE_ID]]],
    build: (interactionIds: readonly string[], transitionIds: readonly string[], taskIds: readonly string[]) => sql`
      WITH i AS (SELECT * FROM interaction WHERE workspace_id = ${sql.workspace} AND id = ANY(${interactionIds}::uuid[])),
           t AS (SELECT * FROM stage_transition WHERE workspace_id = ${sql.workspace} AND id = ANY(${transitionIds}::uuid[])),
           k AS (SELECT * FROM task WHERE workspace_id = ${sql.workspace}
                    AND (id = ANY(${taskIds}::uuid[]) OR interaction_id = ANY(${interactionIds}::uuid[]))),
           ic AS (SELECT * FROM interaction_contact WHERE workspace_id = ${sql.workspace} AND interaction_id = ANY(${interactionIds}::uuid[])),
           im AS (SELECT * FROM interaction_member WHERE workspace_id = ${sql.workspace} AND interaction_id = ANY(${interactionIds}::uuid[]))
      SELECT 'interaction' AS kind, to_jsonb(i) AS row FROM i
      UNION ALL SELECT 'stage_change', to_jsonb(t) FROM t
      UNION ALL SELECT 'task', to_jsonb(k) FROM k
      UNION ALL SELECT 'interaction_contact', to_jsonb(ic) FROM ic
      UNION ALL SELECT 'interaction_member', to_jsonb(im) FROM im
      UNION ALL SELECT 'contact', to_jsonb(c) FROM contact c
       WHERE c.workspace_id = ${sql.workspace} AND c.id IN (SELECT contact_id FROM ic)
      UNION ALL SELECT 'member', to_jsonb(m) || jsonb_build_object('user', jsonb_build_object(
               'id', u.id, 'email', u.email, 'name', u.name, 'created_at', u.created_at, 'updated_at', u.updated_at))
        FROM membership m JOIN user_account u ON u.id = m.user_id
       WHERE m.workspace_id = ${sql.workspace}
         AND m.id IN (SELECT logged_by_id FROM i UNION SELECT member_id FROM im UNION SELECT by_member_id FROM t
                      UNION SELECT assignee_id FROM k)
      UNION ALL SELECT 'stage', to_jsonb(s) FROM stage s
       WHERE s.workspace_id = ${sql.workspace} AND s.id IN (SELECT from_stage_id FROM t UNION SELECT to_stage_id FROM t)`,
  },
  count: {
    examples: [[EXAMPLE_ID, []]],
    build: (accountId: string, extra: readonly SqlFragment[]) =>
      sql`SELECT count(*) AS count FROM (${entries(accountId, extra)}) e`,
  },
});
