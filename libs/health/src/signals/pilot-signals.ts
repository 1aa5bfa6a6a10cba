import { LoaderRegistry } from '@greenlight/common';
import { PilotEvaluator } from '@greenlight/pilots';
import { Injectable } from '@nestjs/common';
import { PilotFacts } from '../alerts/alert-rules';

/** The active pilots of accounts at `now` as the score and the alert rules read them, from the pilots context. */
@Injectable()
export class PilotSignals {
  constructor(private readonly evaluator: PilotEvaluator) {}

  async forAccounts(
    accountIds: readonly string[],
    now: Date,
    registry: LoaderRegistry,
  ): Promise<Map<string, PilotFacts[]>> {
    const byAccount = new Map<string, PilotFacts[]>();
    const active = await this.evaluator.activeProgress(accountIds, registry, now);
    for (const { pilot, criteriaTotal, criteriaMet, budget, standing } of active) {
      const facts: PilotFacts = {
        id: pilot.id,
        name: pilot.name,
        endDate: pilot.endDate,
        criteriaTotal,
        criteriaMet,
        creditBudgetUsd: budget.creditUsd,
        spentUsd: budget.spentUsd,
        standing,
      };
      byAccount.set(pilot.accountId, [...(byAccount.get(pilot.accountId) ?? []), facts]);
    }
    return byAccount;
  }
}
