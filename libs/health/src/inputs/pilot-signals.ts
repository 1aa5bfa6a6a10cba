import { LoaderRegistry } from '@greenlight/common';
import { PilotEvaluator } from '@greenlight/pilots';
import { Injectable } from '@nestjs/common';
import { PilotFacts } from '../alerts/alert-rules';

/** The active pilots of accounts as the score and the alert rules read them, from the pilots context. */
@Injectable()
export class PilotSignals {
  constructor(private readonly evaluator: PilotEvaluator) {}

  async forAccounts(accountIds: readonly string[], registry: LoaderRegistry): Promise<Map<string, PilotFacts[]>> {
    const byAccount = new Map<string, PilotFacts[]>();
    for (const { pilot, criteriaTotal, criteriaMet, budget } of await this.evaluator.activeProgress(accountIds, registry)) {
      const facts: PilotFacts = {
        id: pilot.id,
        name: pilot.name,
        startDate: pilot.startDate,
        endDate: pilot.endDate,
        criteriaTotal,
        criteriaMet,
        creditBudgetUsd: budget.creditUsd,
        spentUsd: budget.spentUsd,
      };
      byAccount.set(pilot.accountId, [...(byAccount.get(pilot.accountId) ?? []), facts]);
    }
    return byAccount;
  }
}
