import { AccessGrant, GrantUsageReader } from '@greenlight/grants';
import { TenantContext, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GrantFacts } from '../alerts/alert-rules';
import { healthSql } from '../sql/health.sql';

/**
 * The ACTIVE grants of accounts as the alert rules read them, from the grants context: the
 * accounts' own and those of the people holding a current position there, with their use.
 */
@Injectable()
export class GrantSignals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly db: TenantSql,
    private readonly context: TenantContext,
    private readonly usage: GrantUsageReader,
  ) {}

  async forAccounts(accountIds: readonly string[], now: Date): Promise<Map<string, GrantFacts[]>> {
    const byAccount = new Map<string, GrantFacts[]>();
    if (accountIds.length === 0) return byAccount;
    const rows = await this.db.query<{ id: string; account_id: string; holder: string | null }>(
      healthSql.activeGrantsOfAccounts(accountIds),
    );
    if (rows.length === 0) return byAccount;
    const grants = await this.dataSource
      .getRepository(AccessGrant)
      .findBy(rows.map((row) => ({ workspaceId: this.context.currentWorkspaceId(), id: row.id })));
    const usage = await this.usage.of(grants, now);
    const byId = new Map(grants.map((grant) => [grant.id, grant]));
    for (const row of rows) {
      const grant = byId.get(row.id);
      if (!grant) continue;
      const facts: GrantFacts = {
        id: grant.id,
        holder: row.holder ?? 'the account',
        expiresOn: grant.expiresOn,
        creditUnit: grant.creditUnit,
        creditLimit: grant.creditLimit,
        usage: usage.get(grant.id)!,
      };
      byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), facts]);
    }
    return byAccount;
  }
}
