import { withAdvisoryLock } from '@greenlight/db';
import { LoaderRegistry } from '@greenlight/common';
import { HealthSettings } from '@greenlight/config';
import { AccountsService } from '@greenlight/crm';
import { AuditService, TenantContext } from '@greenlight/identity';
import { CriteriaMetRecorder } from '@greenlight/pilots';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertCondition, alertConditions } from '../alerts/alert-rules';
import { AlertEvaluation } from '../alerts/alert.types';
import { AlertsService } from '../alerts/alerts.service';
import { healthOf, HealthService } from '../health/health.service';
import { AccountHealth } from '../health/health.types';
import { AccountSignalsReader } from '../signals/account-signals';

/** Injection token of the health settings (`AppConfig.health`). */
export const HEALTH_SETTINGS = 'greenlight.health.settings';

/** Advisory lock keys (first of the two int4 keys); the second is the workspace's hash, or 0. */
const WORKSPACE_LOCK = 0x4845414c;
export const SCHEDULE_LOCK = 0x4845414d;

/**
 * One evaluation of a workspace: refreshes the stored health of every active account and brings the
 * alerts in line with the rules, account batch by account batch. Evaluations of one workspace run
 * one at a time (a session advisory lock per workspace); other workspaces are not held up.
 */
@Injectable()
export class HealthEvaluation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
    private readonly accounts: AccountsService,
    private readonly signals: AccountSignalsReader,
    private readonly health: HealthService,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
    private readonly criteriaMet: CriteriaMetRecorder,
    @Inject(HEALTH_SETTINGS) private readonly settings: HealthSettings,
  ) {}

  /**
   * Evaluates the current workspace as of `asOf`. `shouldStop` is asked between batches; a stopped
   * run leaves what it has not reached as it was.
   */
  async evaluateCurrentWorkspace(
    asOf: Date = new Date(),
    shouldStop: () => boolean = () => false,
  ): Promise<AlertEvaluation> {
    const workspaceId = this.context.currentWorkspaceId();
    return withAdvisoryLock(this.dataSource, [WORKSPACE_LOCK, workspaceId], () =>
      this.evaluateBatches(asOf, shouldStop),
    );
  }

  /** `evaluateCurrentWorkspace` asked for by a member, recorded in the audit log. */
  async evaluateOnDemand(): Promise<AlertEvaluation> {
    const result = await this.evaluateCurrentWorkspace();
    await this.audit.record({
      entity: 'alert',
      entityId: this.context.currentWorkspaceId(),
      action: 'evaluate',
      after: { accountsEvaluated: result.accountsEvaluated, raised: result.raised, resolved: result.resolved },
    });
    return result;
  }

  private async evaluateBatches(asOf: Date, shouldStop: () => boolean): Promise<AlertEvaluation> {
    const started = new Date();
    const result = { accountsEvaluated: 0, raised: 0, resolved: 0 };
    let after: string | null = null;
    for (;;) {
      if (shouldStop()) return { ...result, unresolved: await this.alerts.unresolvedCount(), evaluatedAt: started };
      const batch = await this.accounts.activeBatch(after, this.settings.batchSize);
      if (batch.length === 0) break;
      const registry = new LoaderRegistry();
      const signals = await this.signals.read(batch, asOf, registry);
      const stamp = new Date();
      const healths: AccountHealth[] = [];
      const conditions = new Map<string, AlertCondition[]>();
      for (const [accountId, facts] of signals) {
        healths.push(healthOf(accountId, facts, stamp));
        conditions.set(accountId, alertConditions(facts, this.settings.alerts));
      }
      const changes = await this.dataSource.transaction(async (manager) => {
        await this.health.store(healths, manager);
        await this.criteriaMet.record(
          batch.map((account) => account.id),
          registry,
          manager,
          stamp,
        );
        return this.alerts.reconcile(conditions, stamp, manager);
      });
      result.accountsEvaluated += batch.length;
      result.raised += changes.raised;
      result.resolved += changes.resolved;
      if (batch.length < this.settings.batchSize) break;
      after = batch[batch.length - 1].id;
    }
    await this.health.forgetNotRefreshedSince(started);
    result.resolved += await this.alerts.resolveUnseenSince(started, new Date());
    return { ...result, unresolved: await this.alerts.unresolvedCount(), evaluatedAt: started };
  }
}
