import { Connection, ConnectionArgs, paginate } from '@greenlight/common';
import { AccountsService } from '@greenlight/crm';
import { AuditService, TenantContext, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GeneratorIdentity, GeneratorIdentityStatus, IdentityMatch } from './generator-identity.entity';

/** Events re-attributed per statement when an identity is linked. */
export const BACKFILL_BATCH = 5000;

export interface LinkResult {
  identity: GeneratorIdentity;
  attributedEvents: number;
}

@Injectable()
export class GeneratorIdentityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly context: TenantContext,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
  ) {}

  private repository(manager?: EntityManager) {
    return this.scope.repository(GeneratorIdentity, 'Generator identity', manager);
  }

  /** The unmatched queue: most recently seen first. */
  listUnmatched(args: ConnectionArgs): Promise<Connection<GeneratorIdentity>> {
    const query = this.repository().query('g', (q) =>
      q.andWhere('g.status = :status', { status: GeneratorIdentityStatus.UNMATCHED }),
    );
    return paginate(
      query,
      args,
      { expression: 'g.last_seen_at', value: (row) => row.lastSeenAt.toISOString(), direction: 'DESC' },
      { expression: 'g.id', value: (row) => row.id },
    );
  }

  /**
   * Links an identity to an account by hand: its future events are attributed at ingestion, and its
   * past events now, in batches (each its own short transaction, so ingestion is never held up).
   */
  async link(identityId: string, accountId: string): Promise<LinkResult> {
    const account = await this.accounts.get(accountId);
    const identity = await this.dataSource.transaction(async (manager) => {
      // waits for batches holding this identity, so their events are visible to the backfill
      const row = await this.repository(manager).getById(identityId, { lock: true });
      const before = { status: row.status, matchedBy: row.matchedBy, accountId: row.accountId };
      row.status = GeneratorIdentityStatus.MATCHED;
      row.matchedBy = IdentityMatch.MANUAL;
      row.accountId = account.id;
      const saved = await this.repository(manager).save(row);
      await this.audit.record(
        {
          entity: 'generator_identity',
          entityId: row.id,
          action: 'link',
          before,
          after: { status: saved.status, matchedBy: saved.matchedBy, accountId: saved.accountId },
        },
        manager,
      );
      return saved;
    });
    const attributedEvents = await this.backfill(identity.id, account.id);
    return { identity, attributedEvents };
  }

  /**
   * Points the identity's stored events at the account, about BACKFILL_BATCH rows per statement:
   * windows of occurred_at found on the (workspace_id, identity_id, occurred_at) index, so each
   * statement touches only its rows, whatever the size of the table.
   */
  private async backfill(identityId: string, accountId: string): Promise<number> {
    const workspaceId = this.context.currentWorkspaceId();
    let total = 0;
    let lower: Date | null = null;
    let strict = false;
    for (;;) {
      const from = lower === null ? '' : `AND occurred_at ${strict ? '>' : '>='} $3`;
      const bounds: unknown[] = lower === null ? [workspaceId, identityId] : [workspaceId, identityId, lower];
      const [next] = (await this.dataSource.query(
        `SELECT occurred_at FROM usage_event WHERE workspace_id = $1 AND identity_id = $2 ${from}
         ORDER BY occurred_at OFFSET ${BACKFILL_BATCH} LIMIT 1`,
        bounds,
      )) as { occurred_at: Date }[];
      const upper = next?.occurred_at ?? null;
      // more than a batch at one instant: that instant alone, then past it
      const sameInstant = upper !== null && lower !== null && upper.getTime() === lower.getTime();
      const to =
        upper === null
          ? ''
          : sameInstant
            ? `AND occurred_at <= $${bounds.length + 2}`
            : `AND occurred_at < $${bounds.length + 2}`;
      const [, affected] = (await this.dataSource.query(
        `UPDATE usage_event SET account_id = $${bounds.length + 1}
         WHERE workspace_id = $1 AND identity_id = $2 ${from} ${to}
           AND account_id IS DISTINCT FROM $${bounds.length + 1}`,
        upper === null ? [...bounds, accountId] : [...bounds, accountId, upper],
      )) as [unknown, number];
      total += affected;
      if (upper === null) return total;
      lower = upper;
      strict = sameInstant;
    }
  }
}
