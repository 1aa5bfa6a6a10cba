import { sql, SqlFragment, sqlStatements } from '@greenlight/identity';
import { EXAMPLE_ID } from './examples';

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
  /**
   * One page of entries and what the timeline shows of them, in one statement, as `(part, kind,
   * id, at, row, total)`:
   * - `entry`: up to `size + 1` entries (`kind`, `id`, `at`), newest first (then by kind and id), after
   *   the cursor's entry if any;
   * - `total`: how many entries the account has (`total`);
   * - `item`: the built-in items of the first `size` entries with what the timeline shows of them,
   *   `kind` naming the table and `row` its `to_jsonb`: the interactions, stage transitions and
   *   tasks, the interactions' follow-up tasks, contact and member links and contacts, every member
   *   they name (with the member's user: id, e-mail, name) and the transitions' stages.
   * Tasks are found by id and by interaction in two index look-ups (an OR of both scans every task).
   * Prepared: planning it took several times its run.
   */
  page: {
    prepared: true,
    examples: [
      [EXAMPLE_ID, [], null, 20],
      [EXAMPLE_ID, [EXAMPLE_SOURCE], AFTER, 20],
    ],
    build: (accountId: string, extra: readonly SqlFragment[], after: [Date, string, string] | null, size: number) => sql`
      WITH e AS (
             SELECT kind, id, at, row_number() OVER (ORDER BY at DESC, kind DESC, id DESC) AS n FROM (${entries(accountId, extra)}) e
              ${after ? sql`WHERE (e.at, e.kind, e.id) < (${after[0]}::timestamptz, ${after[1]}::text, ${after[2]}::uuid)` : sql.empty}
              ORDER BY e.at DESC, e.kind DESC, e.id DESC
              LIMIT ${size + 1}),
           shown AS (SELECT kind, id FROM e WHERE n <= ${size}),
           i AS (SELECT * FROM interaction WHERE workspace_id = ${sql.workspace}
                    AND id IN (SELECT id FROM shown WHERE kind = 'interaction')),
           t AS (SELECT * FROM stage_transition WHERE workspace_id = ${sql.workspace}
                    AND id IN (SELECT id FROM shown WHERE kind = 'stage_change')),
           k AS (SELECT * FROM task WHERE workspace_id = ${sql.workspace}
                    AND id IN (SELECT id FROM shown WHERE kind = 'task'
                               UNION ALL
                               SELECT f.id FROM task f WHERE f.workspace_id = ${sql.workspace} AND f.interaction_id IN (SELECT id FROM i))),
           ic AS (SELECT * FROM interaction_contact WHERE workspace_id = ${sql.workspace} AND interaction_id IN (SELECT id FROM i)),
           im AS (SELECT * FROM interaction_member WHERE workspace_id = ${sql.workspace} AND interaction_id IN (SELECT id FROM i))
      SELECT 'entry' AS part, kind, id, at, NULL::jsonb AS row, NULL::int AS total FROM e
      UNION ALL SELECT 'total', NULL, NULL, NULL, NULL, count(*)::int FROM (${entries(accountId, extra)}) all_entries
      UNION ALL SELECT 'item', 'interaction', NULL, NULL, to_jsonb(i), NULL FROM i
      UNION ALL SELECT 'item', 'stage_change', NULL, NULL, to_jsonb(t), NULL FROM t
      UNION ALL SELECT 'item', 'task', NULL, NULL, to_jsonb(k), NULL FROM k
      UNION ALL SELECT 'item', 'interaction_contact', NULL, NULL, to_jsonb(ic), NULL FROM ic
      UNION ALL SELECT 'item', 'interaction_member', NULL, NULL, to_jsonb(im), NULL FROM im
      UNION ALL SELECT 'item', 'contact', NULL, NULL, to_jsonb(c), NULL FROM contact c
       WHERE c.workspace_id = ${sql.workspace} AND c.id IN (SELECT contact_id FROM ic)
      UNION ALL SELECT 'item', 'member', NULL, NULL, to_jsonb(m) || jsonb_build_object('user', jsonb_build_object(
               'id', u.id, 'email', u.email, 'name', u.name, 'created_at', u.created_at, 'updated_at', u.updated_at)), NULL
        FROM membership m JOIN user_account u ON u.id = m.user_id
       WHERE m.workspace_id = ${sql.workspace}
         AND m.id IN (SELECT logged_by_id FROM i UNION SELECT member_id FROM im UNION SELECT by_member_id FROM t
                      UNION SELECT assignee_id FROM k)
      UNION ALL SELECT 'item', 'stage', NULL, NULL, to_jsonb(s), NULL FROM stage s
       WHERE s.workspace_id = ${sql.workspace} AND s.id IN (SELECT from_stage_id FROM t UNION SELECT to_stage_id FROM t)`,
  },
});
