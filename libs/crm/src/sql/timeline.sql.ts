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
  count: {
    examples: [[EXAMPLE_ID, []]],
    build: (accountId: string, extra: readonly SqlFragment[]) =>
      sql`SELECT count(*) AS count FROM (${entries(accountId, extra)}) e`,
  },
});
