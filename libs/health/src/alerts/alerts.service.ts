import { Connection, InvalidInputException, paginate } from '@greenlight/common';
import { AuditService, Outbox, TenantContext, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AlertCondition } from './alert-rules';
import { Alert } from './alert.entity';
import { AlertStatus } from './alert.enums';
import { AcknowledgeAlertArgs, AlertsArgs } from './alert.types';

const keyOf = (alert: { kind: string; accountId: string; pilotId: string | null; grantId?: string | null }) =>
  `${alert.kind}|${alert.accountId}|${alert.pilotId ?? ''}|${alert.grantId ?? ''}`;

/** What the conditions of some accounts changed in their alerts. */
export interface Reconciled {
  raised: number;
  resolved: number;
}

/** Stored alerts: listing, acknowledging, and keeping them in line with the conditions that hold. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly context: TenantContext,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(Alert, 'Alert', manager);
  }

  /** Newest raised first. */
  list(args: AlertsArgs): Promise<Connection<Alert>> {
    const query = this.repository().query('a', (q) => {
      if (args.status) q.andWhere('a.status = :status', { status: args.status });
      else q.andWhere('a.status <> :resolved', { resolved: AlertStatus.RESOLVED });
      if (args.kind) q.andWhere('a.kind = :kind', { kind: args.kind });
      if (args.accountId) q.andWhere('a.account_id = :accountId', { accountId: args.accountId });
      if (args.ownerId)
        q.andWhere(
          'a.account_id IN (SELECT o.id FROM account o WHERE o.workspace_id = a.workspace_id AND o.owner_id = :ownerId)',
          { ownerId: args.ownerId },
        );
      return q;
    });
    return paginate(
      query,
      args,
      { expression: 'a.first_raised_at', value: (a) => a.firstRaisedAt.toISOString(), part: 'timestamp', direction: 'DESC' },
      { expression: 'a.id', value: (a) => a.id },
    );
  }

  /** Marks an OPEN alert as seen to: it stays until its condition clears, and is not raised again before. */
  async acknowledge({ id, note }: AcknowledgeAlertArgs, at = new Date()): Promise<Alert> {
    const member = this.context.currentMember();
    return this.dataSource.transaction(async (manager) => {
      const alert = await this.repository(manager).getById(id, { lock: true });
      if (alert.status !== AlertStatus.OPEN)
        throw InvalidInputException.field(
          'id',
          `id names an alert that is already ${alert.status}: only an open alert can be acknowledged`,
        );
      alert.status = AlertStatus.ACKNOWLEDGED;
      alert.acknowledgedById = member.membershipId;
      alert.acknowledgedAt = at;
      alert.acknowledgementNote = note?.trim() || null;
      const saved = await this.repository(manager).save(alert);
      await this.audit.record(
        {
          entity: 'alert',
          entityId: saved.id,
          action: 'acknowledge',
          before: { status: AlertStatus.OPEN },
          after: { status: saved.status, note: saved.acknowledgementNote },
        },
        manager,
      );
      return saved;
    });
  }

  /**
   * Brings the unresolved alerts of these accounts in line with the conditions that hold for them:
   * a new condition raises an OPEN alert, one still holding refreshes its alert (acknowledged or
   * not), and an alert whose condition is gone is RESOLVED.
   */
  async reconcile(
    conditions: Map<string, AlertCondition[]>,
    evaluatedAt: Date,
    manager: EntityManager,
  ): Promise<Reconciled> {
    const accountIds = [...conditions.keys()];
    if (accountIds.length === 0) return { raised: 0, resolved: 0 };
    const repository = this.repository(manager);
    const existing = await repository
      .query('a', (q) =>
        q
          .andWhere('a.account_id = ANY(:accountIds)', { accountIds })
          .andWhere('a.status <> :resolved', { resolved: AlertStatus.RESOLVED })
          .setLock('pessimistic_write'),
      )
      .getMany();
    const byKey = new Map(existing.map((alert) => [keyOf(alert), alert]));
    const changed: Alert[] = [];
    const fresh: QueryDeepPartialEntity<Alert>[] = [];
    for (const [accountId, holding] of conditions) {
      for (const condition of holding) {
        const alert = byKey.get(keyOf({ ...condition, accountId }));
        byKey.delete(keyOf({ ...condition, accountId }));
        const current = { severity: condition.severity, message: condition.message, details: condition.details };
        if (alert) changed.push(Object.assign(alert, current, { lastEvaluatedAt: evaluatedAt }));
        else
          fresh.push({
            ...current,
            kind: condition.kind,
            accountId,
            pilotId: condition.pilotId,
            grantId: condition.grantId ?? null,
            workspaceId: repository.workspaceId,
            status: AlertStatus.OPEN,
            firstRaisedAt: evaluatedAt,
            lastEvaluatedAt: evaluatedAt,
          });
      }
    }
    const cleared = [...byKey.values()].map((alert) =>
      Object.assign(alert, { status: AlertStatus.RESOLVED, resolvedAt: evaluatedAt, lastEvaluatedAt: evaluatedAt }),
    );
    if (changed.length + cleared.length > 0) await manager.getRepository(Alert).save([...changed, ...cleared]);
    const raised =
      fresh.length > 0
        ? ((
            await manager
              .createQueryBuilder()
              .insert()
              .into(Alert)
              .values(fresh)
              .orIgnore()
              .returning(['id', 'kind', 'severity', 'accountId', 'pilotId', 'grantId', 'message'])
              .execute()
          ).raw as AlertRow[])
        : [];
    await this.outbox.record(
      manager,
      [
        ...raised.map((row) =>
          alertEvent(
            'alert.opened',
            { ...row, accountId: row.account_id, pilotId: row.pilot_id, grantId: row.grant_id },
            evaluatedAt,
          ),
        ),
        ...cleared.map((alert) => alertEvent('alert.resolved', alert, evaluatedAt)),
      ],
      repository.workspaceId,
    );
    return { raised: raised.length, resolved: cleared.length };
  }

  /** Resolves the unresolved alerts no evaluation since `since` has seen (their account was archived). */
  async resolveUnseenSince(since: Date, at: Date): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Alert)
      .set({ status: AlertStatus.RESOLVED, resolvedAt: at, lastEvaluatedAt: at })
      .where('workspace_id = :workspaceId AND status <> :resolved AND last_evaluated_at < :since', {
        workspaceId: this.context.currentWorkspaceId(),
        resolved: AlertStatus.RESOLVED,
        since,
      })
      .execute();
    return result.affected ?? 0;
  }

  /** Unresolved alerts of the current workspace. */
  unresolvedCount(): Promise<number> {
    return this.repository()
      .query('a', (q) => q.andWhere('a.status <> :resolved', { resolved: AlertStatus.RESOLVED }))
      .getCount();
  }
}

interface AlertRow {
  id: string;
  kind: string;
  severity: string;
  account_id: string;
  pilot_id: string | null;
  grant_id: string | null;
  message: string;
}

/** What `alert.opened` and `alert.resolved` carry. */
function alertEvent(
  type: 'alert.opened' | 'alert.resolved',
  alert: { id: string; kind: string; severity: string; accountId: string; pilotId: string | null; grantId: string | null; message: string },
  at: Date,
) {
  const { id, kind, severity, accountId, pilotId, grantId, message } = alert;
  return { type, data: { alertId: id, kind, severity, accountId, pilotId, grantId, message }, at };
}
