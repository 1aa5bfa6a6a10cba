import { AccountKind } from '@greenlight/crm';
import { TenantContext, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CreditUnit, GrantStatus } from '../enums';
import { AccessGrant } from '../grants/access-grant.entity';
import { BetaAccessByKind, BetaAccessSummary } from '../grants/grant.types';
import { grantsSql } from '../sql/grants.sql';
import { GrantUsageReader } from '../usage/grant-usage';

/** The dashboard panel of the beta-access programme. */
@Injectable()
export class BetaAccessStatistics {
  constructor(
    private readonly dataSource: DataSource,
    private readonly db: TenantSql,
    private readonly context: TenantContext,
    private readonly usage: GrantUsageReader,
  ) {}

  async summary(now = new Date()): Promise<BetaAccessSummary> {
    const workspaceId = this.context.currentWorkspaceId();
    const grants = await this.dataSource
      .getRepository(AccessGrant)
      .findBy({ workspaceId, status: GrantStatus.ACTIVE });
    const kinds = grants.length
      ? await this.db.query<{ id: string; kind: AccountKind | null }>(
          grantsSql.accountKinds(grants.map((grant) => grant.id)),
        )
      : [];
    const kindOf = new Map(kinds.map((row) => [row.id, row.kind]));
    const figures = await this.usage.of(grants, now);
    const byKind = new Map<AccountKind | null, BetaAccessByKind>();
    const empty = (accountKind: AccountKind | null): BetaAccessByKind => ({
      accountKind,
      granted: 0,
      activated: 0,
      dormant: 0,
      creditsUsedUsd: 0,
      creditsUsedGenerations: 0,
    });
    const total = empty(null);
    for (const grant of grants) {
      const kind = kindOf.get(grant.id) ?? null;
      const row = byKind.get(kind) ?? empty(kind);
      byKind.set(kind, row);
      const usage = figures.get(grant.id)!;
      for (const each of [row, total]) {
        each.granted += 1;
        if (usage.activated) each.activated += 1;
        if (usage.dormant) each.dormant += 1;
        if (grant.creditUnit === CreditUnit.USD) each.creditsUsedUsd += usage.creditsUsed ?? 0;
        if (grant.creditUnit === CreditUnit.GENERATIONS)
          each.creditsUsedGenerations += usage.creditsUsed ?? 0;
      }
    }
    const { accountKind: _none, ...totals } = total;
    return {
      ...totals,
      byAccountKind: [...byKind.values()].sort(
        (a, b) => b.granted - a.granted || String(a.accountKind).localeCompare(String(b.accountKind)),
      ),
    };
  }
}
