import { sql, sqlStatements } from '@greenlight/identity';
import { GeneratorIdentityStatus, IdentityMatch } from '../identities/generator-identity.entity';

/** A generator identity to create, with the account it was matched to (if any). */
interface NewIdentity {
  key: string;
  orgId: string | null;
  projectId: string | null;
  domain: string | null;
  status: GeneratorIdentityStatus;
  matchedBy: IdentityMatch | null;
  accountId: string | null;
  firstSeen: Date;
  lastSeen: Date;
}

export const identitiesSql = sqlStatements('telemetry.identities', {
  /** Which of these identity keys exist already. */
  existingKeys: {
    examples: [[['["org_1",null,"studio.example"]']]],
    build: (keys: string[]) => sql`
      SELECT identity_key FROM generator_identity WHERE workspace_id = ${sql.workspace} AND identity_key = ANY(${keys}::text[])`,
  },
  /** Creates identities; a concurrent batch creating the same one: ON CONFLICT waits for it and keeps its row. */
  insertMissing: {
    examples: [
      [
        [
          {
            key: '["org_1",null,"studio.example"]',
            orgId: 'org_1',
            projectId: null,
            domain: 'studio.example',
            status: GeneratorIdentityStatus.MATCHED,
            matchedBy: IdentityMatch.EMAIL_DOMAIN,
            accountId: '00000000-0000-4000-8000-0000000000a1',
            firstSeen: new Date('2026-04-01T10:00:00Z'),
            lastSeen: new Date('2026-04-01T11:00:00Z'),
          },
        ],
      ],
    ],
    build: (identities: NewIdentity[]) => {
      const column = <K extends keyof NewIdentity>(key: K) => identities.map((identity) => identity[key]);
      return sql`
        INSERT INTO generator_identity
          (workspace_id, identity_key, org_id, project_id, email_domain, status, matched_by, account_id, first_seen_at, last_seen_at)
        SELECT ${sql.workspace}, t.* FROM unnest(
            ${column('key')}::text[], ${column('orgId')}::text[], ${column('projectId')}::text[], ${column('domain')}::text[],
            ${column('status')}::text[], ${column('matchedBy')}::text[], ${column('accountId')}::uuid[],
            ${column('firstSeen')}::timestamptz[], ${column('lastSeen')}::timestamptz[])
          AS t(identity_key, org_id, project_id, email_domain, status, matched_by, account_id, first_seen_at, last_seen_at)
        ON CONFLICT (workspace_id, identity_key) DO NOTHING
        RETURNING id, identity_key, org_id, project_id, email_domain, status`;
    },
  },
  /** The accounts organisations were linked to by hand or by an earlier mapping, by org and project. */
  orgMappings: {
    examples: [[['org_1']]],
    build: (orgIds: string[]) => sql`
      SELECT DISTINCT org_id, project_id, account_id FROM generator_identity
       WHERE workspace_id = ${sql.workspace} AND org_id = ANY(${orgIds}::text[]) AND account_id IS NOT NULL
         AND matched_by = ANY(${[IdentityMatch.MANUAL, IdentityMatch.ORG_MAPPING]}::text[])`,
  },
  /** The active accounts using any of these domains, one row per account and domain. */
  accountsByDomain: {
    examples: [[['a.studio.example', 'studio.example']]],
    build: (domains: string[]) => sql`
      SELECT a.id, d.domain FROM account a CROSS JOIN LATERAL unnest(a.domains) AS d(domain)
       WHERE a.workspace_id = ${sql.workspace} AND a.archived_at IS NULL AND a.domains && ${domains}::text[]
         AND d.domain = ANY(${domains}::text[])`,
  },
});
