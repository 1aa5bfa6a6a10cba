import { LoaderRegistry } from '@greenlight/common';
import { Account, InteractionsService, StagesService } from '@greenlight/crm';
import { UsageRollupReader } from '@greenlight/telemetry';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AlertFacts } from '../alerts/alert-rules';
import { trendWindows } from '../score/trend-windows';
import { HealthInputs } from '../score/health-score';
import { GrantSignals } from './grant-signals';
import { PilotSignals } from './pilot-signals';

/** What the score and the alert rules read about one account. */
export type AccountSignals = HealthInputs & AlertFacts;

/**
 * Gathers the signals of many accounts through the other contexts' services, in a fixed number of
 * reads whatever the number of accounts: usage totals for the two windows, the last interactions,
 * the stages, the active pilots and the active grants.
 */
@Injectable()
export class AccountSignalsReader {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly interactions: InteractionsService,
    private readonly stages: StagesService,
    private readonly pilots: PilotSignals,
    private readonly grants: GrantSignals,
  ) {}

  private get usage(): UsageRollupReader {
    return this.moduleRef.get(UsageRollupReader, { strict: false });
  }

  async read(accounts: readonly Account[], now: Date, registry: LoaderRegistry): Promise<Map<string, AccountSignals>> {
    if (accounts.length === 0) return new Map();
    const ids = accounts.map((account) => account.id);
    const windows = trendWindows(now);
    const [last, previous, interactions, stages, pilots, grants] = await Promise.all([
      this.usage.totalsForAccounts(ids, ...windows.last),
      this.usage.totalsForAccounts(ids, ...windows.previous),
      this.interactions.lastInteractionTimes(ids, now),
      this.stages.list(),
      this.pilots.forAccounts(ids, now, registry),
      this.grants.forAccounts(ids, now),
    ]);
    const stageById = new Map(stages.map((stage) => [stage.id, stage]));
    return new Map(
      accounts.map((account) => {
        const stage = stageById.get(account.stageId);
        const signals: AccountSignals = {
          now,
          accountCreatedAt: account.createdAt,
          usage: { last: last.get(account.id)?.events ?? 0, previous: previous.get(account.id)?.events ?? 0 },
          lastInteractionAt: interactions.get(account.id) ?? null,
          stage: stage ? { key: stage.key, name: stage.name, category: stage.category } : null,
          pilots: pilots.get(account.id) ?? [],
          tier: account.tier,
          grants: grants.get(account.id) ?? [],
        };
        return [account.id, signals];
      }),
    );
  }
}
