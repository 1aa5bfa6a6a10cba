import { ConnectionArgs, Connection, paginate } from '@greenlight/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf } from '../context/principal';
import { TenantContext } from '../context/tenant-context';
import { WorkspaceScope } from '../context/workspace-scoped.repository';
import { AuditEntry } from '../entities';

export interface AuditChange {
  /** Kind of thing changed, e.g. `member`. */
  entity: string;
  entityId: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  since?: Date;
  until?: Date;
}

/** Keys never written to an audit entry, whatever a caller passes. */
const SECRET_KEY = /password|secret|token|hash|^key$/i;

function withoutSecrets(
  snapshot: Record<string, unknown> | null | undefined,
): Record<string, unknown> | null {
  if (!snapshot) return null;
  return Object.fromEntries(
    Object.entries(snapshot)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
}

/** Records who changed what; actor, workspace and request come from the tenant context. */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
    private readonly scope: WorkspaceScope,
  ) {}

  /** Writes one entry; pass the caller's transaction manager so it commits or rolls back with the change. */
  async record(change: AuditChange, manager: EntityManager = this.dataSource.manager): Promise<AuditEntry> {
    const principal = this.context.principal();
    if (!principal) throw new Error('An audit entry needs an actor: record changes within a tenant context');
    return this.scope.repository(AuditEntry, 'Audit entry', manager).insert({
      ...actorOf(principal),
      entity: change.entity,
      entityId: change.entityId,
      action: change.action,
      before: withoutSecrets(change.before),
      after: withoutSecrets(change.after),
      requestId: this.context.requestId(),
    });
  }

  list(filter: AuditFilter, args: ConnectionArgs): Promise<Connection<AuditEntry>> {
    const query = this.scope.repository(AuditEntry, 'Audit entry').query('a', (q) => {
      if (filter.entity) q.andWhere('a.entity = :entity', { entity: filter.entity });
      if (filter.entityId) q.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
      if (filter.actorId) q.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
      if (filter.since) q.andWhere('a.at >= :since', { since: filter.since });
      if (filter.until) q.andWhere('a.at < :until', { until: filter.until });
      return q;
    });
    return paginate(
      query,
      args,
      { expression: 'a.at', value: (row) => row.at.toISOString(), part: 'timestamp', direction: 'DESC' },
      {
        expression: 'a.id',
        value: (row) => row.id,
      },
    );
  }
}
