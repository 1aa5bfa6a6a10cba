import { addDays, Day, dayOf, LoaderRegistry } from '@greenlight/common';
import { SqlFragment, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { AccessGrant } from '../grants/access-grant.entity';
import { CreditUnit, GrantStatus } from '../enums';
import { grantsSql } from '../sql/grants.sql';

/** Days after its start within which a first use makes a grant "activated". */
export const ACTIVATION_DAYS = 7;
/** Days without use after which an active grant is "dormant". */
export const DORMANT_DAYS = 14;

/** Use of a grant over its days so far, from the usage rollups. */
export interface GrantUsageFigures {
  /** Events of the grant's subject on the grant's models (every kind). */
  events: number;
  /** Credits consumed in the grant's unit; null without a credit limit. */
  creditsUsed: number | null;
  /** creditsUsed is an estimate: the USD spend of a contact grant (see `figuresOf`). */
  creditsUsedEstimated: boolean;
  /** creditLimit − creditsUsed, never below 0; null when creditsUsed is. */
  creditsLeft: number | null;
  /** creditsUsed as a whole percent of creditLimit; null when creditsUsed is. */
  creditsUsedPercent: number | null;
  firstUseOn: Day | null;
  lastUseOn: Day | null;
  /** First used within ACTIVATION_DAYS of its start. */
  activated: boolean;
  /** ACTIVE, started at least DORMANT_DAYS ago, and no use in the last DORMANT_DAYS days. */
  dormant: boolean;
}

interface UsageRow {
  id: string;
  events: number | null;
  cost_usd: number | null;
  generations: number | null;
  first_day: string | null;
  last_day: string | null;
}

/**
 * An account grant is measured on the account's day rollups (spend, completed generations); a
 * contact grant on the user rollups of the contact's addresses, which keep event counts only: its
 * GENERATIONS credits count the person's events, and its USD spend is an estimate, the person's
 * share of the workspace's events on each day and model times the workspace's spend on it.
 */
export function figuresOf(grant: AccessGrant, row: UsageRow | undefined, today: Day): GrantUsageFigures {
  const events = row?.events ?? 0;
  const firstUseOn = row?.first_day ?? null;
  const lastUseOn = row?.last_day ?? null;
  const measured =
    grant.creditUnit === CreditUnit.USD
      ? (row?.cost_usd ?? 0)
      : grant.creditUnit === CreditUnit.GENERATIONS
        ? grant.accountId
          ? (row?.generations ?? 0)
          : events
        : null;
  const creditsUsed =
    grant.creditLimit === null || measured === null ? null : Math.round(measured * 100) / 100;
  return {
    events,
    creditsUsed,
    creditsUsedEstimated: creditsUsed !== null && grant.creditUnit === CreditUnit.USD && !grant.accountId,
    creditsLeft:
      creditsUsed === null ? null : Math.max(0, Math.round((grant.creditLimit! - creditsUsed) * 100) / 100),
    creditsUsedPercent: creditsUsed === null ? null : Math.round((creditsUsed / grant.creditLimit!) * 100),
    firstUseOn,
    lastUseOn,
    activated: firstUseOn !== null && firstUseOn <= addDays(grant.startsOn, ACTIVATION_DAYS - 1),
    dormant:
      grant.status === GrantStatus.ACTIVE &&
      grant.startsOn <= addDays(today, -DORMANT_DAYS) &&
      (lastUseOn === null || lastUseOn <= addDays(today, -DORMANT_DAYS)),
  };
}

/** Reads the use of grants of the current workspace from the usage rollups, many grants per query. */
@Injectable()
export class GrantUsageReader {
  constructor(private readonly db: TenantSql) {}

  /** Batched per request: one query per kind of subject for every grant asked about. */
  loader(registry: LoaderRegistry) {
    return registry.get('grants.usage', async (grants: readonly AccessGrant[]) => {
      const figures = await this.of(grants);
      return grants.map((grant) => figures.get(grant.id)!);
    });
  }

  async of(grants: readonly AccessGrant[], now = new Date()): Promise<Map<string, GrantUsageFigures>> {
    const today = dayOf(now);
    const ids = (accounts: boolean) =>
      grants.filter((g) => (g.accountId !== null) === accounts).map((g) => g.id);
    const [accountRows, contactRows] = await Promise.all([
      this.rows(ids(true), (grantIds) => grantsSql.accountGrantUsage(grantIds, today)),
      this.rows(ids(false), (grantIds) => grantsSql.contactGrantUsage(grantIds, today)),
    ]);
    const byId = new Map([...accountRows, ...contactRows].map((row) => [row.id, row]));
    return new Map(grants.map((grant) => [grant.id, figuresOf(grant, byId.get(grant.id), today)]));
  }

  private async rows(grantIds: string[], statement: (grantIds: string[]) => SqlFragment): Promise<UsageRow[]> {
    return grantIds.length ? this.db.query<UsageRow>(statement(grantIds)) : [];
  }
}
