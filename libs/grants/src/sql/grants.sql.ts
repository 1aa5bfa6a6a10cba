import { Day } from '@greenlight/common';
import { sql, sqlStatements } from '@greenlight/identity';
import { GrantStatus } from '../enums';

const GRANT = '00000000-0000-4000-8000-0000000000c1';

const GRANT_COLUMNS = sql`g.id, g.workspace_id, g.subject_kind, g.account_id, g.contact_id, g.seats, g.credit_unit,
  g.credit_limit::float8 AS credit_limit, g.model_tier, g.models, to_char(g.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(g.expires_on, 'YYYY-MM-DD') AS expires_on, g.status`;

/** ACTIVE grants of the current workspace running on `today`. */
const running = (today: Day) => sql`g.workspace_id = ${sql.workspace} AND g.status = ${GrantStatus.ACTIVE}
  AND g.starts_on <= ${today}::date AND (g.expires_on IS NULL OR g.expires_on >= ${today}::date)`;

/** The grant's window so far: from its start to its expiry or `today`, whichever comes first. */
const window = (today: Day) => sql`g.starts_on AND LEAST(coalesce(g.expires_on, ${today}::date), ${today}::date)`;
const MODELS = sql`(cardinality(g.models) = 0 OR r.model = ANY(g.models))`;
const FIGURES = sql`coalesce(sum(r.events), 0)::float8 AS events,
  to_char(min(r.day) FILTER (WHERE r.events > 0), 'YYYY-MM-DD') AS first_day,
  to_char(max(r.day) FILTER (WHERE r.events > 0), 'YYYY-MM-DD') AS last_day`;

export const grantsSql = sqlStatements('grants', {
  /**
   * Grants running today for a user: those of the contacts with that address and of their current
   * companies, and of accounts using the address's domain.
   */
  entitledByEmail: {
    examples: [['ana@studio.example', '2026-04-01']],
    build: (email: string, today: Day) => sql`
      WITH people AS (
        SELECT id FROM contact WHERE workspace_id = ${sql.workspace} AND ${email} = ANY(emails) AND archived_at IS NULL),
      companies AS (
        SELECT p.account_id AS id FROM position p JOIN people ON people.id = p.contact_id
         WHERE p.workspace_id = ${sql.workspace} AND p.ended_on IS NULL
        UNION
        SELECT id FROM account
         WHERE workspace_id = ${sql.workspace} AND split_part(${email}, '@', 2) = ANY(domains) AND archived_at IS NULL)
      SELECT ${GRANT_COLUMNS} FROM access_grant g
       WHERE ${running(today)} AND (g.contact_id IN (SELECT id FROM people) OR g.account_id IN (SELECT id FROM companies))
       ORDER BY g.starts_on, g.id`,
  },
  /** Grants running today for a generator organisation: those of the accounts its identities are linked to. */
  entitledByOrg: {
    examples: [['org_123', '2026-04-01']],
    build: (orgId: string, today: Day) => sql`
      SELECT ${GRANT_COLUMNS} FROM access_grant g
       WHERE ${running(today)} AND g.account_id IN (
         SELECT account_id FROM generator_identity
          WHERE workspace_id = ${sql.workspace} AND org_id = ${orgId} AND account_id IS NOT NULL)
       ORDER BY g.starts_on, g.id`,
  },
  /** Use of account grants, from the account's day rollups (spend and completed generations too). */
  accountGrantUsage: {
    examples: [[[GRANT], '2026-04-01']],
    build: (grantIds: string[], today: Day) => sql`
      SELECT g.id::text, u.* FROM access_grant g CROSS JOIN LATERAL (
        SELECT ${FIGURES}, sum(r.cost_usd)::float8 AS cost_usd, coalesce(sum(r.generations), 0)::float8 AS generations
          FROM usage_rollup_account_day r
         WHERE r.workspace_id = g.workspace_id AND r.account_id = g.account_id
           AND r.day BETWEEN ${window(today)} AND ${MODELS}) u
       WHERE g.workspace_id = ${sql.workspace} AND g.id = ANY(${grantIds}::uuid[])`,
  },
  /**
   * Use of contact grants, from the user rollups of the contact's addresses, which count events
   * only: the spend is estimated as the person's share of the workspace's events on each day and
   * model times the workspace's spend on it.
   */
  contactGrantUsage: {
    examples: [[[GRANT], '2026-04-01']],
    build: (grantIds: string[], today: Day) => sql`
      SELECT g.id::text, u.* FROM access_grant g
        JOIN contact c ON c.workspace_id = g.workspace_id AND c.id = g.contact_id
       CROSS JOIN LATERAL (
        SELECT ${FIGURES}, sum(r.events * w.cost_usd / nullif(w.events, 0))::float8 AS cost_usd
          FROM usage_rollup_workspace_user r
          LEFT JOIN usage_rollup_workspace_day w ON w.workspace_id = r.workspace_id AND w.day = r.day AND w.model = r.model
         WHERE r.workspace_id = g.workspace_id AND r.user_key = ANY(c.emails)
           AND r.day BETWEEN ${window(today)} AND ${MODELS}) u
       WHERE g.workspace_id = ${sql.workspace} AND g.id = ANY(${grantIds}::uuid[])`,
  },
  /** The account kind of each grant: its account's, or that of its contact's current company. */
  accountKinds: {
    examples: [[[GRANT]]],
    build: (grantIds: string[]) => sql`
      SELECT g.id::text, (SELECT a.kind FROM account a
              WHERE a.workspace_id = g.workspace_id AND a.id = coalesce(g.account_id, (
                SELECT p.account_id FROM position p
                 WHERE p.workspace_id = g.workspace_id AND p.contact_id = g.contact_id AND p.ended_on IS NULL
                 ORDER BY p.started_on DESC NULLS LAST, p.id LIMIT 1))) AS kind
        FROM access_grant g WHERE g.workspace_id = ${sql.workspace} AND g.id = ANY(${grantIds}::uuid[])`,
  },
});
