import { Outbox, SqlRunner, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { emailDomain, UsageEvent } from '../ingestion/usage-event';
import { identitiesSql } from '../sql/identities.sql';
import { GeneratorIdentityStatus, IdentityMatch } from './generator-identity.entity';

interface CreatedIdentity {
  id: string;
  identity_key: string;
  org_id: string | null;
  project_id: string | null;
  email_domain: string | null;
  status: string;
}

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
  constructor(
    private readonly tenantSql: TenantSql,
    private readonly outbox: Outbox,
  ) {}

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
    const db = this.tenantSql.inWorkspace(workspaceId);
    const existing = await db.query<{ identity_key: string }>(identitiesSql.existingKeys([...byKey.keys()]), manager);
    for (const row of existing) byKey.delete(row.identity_key);
    if (byKey.size === 0) return;
    const missing = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const matches = await this.match(db, manager, missing);
    // a concurrent batch creating the same identity: ON CONFLICT waits for it and keeps its row
    const created = await db.query<CreatedIdentity>(
      identitiesSql.insertMissing(
        missing.map((identity) => ({
          ...identity,
          status: matches.has(identity.key) ? GeneratorIdentityStatus.MATCHED : GeneratorIdentityStatus.UNMATCHED,
          matchedBy: matches.get(identity.key)?.matchedBy ?? null,
          accountId: matches.get(identity.key)?.accountId ?? null,
        })),
      ),
      manager,
    );
    await this.outbox.record(
      manager,
      created
        .filter((row) => row.status === GeneratorIdentityStatus.UNMATCHED)
        .map((row) => ({
          type: 'usage.identity_unmatched' as const,
          data: {
            identityId: row.id,
            identityKey: row.identity_key,
            orgId: row.org_id,
            projectId: row.project_id,
            emailDomain: row.email_domain,
          },
        })),
      workspaceId,
    );
  }

  private async match(
    db: SqlRunner,
    manager: EntityManager,
    identities: Identifiers[],
  ): Promise<Map<string, { accountId: string; matchedBy: IdentityMatch }>> {
    const matches = new Map<string, { accountId: string; matchedBy: IdentityMatch }>();

    const orgIds = [...new Set(identities.map((identity) => identity.orgId).filter((id) => id !== null))];
    if (orgIds.length) {
      const mapped = await db.query<{ org_id: string; project_id: string | null; account_id: string }>(
        identitiesSql.orgMappings(orgIds),
        manager,
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
      const rows = await db.query<{ id: string; domain: string }>(identitiesSql.accountsByDomain(candidates), manager);
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
