import { AccessGrant, GrantStatus, GrantUsageReader } from '@greenlight/grants';
import { TenantContext } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GrantFacts } from '../alerts/alert-rules';

/**
 * The ACTIVE grants of accounts as the alert rules read them, from the grants context: the
 * accounts' own and those of the people holding a current position there, with their use.
 */
@Injectable()
export class GrantSignals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
    private readonly usage: GrantUsageReader,
  ) {}

  async forAccounts(accountIds: readonly string[], now: Date): Promise<Map<string, GrantFacts[]>> {
    const byAccount = new Map<string, GrantFacts[]>();
    if (accountIds.length === 0) return byAccount;
    const rows: { id: string; account_id: string; holder: string | null }[] = await this.dataSource.query(
      `SELECT g.id::text, g.account_id::text, NULL AS holder FROM access_grant g
        WHERE g.workspace_id = $1 AND g.status = $3 AND g.account_id = ANY($2::uuid[])
       UNION ALL
       SELECT g.id::text, p.account_id::text, c.name FROM access_grant g
         JOIN contact c ON c.workspace_id = g.workspace_id AND c.id = g.contact_id
         JOIN position p ON p.workspace_id = g.workspace_id AND p.contact_id = g.contact_id AND p.ended_on IS NULL
        WHERE g.workspace_id = $1 AND g.status = $3 AND p.account_id = ANY($2::uuid[])`,
      [this.context.currentWorkspaceId(), accountIds, GrantStatus.ACTIVE],
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
