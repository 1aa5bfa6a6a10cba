import { MemberStatus, READ_ONLY_ROLES, sql, sqlStatements } from '@greenlight/identity';

const MEMBER = '00000000-0000-4000-8000-0000000000b1';
const TOKEN = '3f9c2a7d1e4b8c6f0a5d9e2b7c1f4a8d';

export const mailSql = sqlStatements('capture.mail', {
  /** Gives a member a BCC token unless they have one. */
  ensureToken: {
    examples: [[MEMBER, TOKEN]],
    build: (memberId: string, token: string) =>
      sql`INSERT INTO mail_token (workspace_id, member_id, token)
          VALUES (${sql.workspace}, ${memberId}, ${token})
          ON CONFLICT ON CONSTRAINT "UQ_mail_token_member" DO NOTHING`,
  },
  /** Gives a member a new BCC token; the old one stops working. */
  replaceToken: {
    examples: [[MEMBER, TOKEN]],
    build: (memberId: string, token: string) =>
      sql`INSERT INTO mail_token (workspace_id, member_id, token)
          VALUES (${sql.workspace}, ${memberId}, ${token})
          ON CONFLICT ON CONSTRAINT "UQ_mail_token_member" DO UPDATE SET token = excluded.token, created_at = now()`,
  },
  tokenOf: {
    examples: [[MEMBER]],
    build: (memberId: string) =>
      sql`SELECT token FROM mail_token WHERE workspace_id = ${sql.workspace} AND member_id = ${memberId}`,
  },
  /** The active member who may log interactions that a token delivers to. */
  recipientOf: {
    acrossWorkspaces: 'the token names the workspace: it is looked up before any workspace is known',
    examples: [[TOKEN]],
    build: (token: string) =>
      sql`SELECT t.workspace_id, t.member_id
            FROM mail_token t
            JOIN membership m ON m.workspace_id = t.workspace_id AND m.id = t.member_id
           WHERE t.token = ${token}
             AND m.status = ${MemberStatus.ACTIVE} AND NOT (m.role = ANY(${[...READ_ONLY_ROLES]}::role[]))`,
  },
  /** The thread of the first captured message among those a message refers to. */
  threadOf: {
    examples: [[['<a1@mail.example>', '<a2@mail.example>']]],
    build: (messageIds: string[]) =>
      sql`SELECT thread_key FROM captured_item
           WHERE workspace_id = ${sql.workspace} AND source = 'email' AND external_id = ANY(${messageIds}::text[])
             AND thread_key IS NOT NULL
           ORDER BY occurred_at LIMIT 1`,
  },
});
