import { addDays, Day, dayOf, LoaderRegistry } from '@greenlight/common';
import { TenantContext } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessGrant } from '../grants/access-grant.entity';
import { CreditUnit, GrantStatus } from '../enums';

/** Days after its start within which a first use makes a grant "activated". */
export const ACTIVATION_DAYS = 7;
/** Days without use after which an active grant is "dormant". */
export const DORMANT_DAYS = 14;

/** Use of a grant over its days so far, from the usage rollups. */
export interface GrantUsageFigures {
  /** Events of the grant's subject on the grant's models (every kind). */
  events: number;
  /** Credits consumed in the grant's unit; null without a credit limit, or not measured (see `creditsUsedOf`). */
  creditsUsed: number | null;
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

/** The grant's window so far: from its start to its expiry or today, whichever comes first. */
const WINDOW = `g.starts_on AND LEAST(coalesce(g.expires_on, $3::date), $3::date)`;
const MODELS = `(cardinality(g.models) = 0 OR r.model = ANY(g.models))`;
const FIGURES = `coalesce(sum(r.events), 0)::float8 AS events,
  to_char(min(r.day) FILTER (WHERE r.events > 0), 'YYYY-MM-DD') AS first_day,
  to_char(max(r.day) FILTER (WHERE r.events > 0), 'YYYY-MM-DD') AS last_day`;

/**
 * An account grant is measured on the account's day rollups (spend, completed generations); a
 * contact grant on the user rollups of the contact's addresses, which keep event counts only: its
 * credits count events (GENERATIONS) and its USD spend is not measured per person.
 */
export function figuresOf(grant: AccessGrant, row: UsageRow | undefined, today: Day): GrantUsageFigures {
  const events = row?.events ?? 0;
  const firstUseOn = row?.first_day ?? null;
  const lastUseOn = row?.last_day ?? null;
  const measured =
    grant.creditUnit === CreditUnit.USD
      ? (row?.cost_usd ?? (grant.accountId ? 0 : null))
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
  ) {}

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
    const workspaceId = this.context.currentWorkspaceId();
    const [accountRows, contactRows] = await Promise.all([
      this.rows(
        `SELECT g.id::text, u.* FROM access_grant g CROSS JOIN LATERAL (
           SELECT ${FIGURES}, sum(r.cost_usd)::float8 AS cost_usd, coalesce(sum(r.generations), 0)::float8 AS generations
             FROM usage_rollup_account_day r
            WHERE r.workspace_id = g.workspace_id AND r.account_id = g.account_id
              AND r.day BETWEEN ${WINDOW} AND ${MODELS}) u
          WHERE g.workspace_id = $1 AND g.id = ANY($2::uuid[])`,
        [workspaceId, ids(true), today],
      ),
      this.rows(
        `SELECT g.id::text, u.* FROM access_grant g
           JOIN contact c ON c.workspace_id = g.workspace_id AND c.id = g.contact_id
          CROSS JOIN LATERAL (
           SELECT ${FIGURES} FROM usage_rollup_workspace_user r
            WHERE r.workspace_id = g.workspace_id AND r.user_key = ANY(c.emails)
              AND r.day BETWEEN ${WINDOW} AND ${MODELS}) u
          WHERE g.workspace_id = $1 AND g.id = ANY($2::uuid[])`,
        [workspaceId, ids(false), today],
      ),
    ]);
    const byId = new Map([...accountRows, ...contactRows].map((row) => [row.id, row]));
    return new Map(grants.map((grant) => [grant.id, figuresOf(grant, byId.get(grant.id), today)]));
  }

  private async rows(sql: string, parameters: [string, string[], Day]): Promise<UsageRow[]> {
    return parameters[1].length ? this.dataSource.query(sql, parameters) : [];
  }
}
