import { lockForTransaction } from '@greenlight/db';
import { Connection, ConnectionArgs, paginate } from '@greenlight/common';
import { AccountsService } from '@greenlight/crm';
import { AuditService, sqlInWorkspace, WorkspaceScope } from '@greenlight/identity';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UsageRollupWorker } from '../rollups/usage-rollup.worker';
import { attributionSql, EventWindow } from '../sql/attribution.sql';
import { GeneratorIdentity, GeneratorIdentityStatus, IdentityMatch } from './generator-identity.entity';

/** Events re-attributed per transaction when an identity is linked. */
export const BACKFILL_BATCH = 5000;
/** How often a large backfill logs its progress. */
const BACKFILL_LOG_MS = 5000;

export interface LinkResult {
  identity: GeneratorIdentity;
  attributedEvents: number;
}

@Injectable()
export class GeneratorIdentityService {
  private readonly logger = new Logger(GeneratorIdentityService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly rollups: UsageRollupWorker,
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
      { expression: 'g.last_seen_at', value: (row) => row.lastSeenAt.toISOString(), part: 'timestamp', direction: 'DESC' },
      { expression: 'g.id', value: (row) => row.id },
    );
  }

  /**
   * Links an identity to an account by hand: its future events are attributed at ingestion, and its
   * past events now, in batches (each its own short transaction, so ingestion is never held up).
   * Linking an identity matched to another account moves its events, and their rollups, from that
   * account. Progress is kept on the identity (`backfill*` columns) and logged for large backfills.
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
      row.backfillTotal = row.eventCount;
      row.backfillScanned = 0;
      row.backfillMoved = 0;
      row.backfillStartedAt = new Date();
      row.backfillFinishedAt = null;
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
    const attributedEvents = await this.backfill(identity);
    return { identity: await this.repository().getById(identity.id), attributedEvents };
  }

  /**
   * Points the identity's stored events at its account, about BACKFILL_BATCH rows per transaction:
   * windows of occurred_at found on the (workspace_id, identity_id, occurred_at) index, so each
   * statement touches only its rows, whatever the size of the table. Each transaction also appends
   * the rollup deltas of the rows it moves (added to the account, taken from the account they had),
   * so the rollups follow in the same commit. Batches of one identity run one at a time (an advisory
   * lock) and move events to the account the identity has when the batch runs: of two links racing,
   * the last one wins for every event.
   */
  private async backfill(identity: GeneratorIdentity): Promise<number> {
    const { id: identityId, workspaceId } = identity;
    const total = identity.backfillTotal ?? 0;
    const large = total > BACKFILL_BATCH;
    let moved = 0;
    let scanned = 0;
    let lower: Date | null = null;
    let strict = false;
    let logged = Date.now();
    const db = sqlInWorkspace(this.dataSource, workspaceId);
    for (;;) {
      const rest: EventWindow = { lower, afterLower: strict, upper: null, throughUpper: false };
      const next = await db.first<{ occurred_at: Date }>(attributionSql.windowEnd(identityId, rest, BACKFILL_BATCH));
      const upper = next?.occurred_at ?? null;
      // more than a batch at one instant: that instant alone, then past it
      const sameInstant = upper !== null && lower !== null && upper.getTime() === lower.getTime();
      const batch = await this.moveWindow(workspaceId, identityId, { ...rest, upper, throughUpper: sameInstant });
      if (batch === null) break; // the identity lost its account meanwhile: nothing to attribute to
      moved += batch.moved;
      scanned += batch.scanned;
      if (batch.moved > 0) this.rollups.wake();
      if (large && Date.now() - logged > BACKFILL_LOG_MS) {
        logged = Date.now();
        this.logger.log(
          `identity ${identityId}: ${scanned} of about ${total} events examined, ${moved} attributed to its account`,
        );
      }
      if (upper === null) break;
      lower = upper;
      strict = sameInstant;
    }
    await db.execute(attributionSql.finishBackfill(identityId));
    if (large)
      this.logger.log(
        `identity ${identityId}: done, ${moved} of ${scanned} events attributed to its account`,
      );
    return moved;
  }

  /** One window of the backfill, in its own transaction; null when the identity has no account. */
  private async moveWindow(
    workspaceId: string,
    identityId: string,
    window: EventWindow,
  ): Promise<{ scanned: number; moved: number } | null> {
    return this.dataSource.transaction(async (manager) => {
      await lockForTransaction(manager, `greenlight.identity_backfill.${identityId}`);
      const db = sqlInWorkspace(this.dataSource, workspaceId);
      const current = await db.first<{ account_id: string | null }>(attributionSql.accountOf(identityId), manager);
      if (!current?.account_id) return null;
      return (await db.first<{ scanned: number; moved: number }>(
        attributionSql.moveWindow(identityId, window, current.account_id),
        manager,
      ))!;
    });
  }
}
