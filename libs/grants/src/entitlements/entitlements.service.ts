import { dayOf, InvalidInputException, isDatabaseUnavailable } from '@greenlight/common';
import { systemPrincipal, TenantContext, TenantSql } from '@greenlight/identity';
import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessGrant } from '../grants/access-grant.entity';
import { GrantChanges } from '../grants/grant-changes';
import { GrantUsageReader } from '../usage/grant-usage';
import { CreditUnit, GrantStatus, GrantSubjectKind } from '../enums';
import { grantsSql } from '../sql/grants.sql';

/** Who the generator asks about: a user (by email) or an organisation (by its generator org id). */
export type EntitlementSubject = { email: string } | { orgId: string };

export interface EntitledGrant {
  id: string;
  kind: GrantSubjectKind;
  accountId: string | null;
  contactId: string | null;
  seats: number | null;
  modelTier: string | null;
  models: string[];
  startsOn: string;
  expiresOn: string | null;
  credits: {
    unit: CreditUnit;
    limit: number;
    used: number | null;
    left: number | null;
    /** `used` is an estimate (a contact's USD spend, see `GrantUsageFigures`). */
    usedEstimated: boolean;
  } | null;
}

export interface Entitlements {
  subject: EntitlementSubject;
  grants: EntitledGrant[];
  /** Changes whenever the answer does (the ETag, without quotes). */
  version: string;
  computedAt: string;
  /** True when PostgreSQL could not be reached and this is the last answer computed. */
  stale: boolean;
}

interface Cached {
  answer: Entitlements;
  at: number;
  /** From then on, a caller's ask has the answer computed again in the background. */
  dueAt: number;
}

interface Due {
  workspaceId: string;
  subject: EntitlementSubject;
}

/** Answers older than this are not served even while the database is away. */
export const STALE_LIMIT_MS = 60 * 60 * 1000;
/**
 * Shares of `cacheMs` between which a repeat caller's answer comes due to be computed again in the
 * background (the caller gets the answer in memory at once), so that repeat callers never wait for
 * one. Each answer's point is drawn at random in that span: answers computed together (a restart,
 * a grant change, a burst of first callers) come due apart instead of as one wave.
 */
export const REFRESH_AHEAD = { from: 0.5, until: 0.9 };
const MAX_ENTRIES = 20_000;
const MAX_EMAIL = 320;
const MAX_ORG_ID = 200;

/** Checks the query of `GET /v1/entitlements`: exactly one of email and orgId. */
export function subjectOf(query: Record<string, unknown>): EntitlementSubject {
  const email = typeof query.email === 'string' ? query.email.trim().toLowerCase() : undefined;
  const orgId = typeof query.orgId === 'string' ? query.orgId.trim() : undefined;
  if ((email === undefined) === (orgId === undefined))
    throw InvalidInputException.field('email', 'give exactly one of email and orgId');
  if (email !== undefined) {
    if (!email || email.length > MAX_EMAIL || !/^[^\s@]+@[^\s@]+$/.test(email))
      throw InvalidInputException.field('email', 'email must be an email address');
    return { email };
  }
  if (!orgId || orgId.length > MAX_ORG_ID)
    throw InvalidInputException.field('orgId', `orgId must be 1 to ${MAX_ORG_ID} characters`);
  return { orgId };
}

function cacheKey(workspaceId: string, subject: EntitlementSubject): string {
  return `${workspaceId}\n${'email' in subject ? `e:${subject.email}` : `o:${subject.orgId}`}`;
}

/**
 * The grants that let a generator user or organisation in, for the generator's sign-in path.
 * Answers are kept in memory for `cacheSeconds` (dropped at once when a grant of the workspace
 * changes on this instance), and computed again in the background once they come due
 * (REFRESH_AHEAD) while callers still ask, one after another, so that the background work never
 * crowds the callers; when PostgreSQL cannot be reached, the last answer (up to STALE_LIMIT_MS old)
 * is served marked stale.
 */
@Injectable()
export class EntitlementsService {
  private readonly logger = new Logger(EntitlementsService.name);
  private readonly cache = new Map<string, Cached>();
  private readonly inFlight = new Map<string, Promise<Entitlements>>();
  /** Answers due to be computed again, in the order they came due. */
  private readonly due = new Map<string, Due>();
  private refreshing = false;
  /** Bumped per workspace by grant changes, so an answer computed across a change is not kept. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly db: TenantSql,
    private readonly context: TenantContext,
    private readonly usage: GrantUsageReader,
    private readonly cacheMs: number,
    changes: GrantChanges,
  ) {
    changes.afterCommit((workspaceId) => this.forget(workspaceId));
  }

  async answer(subject: EntitlementSubject, now = Date.now()): Promise<Entitlements> {
    const workspaceId = this.context.currentWorkspaceId();
    const kept = this.answerInMemory(workspaceId, subject, now);
    if (kept) return kept;
    const key = cacheKey(workspaceId, subject);
    const cached = this.cache.get(key);
    try {
      return await this.computeOnce(key, workspaceId, subject);
    } catch (error) {
      if (cached && isDatabaseUnavailable(error) && now - cached.at < STALE_LIMIT_MS) {
        this.logger.warn(`entitlements served stale: the database cannot be reached`);
        return { ...cached.answer, stale: true };
      }
      throw error;
    }
  }

  /**
   * The answer kept in memory for `subject`, as `answer` gives it at once; once it is due, it is
   * also put in line to be computed again. Undefined when none is kept (then `answer` computes it).
   */
  answerInMemory(workspaceId: string, subject: EntitlementSubject, now = Date.now()): Entitlements | undefined {
    const key = cacheKey(workspaceId, subject);
    const cached = this.cache.get(key);
    if (!cached || now - cached.at >= this.cacheMs) return undefined;
    if (now >= cached.dueAt) this.refresh(key, workspaceId, subject);
    return cached.answer;
  }

  /** Drops the answers of a workspace (its grants changed). */
  forget(workspaceId: string): void {
    this.generations.set(workspaceId, (this.generations.get(workspaceId) ?? 0) + 1);
    for (const key of this.cache.keys()) if (key.startsWith(`${workspaceId}\n`)) this.cache.delete(key);
  }

  /** Puts the answer in line to be computed again without anyone waiting. */
  private refresh(key: string, workspaceId: string, subject: EntitlementSubject): void {
    if (this.inFlight.has(key) || this.due.has(key)) return;
    this.due.set(key, { workspaceId, subject });
    if (!this.refreshing) void this.refreshDue();
  }

  /** Computes the due answers one at a time; a failure leaves that answer to expire. */
  private async refreshDue(): Promise<void> {
    this.refreshing = true;
    try {
      for (const [key, { workspaceId, subject }] of this.due) {
        this.due.delete(key);
        await this.context
          .run(systemPrincipal(workspaceId), () => this.computeOnce(key, workspaceId, subject))
          .catch((error: unknown) => this.logger.debug(`entitlements not refreshed ahead: ${String(error)}`));
      }
    } finally {
      this.refreshing = false;
    }
  }

  private computeOnce(key: string, workspaceId: string, subject: EntitlementSubject): Promise<Entitlements> {
    let pending = this.inFlight.get(key);
    if (!pending) {
      const generation = this.generations.get(workspaceId) ?? 0;
      pending = this.compute(subject)
        .then((answer) => {
          if ((this.generations.get(workspaceId) ?? 0) === generation) this.remember(key, answer);
          return answer;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private remember(key: string, answer: Entitlements): void {
    this.cache.delete(key);
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    const at = Date.now();
    const ahead = REFRESH_AHEAD.from + Math.random() * (REFRESH_AHEAD.until - REFRESH_AHEAD.from);
    this.cache.set(key, { answer, at, dueAt: at + this.cacheMs * ahead });
  }

  private async compute(subject: EntitlementSubject): Promise<Entitlements> {
    const now = new Date();
    const grants = await this.activeGrants(subject, dayOf(now));
    const usage = await this.usage.of(grants, now);
    const entitled: EntitledGrant[] = grants.map((grant) => {
      const figures = usage.get(grant.id)!;
      return {
        id: grant.id,
        kind: grant.subjectKind,
        accountId: grant.accountId,
        contactId: grant.contactId,
        seats: grant.seats,
        modelTier: grant.modelTier,
        models: grant.models,
        startsOn: grant.startsOn,
        expiresOn: grant.expiresOn,
        credits:
          grant.creditUnit && grant.creditLimit !== null
            ? {
                unit: grant.creditUnit,
                limit: grant.creditLimit,
                used: figures.creditsUsed,
                left: figures.creditsLeft,
                usedEstimated: figures.creditsUsedEstimated,
              }
            : null,
      };
    });
    const version = createHash('sha256')
      .update(JSON.stringify([subject, entitled]))
      .digest('base64url')
      .slice(0, 27);
    return { subject, grants: entitled, version, computedAt: now.toISOString(), stale: false };
  }

  /**
   * ACTIVE grants running today that apply: for an email, the grants of the contacts with that
   * address and of their current companies, and of accounts using the address's domain; for an
   * organisation, the grants of the accounts its generator identities are linked to.
   */
  private async activeGrants(subject: EntitlementSubject, today: string): Promise<AccessGrant[]> {
    const rows = await this.db.query(
      'email' in subject ? grantsSql.entitledByEmail(subject.email, today) : grantsSql.entitledByOrg(subject.orgId, today),
    );
    const grants = this.dataSource.getRepository(AccessGrant);
    return rows.map((row) => grants.create(this.fromRow(row)));
  }

  private fromRow(row: Record<string, unknown>): Partial<AccessGrant> {
    return {
      id: row.id as string,
      workspaceId: row.workspace_id as string,
      subjectKind: row.subject_kind as GrantSubjectKind,
      accountId: row.account_id as string | null,
      contactId: row.contact_id as string | null,
      seats: row.seats as number | null,
      creditUnit: row.credit_unit as CreditUnit | null,
      creditLimit: row.credit_limit as number | null,
      modelTier: row.model_tier as string | null,
      models: row.models as string[],
      startsOn: row.starts_on as string,
      expiresOn: row.expires_on as string | null,
      status: row.status as GrantStatus,
    };
  }
}
