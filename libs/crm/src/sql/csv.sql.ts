import { sql, sqlStatements } from '@greenlight/identity';
import { EXAMPLE_IDS } from './examples';

/**
 * CSV import, a batch of rows per statement: rows travel as one JSON parameter read with
 * jsonb_to_recordset, and every row is written into the current workspace.
 */
export const csvSql = sqlStatements('crm.csv', {
  membersByEmail: {
    examples: [[['owner@example.com']]],
    build: (emails: string[]) => sql`
      SELECT m.id, u.email FROM membership m JOIN user_account u ON u.id = m.user_id
       WHERE m.workspace_id = ${sql.workspace} AND u.email = ANY(${emails})`,
  },
  contactsByEmail: {
    examples: [[['someone@example.com']]],
    build: (emails: string[]) => sql`
      SELECT c.id, e.email FROM unnest(${emails}::text[]) AS e(email)
        CROSS JOIN LATERAL (SELECT id FROM contact WHERE workspace_id = ${sql.workspace} AND emails @> ARRAY[e.email]) c`,
  },
  accountsByNameOrDomain: {
    examples: [[['meridian studios'], ['meridian.example']]],
    build: (names: string[], domains: string[]) => sql`
      SELECT id, lower(name) AS name, domains, archived_at, created_at FROM account WHERE workspace_id = ${sql.workspace} AND lower(name) = ANY(${names})
      UNION
      SELECT a.id, lower(a.name), a.domains, a.archived_at, a.created_at
        FROM unnest(${domains}::text[]) AS d(domain)
        CROSS JOIN LATERAL (SELECT * FROM account WHERE workspace_id = ${sql.workspace} AND domains @> ARRAY[d.domain]) a
      ORDER BY archived_at NULLS FIRST, created_at`,
  },
  /** The stored ancestors of these accounts (with themselves). */
  ancestors: {
    examples: [[[...EXAMPLE_IDS]]],
    build: (accountIds: string[]) => sql`
      WITH RECURSIVE up(id, parent_id) AS (
        SELECT id, parent_id FROM account WHERE workspace_id = ${sql.workspace} AND id = ANY(${accountIds}::uuid[])
        UNION
        SELECT a.id, a.parent_id FROM account a JOIN up ON a.id = up.parent_id WHERE a.workspace_id = ${sql.workspace})
      SELECT id, parent_id FROM up`,
  },
  insertAccounts: {
    examples: [['[]']],
    build: (rows: string) => sql`
      INSERT INTO account (id, workspace_id, name, kind, owner_id, parent_id, region, tier, website, domains, expected_annual_value, currency, tags, stage_id, stage_entered_at)
      SELECT id, ${sql.workspace}, name, kind::account_kind, owner_id, parent_id, region, tier, website, domains, expected_annual_value, currency, tags, stage_id, stage_entered_at
        FROM jsonb_to_recordset(${rows}::jsonb) AS v(id uuid, name text, kind text, owner_id uuid, parent_id uuid, region text, tier text, website text,
             domains text[], expected_annual_value numeric, currency text, tags text[], stage_id uuid, stage_entered_at timestamptz)`,
  },
  /** Updates accounts, answering the stage each had before and has now. */
  updateAccounts: {
    examples: [['[]']],
    build: (rows: string) => sql`
      WITH v AS (SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS v(id uuid, kind text, website text, region text, tier text,
                   expected_annual_value numeric, currency text, owner_id uuid, parent_id uuid, domains text[], tags text[], stage_id uuid)),
           old AS (SELECT a.id, a.stage_id FROM account a JOIN v ON v.id = a.id WHERE a.workspace_id = ${sql.workspace} FOR UPDATE)
      UPDATE account a SET
        kind = COALESCE(v.kind::account_kind, a.kind), website = COALESCE(v.website, a.website), region = COALESCE(v.region, a.region),
        tier = COALESCE(v.tier, a.tier), expected_annual_value = COALESCE(v.expected_annual_value, a.expected_annual_value),
        currency = COALESCE(v.currency, a.currency), owner_id = COALESCE(v.owner_id, a.owner_id),
        parent_id = COALESCE(v.parent_id, a.parent_id),
        domains = ARRAY(SELECT DISTINCT unnest(a.domains || v.domains)), tags = ARRAY(SELECT DISTINCT unnest(a.tags || v.tags)),
        stage_id = COALESCE(v.stage_id, a.stage_id),
        stage_entered_at = CASE WHEN v.stage_id IS NOT NULL AND v.stage_id <> a.stage_id THEN now() ELSE a.stage_entered_at END,
        updated_at = now()
      FROM v JOIN old ON old.id = v.id
      WHERE a.id = v.id AND a.workspace_id = ${sql.workspace}
      RETURNING a.id, old.stage_id AS from_stage, a.stage_id AS to_stage`,
  },
  insertContacts: {
    examples: [['[]']],
    build: (rows: string) => sql`
      INSERT INTO contact (id, workspace_id, name, title, kind, emails, phones, owner_id, notes, relationship_strength)
      SELECT id, ${sql.workspace}, name, title, kind::contact_kind, emails, phones, owner_id, notes, relationship_strength
        FROM jsonb_to_recordset(${rows}::jsonb) AS v(id uuid, name text, title text, kind text, emails text[], phones text[],
             owner_id uuid, notes text, relationship_strength smallint)`,
  },
  updateContacts: {
    examples: [['[]']],
    build: (rows: string) => sql`
      UPDATE contact c SET name = v.name, title = COALESCE(v.title, c.title), kind = COALESCE(v.kind::contact_kind, c.kind),
             phones = ARRAY(SELECT DISTINCT unnest(c.phones || v.phones)), owner_id = COALESCE(v.owner_id, c.owner_id),
             notes = COALESCE(v.notes, c.notes), relationship_strength = COALESCE(v.relationship_strength, c.relationship_strength), updated_at = now()
        FROM jsonb_to_recordset(${rows}::jsonb) AS v(id uuid, name text, title text, kind text, phones text[], owner_id uuid, notes text, relationship_strength smallint)
       WHERE c.id = v.id AND c.workspace_id = ${sql.workspace}`,
  },
  /** A current position at that account unless the contact already has one there. */
  insertPositions: {
    examples: [['[]']],
    build: (rows: string) => sql`
      INSERT INTO position (workspace_id, contact_id, account_id, title, started_on)
      SELECT DISTINCT ON (v.contact_id, v.account_id) ${sql.workspace}::uuid, v.contact_id, v.account_id, v.title, current_date
        FROM jsonb_to_recordset(${rows}::jsonb) AS v(contact_id uuid, account_id uuid, title text)
       WHERE NOT EXISTS (SELECT 1 FROM position p WHERE p.workspace_id = ${sql.workspace} AND p.contact_id = v.contact_id AND p.account_id = v.account_id AND p.ended_on IS NULL)`,
  },
  insertInteractions: {
    examples: [['[]']],
    build: (rows: string) => sql`
      INSERT INTO interaction (id, workspace_id, kind, occurred_at, time_zone, duration_minutes, location, summary, sentiment, next_steps, logged_by_id)
      SELECT id, ${sql.workspace}, kind::interaction_kind, occurred_at, time_zone, duration_minutes, location, summary, sentiment::sentiment, next_steps, logged_by_id
        FROM jsonb_to_recordset(${rows}::jsonb) AS v(id uuid, kind text, occurred_at timestamptz, time_zone text, duration_minutes int,
             location text, summary text, sentiment text, next_steps text, logged_by_id uuid)`,
  },
  insertInteractionAccounts: {
    examples: [['[]']],
    build: (rows: string) => sql`
      INSERT INTO interaction_account (interaction_id, account_id, workspace_id, occurred_at)
      SELECT interaction_id, account_id, ${sql.workspace}, occurred_at
        FROM jsonb_to_recordset(${rows}::jsonb) AS v(interaction_id uuid, account_id uuid, occurred_at timestamptz)`,
  },
  insertInteractionContacts: {
    examples: [['[]']],
    build: (rows: string) => sql`
      INSERT INTO interaction_contact (interaction_id, contact_id, workspace_id)
      SELECT interaction_id, contact_id, ${sql.workspace}
        FROM jsonb_to_recordset(${rows}::jsonb) AS v(interaction_id uuid, contact_id uuid)`,
  },
});

