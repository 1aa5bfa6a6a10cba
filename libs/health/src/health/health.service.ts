import { Connection, LoaderRegistry, paginate } from '@greenlight/common';
import { Account } from '@greenlight/crm';
import { TenantContext, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { AccountSignals, AccountSignalsReader } from '../signals/account-signals';
import { computeHealth } from '../score/health-score';
import { healthSql } from '../sql/health.sql';
import { AccountHealthRecord } from './account-health.entity';
import { AccountAtRisk, AccountHealth, AccountsAtRiskArgs, AT_RISK_BELOW, levelOf } from './health.types';

/** Caches by account id (the registry's typing assumes the key is its own cache key). */
const BY_ACCOUNT_ID = { cacheKeyFn: (account: Account) => account.id } as unknown as DataLoader.Options<
  Account,
  AccountHealth
>;

export function healthOf(accountId: string, signals: AccountSignals, computedAt: Date): AccountHealth {
  const { score, reasons } = computeHealth(signals);
  return {
    accountId,
    score,
    level: levelOf(score),
    reasons: [...reasons].sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact)),
    computedAt,
  };
}

/** Account health: computed live for `Account.health`, stored by the evaluation for lists. */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
    private readonly signals: AccountSignalsReader,
    private readonly db: TenantSql,
  ) {}

  /** Live health of accounts, batched per request: the same reads for 1 account or 100. */
  live(registry: LoaderRegistry): DataLoader<Account, AccountHealth> {
    return registry.get<Account, AccountHealth>(
      'health.live',
      async (accounts) => {
        const now = new Date();
        const signals = await this.signals.read(accounts, now, registry);
        return accounts.map((account) => healthOf(account.id, signals.get(account.id)!, now));
      },
      BY_ACCOUNT_ID,
    );
  }

  /** Accounts whose stored score is under the threshold, lowest first. */
  async atRisk(args: AccountsAtRiskArgs): Promise<Connection<AccountAtRisk>> {
    const query = this.dataSource
      .getRepository(AccountHealthRecord)
      .createQueryBuilder('h')
      .where('h.workspace_id = :workspaceId', { workspaceId: this.context.currentWorkspaceId() })
      .andWhere('h.score < :threshold', { threshold: args.threshold ?? AT_RISK_BELOW });
    const page = await paginate(
      query,
      args,
      { expression: 'h.score', value: (h) => h.score, part: 'integer', direction: 'ASC' },
      { expression: 'h.account_id', value: (h) => h.accountId },
    );
    return {
      ...page,
      edges: page.edges.map(({ cursor, node }) => ({
        cursor,
        node: {
          accountId: node.accountId,
          health: {
            accountId: node.accountId,
            score: node.score,
            level: levelOf(node.score),
            reasons: node.reasons,
            computedAt: node.computedAt,
          },
        },
      })),
    };
  }

  /** Stores the latest health of these accounts of the current workspace (one statement). */
  async store(healths: AccountHealth[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (healths.length === 0) return;
    const workspaceId = this.context.currentWorkspaceId();
    await manager
      .createQueryBuilder()
      .insert()
      .into(AccountHealthRecord)
      .values(
        healths.map((health) => ({
          accountId: health.accountId,
          workspaceId,
          score: health.score,
          reasons: health.reasons,
          computedAt: health.computedAt,
        })),
      )
      .orUpdate(['score', 'reasons', 'computed_at'], ['workspace_id', 'account_id'])
      .execute();
  }

  /** Forgets the stored health of accounts an evaluation started at `since` did not reach (archived ones). */
  async forgetNotRefreshedSince(since: Date): Promise<void> {
    await this.db.execute(healthSql.forgetNotRefreshedSince(since));
  }
}
