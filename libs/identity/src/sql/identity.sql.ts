import { sql, SqlFragment } from './sql';
import { sqlStatements } from './statements';

const EXAMPLE_ID = '00000000-0000-4000-8000-0000000000d1';

/** The statement's time, to the millisecond like the stored columns. */
const NOW = sql`date_trunc('milliseconds', statement_timestamp())`;
/** The stored throttle row (alias `s`) is inside an active block. */
const BLOCKED = sql`(s.blocked_until > ${NOW})`;
/** The stored row no longer counts: its block ended, or it was never blocked and its window closed. */
const STALE = sql`(NOT coalesce(${BLOCKED}, false) AND (s.blocked_until IS NOT NULL OR s.window_ends_at <= ${NOW}))`;
/** Hits after this attempt: frozen while blocked, 1 when the row is stale, else one more. */
const NEXT_HITS = sql`(CASE WHEN ${BLOCKED} THEN s.hits WHEN ${STALE} THEN 1 ELSE s.hits + 1 END)`;

/**
 * Whole seconds from now until `time`, at most `maxMs` (a statement that waited for the row lock
 * started before the hit that set the time, so it would see a little more).
 */
function secondsUntil(time: SqlFragment, maxMs: number): SqlFragment {
  return sql`least(ceil(${maxMs}::double precision / 1000), greatest(0, ceil(extract(epoch FROM ${time} - ${NOW}))))::integer`;
}

export const identitySql = sqlStatements('identity', {
  /** The membership and session state behind an access token (its workspace is bound). */
  membershipState: {
    examples: [[EXAMPLE_ID, EXAMPLE_ID, EXAMPLE_ID]],
    build: (membershipId: string, userId: string, sessionId: string) => sql`
      SELECT m.role, m.status, u.email, u.name,
             EXISTS (SELECT 1 FROM refresh_token t
                      WHERE t.family_id = ${sessionId} AND t.user_id = ${userId} AND t.revoked_at IS NULL
                        AND t.expires_at > now()
                    ) AS session_active
        FROM membership m JOIN user_account u ON u.id = m.user_id
       WHERE m.id = ${membershipId} AND m.user_id = ${userId} AND m.workspace_id = ${sql.workspace}`,
  },
  /** Serialises changes of the current workspace's members. */
  lockWorkspace: {
    examples: [[]],
    build: () => sql`SELECT 1 FROM workspace WHERE id = ${sql.workspace} FOR UPDATE`,
  },
  workspaceIdsAfter: {
    examples: [[null, 100], [EXAMPLE_ID, 100]],
    build: (afterId: string | null, limit: number) =>
      sql`SELECT id FROM workspace WHERE (${afterId}::uuid IS NULL OR id > ${afterId}) ORDER BY id LIMIT ${limit}`,
  },
  slugsLike: {
    examples: [['acme']],
    build: (base: string) => sql`SELECT slug FROM workspace WHERE slug = ${base} OR slug LIKE ${`${base}-%`}`,
  },
  /**
   * One atomic statement per failed attempt. A new key starts a window of `ttl`; every hit inside
   * it counts; the hit that passes `limit` blocks the key for `blockDuration`, during which hits are
   * refused and not counted; after the block (or the window) the next hit starts over. Times come
   * from the database clock, so instances with skewed clocks agree.
   */
  throttleHit: {
    examples: [['sign-in:someone@example.com', 60_000, 5, 300_000]],
    build: (key: string, ttl: number, limit: number, blockDuration: number) => sql`
      INSERT INTO sign_in_throttle AS s (key, hits, window_ends_at, blocked_until)
      VALUES (
        ${key},
        1,
        ${NOW} + make_interval(secs => ${ttl}::double precision / 1000),
        CASE WHEN 1 > ${limit}::integer THEN ${NOW} + make_interval(secs => ${blockDuration}::double precision / 1000) END
      )
      ON CONFLICT (key) DO UPDATE SET
        hits = ${NEXT_HITS},
        window_ends_at = CASE WHEN ${STALE} THEN excluded.window_ends_at ELSE s.window_ends_at END,
        blocked_until = CASE
          WHEN ${BLOCKED} THEN s.blocked_until
          WHEN ${NEXT_HITS} > ${limit}::integer THEN ${NOW} + make_interval(secs => ${blockDuration}::double precision / 1000)
        END
      RETURNING
        s.hits,
        ${secondsUntil(sql`s.window_ends_at`, ttl)} AS time_to_expire,
        coalesce(s.blocked_until > ${NOW}, false) AS is_blocked,
        ${secondsUntil(sql`s.blocked_until`, blockDuration)} AS time_to_block_expire`,
  },
  throttleRefund: {
    examples: [['sign-in:someone@example.com']],
    build: (key: string) => sql`
      UPDATE sign_in_throttle SET hits = hits - 1
       WHERE key = ${key} AND hits > 0 AND blocked_until IS NULL AND window_ends_at > ${NOW}`,
  },
  throttleSweep: {
    examples: [[]],
    build: () => sql`
      DELETE FROM sign_in_throttle
       WHERE window_ends_at <= ${NOW} AND (blocked_until IS NULL OR blocked_until <= ${NOW})`,
  },
});
