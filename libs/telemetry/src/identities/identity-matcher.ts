import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { emailDomain, UsageEvent } from '../ingestion/usage-event';
import { GeneratorIdentityStatus, IdentityMatch } from './generator-identity.entity';

interface Identifiers {
  key: string;
  orgId: string | null;
  projectId: string | null;
  domain: string | null;
  firstSeen: Date;
  lastSeen: Date;
}

/** The identity key of an event's identifiers, or null for an event that carries none. */
export function identityKeyOf(event: Pick<UsageEvent, 'orgId' | 'projectId' | 'userEmail'>): string | null {
  const domain = emailDomain(event.userEmail);
  if (event.orgId === null && event.projectId === null && domain === null) return null;
  return JSON.stringify([event.orgId, event.projectId, domain]);
}

/** `a.b.studio.com` → `a.b.studio.com`, `b.studio.com`, `studio.com`: longest first. */
function domainCandidates(domain: string): string[] {
  const labels = domain.split('.');
  const candidates: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) candidates.push(labels.slice(i).join('.'));
  return candidates;
}

/**
 * Creates the generator identities a batch names that do not exist yet, within the batch's
 * transaction, and decides the account of each: a stored org/project mapping first (an identity of
 * the same organisation linked by hand), then the user email's domain against the account domains,
 * else none (the unmatched queue). Existing identities are left alone: the statement storing the
 * batch share-locks and reads them, and the rollup worker keeps their counts.
 */
@Injectable()
export class IdentityMatcher {
  async createMissing(manager: EntityManager, workspaceId: string, events: UsageEvent[]): Promise<void> {
    const byKey = new Map<string, Identifiers>();
    for (const event of events) {
      const key = identityKeyOf(event);
      if (!key) continue;
      const known = byKey.get(key);
      if (known) {
        if (event.occurredAt < known.firstSeen) known.firstSeen = event.occurredAt;
        if (event.occurredAt > known.lastSeen) known.lastSeen = event.occurredAt;
      } else {
        byKey.set(key, {
          key,
          orgId: event.orgId,
          projectId: event.projectId,
          domain: emailDomain(event.userEmail),
          firstSeen: event.occurredAt,
          lastSeen: event.occurredAt,
        });
      }
    }
    if (byKey.size === 0) return;
    const existing: { identity_key: string }[] = await manager.query(
      'SELECT identity_key FROM generator_identity WHERE workspace_id = $1 AND identity_key = ANY($2::text[])',
      [workspaceId, [...byKey.keys()]],
    );
    for (const row of existing) byKey.delete(row.identity_key);
    if (byKey.size === 0) return;
    const missing = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const matches = await this.match(manager, workspaceId, missing);
    // a concurrent batch creating the same identity: ON CONFLICT waits for it and keeps its row
    await manager.query(
      `INSERT INTO generator_identity
         (workspace_id, identity_key, org_id, project_id, email_domain, status, matched_by, account_id, first_seen_at, last_seen_at)
       SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::timestamptz[], $10::timestamptz[])
         AS t(identity_key, org_id, project_id, email_domain, status, matched_by, account_id, first_seen_at, last_seen_at)
       ON CONFLICT (workspace_id, identity_key) DO NOTHING`,
      [
        workspaceId,
        missing.map((identity) => identity.key),
        missing.map((identity) => identity.orgId),
        missing.map((identity) => identity.projectId),
        missing.map((identity) => identity.domain),
        missing.map((identity) =>
          matches.has(identity.key) ? GeneratorIdentityStatus.MATCHED : GeneratorIdentityStatus.UNMATCHED,
        ),
        missing.map((identity) => matches.get(identity.key)?.matchedBy ?? null),
        missing.map((identity) => matches.get(identity.key)?.accountId ?? null),
        missing.map((identity) => identity.firstSeen),
        missing.map((identity) => identity.lastSeen),
      ],
    );
  }

  private async match(
    manager: EntityManager,
    workspaceId: string,
    identities: Identifiers[],
  ): Promise<Map<string, { accountId: string; matchedBy: IdentityMatch }>> {
    const matches = new Map<string, { accountId: string; matchedBy: IdentityMatch }>();

    const orgIds = [...new Set(identities.map((identity) => identity.orgId).filter((id) => id !== null))];
    if (orgIds.length) {
      const mapped: { org_id: string; project_id: string | null; account_id: string }[] = await manager.query(
        `SELECT DISTINCT org_id, project_id, account_id FROM generator_identity
         WHERE workspace_id = $1 AND org_id = ANY($2::text[]) AND account_id IS NOT NULL AND matched_by = ANY($3::text[])`,
        [workspaceId, orgIds, [IdentityMatch.MANUAL, IdentityMatch.ORG_MAPPING]],
      );
      for (const identity of identities) {
        if (identity.orgId === null) continue;
        const sameOrg = mapped.filter((row) => row.org_id === identity.orgId);
        const sameProject = sameOrg.filter((row) => row.project_id === identity.projectId);
        for (const rows of [sameProject, sameOrg]) {
          const accounts = new Set(rows.map((row) => row.account_id));
          if (accounts.size === 1) {
            matches.set(identity.key, { accountId: [...accounts][0], matchedBy: IdentityMatch.ORG_MAPPING });
            break;
          }
          if (accounts.size > 1) break; // ambiguous: leave it to a person
        }
      }
    }

    const pending = identities.filter((identity) => !matches.has(identity.key) && identity.domain);
    const candidates = [
      ...new Set(pending.flatMap((identity) => domainCandidates(identity.domain as string))),
    ];
    if (candidates.length) {
      const rows: { id: string; domain: string }[] = await manager.query(
        `SELECT a.id, d.domain FROM account a CROSS JOIN LATERAL unnest(a.domains) AS d(domain)
         WHERE a.workspace_id = $1 AND a.archived_at IS NULL AND a.domains && $2::text[] AND d.domain = ANY($2::text[])`,
        [workspaceId, candidates],
      );
      const accountsByDomain = new Map<string, Set<string>>();
      for (const row of rows) {
        const set = accountsByDomain.get(row.domain) ?? new Set<string>();
        set.add(row.id);
        accountsByDomain.set(row.domain, set);
      }
      for (const identity of pending) {
        for (const candidate of domainCandidates(identity.domain as string)) {
          const accounts = accountsByDomain.get(candidate);
          if (!accounts) continue;
          if (accounts.size === 1)
            matches.set(identity.key, { accountId: [...accounts][0], matchedBy: IdentityMatch.EMAIL_DOMAIN });
          break; // the most specific domain decides; two accounts sharing it is ambiguous
        }
      }
    }
    return matches;
  }
}
