import { tryLockForTransaction } from '@greenlight/db';
import { sqlAcrossWorkspaces, SqlRunner } from '@greenlight/identity';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rollupWorkerSql, SCOPES, TakenAway } from '../sql/rollup-worker.sql';
import { RENDER_BUCKETS } from './render-histogram';
import { ROLLUP_LOCK } from './rollup-sql';

/**
 * Pending deltas applied per transaction. A delta holds one account, day and model of one batch
 * (its users and render buckets inside), so this is usually several times as many events.
 */
export const ROLLUP_APPLY_BATCH = 5000;

/** A delta set aside, as logged. */
export interface QuarantinedDelta {
  id: string;
  workspaceId: string;
  day: string;
  error: string;
}

interface DatabaseError {
  code?: string;
  message: string;
  detail?: string;
}

/**
 * Errors that come from a delta's own figures (SQLSTATE class 22, data exception, such as a count
 * out of range; class 23, integrity constraint): applying the same delta again fails again. Others
 * (a lost connection, a timeout) say nothing about the delta and are retried as they are.
 */
function databaseError(error: unknown): DatabaseError {
  return ((error as { driverError?: DatabaseError }).driverError ?? error) as DatabaseError;
}

function isDataError(error: unknown): boolean {
  const code = databaseError(error).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * Applies the rollup deltas that ingestion and re-attribution append to `usage_rollup_pending`, and
 * the generator identities' counts that ingestion appends to `generator_identity_pending`: claims
 * the oldest ones, applies them and deletes them in one transaction, so a crash anywhere loses or
 * doubles nothing. One applier at a time across every process (an advisory lock taken in that
 * transaction; the others skip their turn).
 *
 * A batch that fails on its data is split in halves, each under a savepoint, down to the single
 * delta that fails: that one moves to `usage_rollup_quarantine` with its error (logged once) and
 * every other delta is applied. A rebuild supersedes or retries quarantined deltas.
 */
@Injectable()
export class UsageRollupApplier {
  private readonly logger = new Logger('UsageRollupWorker');
  /** Every workspace's deltas, in one worker: nothing to bind. */
  private readonly db: SqlRunner;

  constructor(private readonly dataSource: DataSource) {
    this.db = sqlAcrossWorkspaces(dataSource);
  }

  /**
   * Applies at most `limit` pending deltas and `limit` batches' identity counts in one transaction (one
   * statement, as few round trips as can be); returns the larger number it claimed of either
   * (applied or quarantined), or null when another process holds the lock.
   */
  async applyBatch(limit = ROLLUP_APPLY_BATCH): Promise<number | null> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (!(await tryLockForTransaction(manager, ROLLUP_LOCK))) return null;
        const [applied] = await this.db.query<{ deltas: number; identities: number } & TakenAway>(
          rollupWorkerSql.claimAndApply(limit, RENDER_BUCKETS),
          manager,
        );
        await this.dropEmpty(manager, applied);
        return Math.max(applied.deltas, applied.identities);
      });
    } catch (error) {
      // a delta that cannot be applied: nothing was, and the same deltas are applied step by step
      if (!isDataError(error)) throw error;
      return this.applyIsolatingBatch(limit);
    }
  }

  /** `applyBatch` one step at a time, each delta that cannot be applied quarantined alone. */
  private async applyIsolatingBatch(limit: number): Promise<number | null> {
    const quarantined: QuarantinedDelta[] = [];
    const claimed = await this.dataSource.transaction(async (manager) => {
      if (!(await tryLockForTransaction(manager, ROLLUP_LOCK))) return null;
      const rows = await this.db.query<{ id: string; workspace_id: string }>(rollupWorkerSql.claim(limit), manager);
      const takenAway: TakenAway = { workspaceIds: [], accountIds: [], days: [] };
      if (rows.length)
        await this.applyIsolating(
          manager,
          rows.map((row) => row.id),
          quarantined,
          takenAway,
        );
      await this.dropEmpty(manager, takenAway);
      const [{ claimed: counts }] = await this.db.query<{ claimed: number }>(
        rollupWorkerSql.applyIdentityCounts(limit),
        manager,
      );
      if (rows.length)
        await this.db.execute(rollupWorkerSql.raiseDataVersions(rows.map((row) => row.workspace_id)), manager);
      return Math.max(rows.length, counts);
    });
    for (const delta of quarantined)
      this.logger.error(
        `rollup delta ${delta.id} (workspace ${delta.workspaceId}, day ${delta.day}) cannot be applied and is quarantined: ${delta.error}; \`greenlight usage:rebuild-rollups\` retries it`,
      );
    return claimed;
  }

  /** Applies every pending delta (until a batch comes back short); false when another process holds the lock. */
  async applyAll(): Promise<boolean> {
    for (;;) {
      const claimed = await this.applyBatch();
      if (claimed === null) return false;
      if (claimed < ROLLUP_APPLY_BATCH) return true;
    }
  }

  /** Deletes the rollup rows emptied where deltas took figures away (none: nothing to do). */
  private async dropEmpty(manager: EntityManager, takenAway: TakenAway): Promise<void> {
    if (takenAway.days.length) await this.db.query(rollupWorkerSql.dropEmpty(takenAway), manager);
  }

  /**
   * Applies deltas `ids`, isolating and quarantining those that fail; adds to `takenAway` where the
   * applied ones took figures away.
   */
  private async applyIsolating(
    manager: EntityManager,
    ids: string[],
    quarantined: QuarantinedDelta[],
    takenAway: TakenAway,
  ): Promise<void> {
    try {
      const [applied] = await this.underSavepoint(manager, () =>
        this.db.query<TakenAway>(rollupWorkerSql.apply(ids, RENDER_BUCKETS), manager),
      );
      takenAway.workspaceIds.push(...applied.workspaceIds);
      takenAway.accountIds.push(...applied.accountIds);
      takenAway.days.push(...applied.days);
    } catch (error) {
      if (!isDataError(error)) throw error;
      if (ids.length === 1) {
        quarantined.push(await this.quarantine(manager, ids[0], error));
        return;
      }
      const half = Math.ceil(ids.length / 2);
      await this.applyIsolating(manager, ids.slice(0, half), quarantined, takenAway);
      await this.applyIsolating(manager, ids.slice(half), quarantined, takenAway);
    }
  }

  /** Moves delta `id` to the quarantine, with its error and the rollup tables it failed on. */
  private async quarantine(manager: EntityManager, id: string, error: unknown): Promise<QuarantinedDelta> {
    const failing: string[] = [];
    for (const [index, scope] of SCOPES.entries()) {
      await this.underSavepoint(
        manager,
        () => this.db.query(rollupWorkerSql.tryScope(index, [id], RENDER_BUCKETS), manager),
        'always',
      ).catch(() => failing.push(`${scope.day}, ${scope.user}`));
    }
    const { message, detail } = databaseError(error);
    const text = `${failing.length ? `${failing.join(', ')}: ` : ''}${message}${detail ? ` (${detail})` : ''}`;
    const [row] = await this.db.query<{ workspaceId: string; day: string }>(
      rollupWorkerSql.quarantine(id, text),
      manager,
    );
    return { id, workspaceId: row.workspaceId, day: row.day, error: text };
  }

  /** Runs `work` under a savepoint: kept when it succeeds (or rolled back `always`), undone when it fails. */
  private async underSavepoint<T>(
    manager: EntityManager,
    work: () => Promise<T>,
    rollback: 'on-failure' | 'always' = 'on-failure',
  ): Promise<T> {
    const undo = async () => {
      await this.db.execute(rollupWorkerSql.rollbackToSavepoint(), manager);
      await this.db.execute(rollupWorkerSql.releaseSavepoint(), manager);
    };
    await this.db.execute(rollupWorkerSql.savepoint(), manager);
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await undo();
      throw error;
    }
    if (rollback === 'always') await undo();
    else await this.db.execute(rollupWorkerSql.releaseSavepoint(), manager);
    return result;
  }
}
