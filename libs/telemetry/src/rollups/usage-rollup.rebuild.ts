import { withAdvisoryLock } from '@greenlight/db';
import { sqlAcrossWorkspaces, sqlInWorkspace, SqlRunner } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { RETAINED_FROM_KEY } from '../storage/usage-partitions';
import { DAY_TABLES, PERIOD_STATEMENTS, rollupRebuildSql } from '../sql/rollup-rebuild.sql';
import { ROLLUP_LOCK } from './rollup-sql';
import { UsageRollupApplier } from './usage-rollup.applier';

/** Events recomputed per transaction, about: the worker waits for one such transaction at most. */
export const REBUILD_CHUNK_EVENTS = 20_000;

export interface RebuildProgress {
  workspaceId: string;
  slug: string;
  /** 1-based position of the workspace among those rebuilt, and how many there are. */
  position: number;
  workspaces: number;
  /** Events read so far in this workspace. */
  events: number;
  /** True on the last report of a workspace, with the rows written. */
  done: boolean;
  message: string;
}

export interface RebuildOptions {
  /** Only this workspace (by id); every workspace when absent. */
  workspaceId?: string;
  onProgress?: (progress: RebuildProgress) => void;
  /** Events recomputed per transaction (REBUILD_CHUNK_EVENTS); a day is never split. */
  chunkEvents?: number;
}

export interface RebuildResult {
  workspaces: number;
  events: number;
  rows: number;
  /** Quarantined deltas replaced by the recomputation. */
  superseded: number;
  /** Quarantined deltas from before the retention cutoff, applied again. */
  retried: number;
  /** Quarantined deltas failing again (still quarantined). */
  quarantined: number;
}

/** Days [from, to) of one workspace, recomputed in one transaction. */
interface DayRange {
  from: string;
  to: string;
}

interface ChunkResult {
  events: number;
  rows: number;
  superseded: number;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Recomputes the rollups from the raw events, safely while ingestion runs, in short transactions:
 * each covers a range of days of one workspace holding about `chunkEvents` events. Holding the
 * rollup lock (so the worker pauses), in one REPEATABLE READ snapshot it deletes the pending and
 * quarantined deltas and the rollups of those days visible in that snapshot, and writes them again
 * from the events of the same snapshot. Events committed after the snapshot keep their pending
 * deltas, which are applied on top right after the transaction (by the rebuild itself, then on with
 * the next range), so fresh events keep reaching the rollups within seconds during a long rebuild.
 * Days before the retention horizon (raw events dropped) are left as they are, with their pending
 * deltas; their quarantined deltas are applied again.
 */
@Injectable()
export class UsageRollupRebuilder {
  private readonly applier: UsageRollupApplier;

  constructor(private readonly dataSource: DataSource) {
    this.applier = new UsageRollupApplier(dataSource);
  }

  async rebuild({
    workspaceId,
    onProgress,
    chunkEvents = REBUILD_CHUNK_EVENTS,
  }: RebuildOptions = {}): Promise<RebuildResult> {
    const workspaces = await sqlAcrossWorkspaces(this.dataSource).query<{ id: string; slug: string }>(
      rollupRebuildSql.workspaces(workspaceId ?? null),
    );
    const result: RebuildResult = {
      workspaces: workspaces.length,
      events: 0,
      rows: 0,
      superseded: 0,
      retried: 0,
      quarantined: 0,
    };
    for (const [index, workspace] of workspaces.entries()) {
      const report = (events: number, done: boolean, message: string) =>
        onProgress?.({
          workspaceId: workspace.id,
          slug: workspace.slug,
          position: index + 1,
          workspaces: workspaces.length,
          events,
          done,
          message,
        });
      let events = 0;
      let rows = 0;
      for (const range of await this.dayRanges(workspace.id, chunkEvents)) {
        const chunk = await this.rebuildDays(workspace.id, range);
        events += chunk.events;
        rows += chunk.rows;
        result.superseded += chunk.superseded;
        if (chunk.events > 0) report(events, false, `${describe(range)}: ${count(chunk.events)} events`);
        await this.applier.applyAll();
      }
      const { retried, quarantined } = await this.retryQuarantined(workspace.id);
      result.retried += retried;
      result.quarantined += quarantined;
      result.events += events;
      result.rows += rows;
      const retries = retried
        ? `; ${count(retried)} quarantined deltas applied again, ${count(quarantined)} failing still`
        : '';
      report(
        events,
        true,
        `${workspace.slug}: ${count(events)} events rolled up into ${count(rows)} rows${retries}`,
      );
    }
    return result;
  }

  /**
   * Consecutive ranges of days covering every day from the retention horizon on, each holding about
   * `chunkEvents` events of the workspace (or one day holding more).
   */
  private async dayRanges(workspaceId: string, chunkEvents: number): Promise<DayRange[]> {
    const days = await this.db(workspaceId).query<{ day: string; events: number }>(rollupRebuildSql.eventsPerDay());
    const starts = ['-infinity'];
    let size = 0;
    for (const { day, events } of days) {
      if (size > 0 && size + events > chunkEvents) {
        starts.push(day);
        size = 0;
      }
      size += events;
    }
    return starts.map((from, i) => ({ from, to: starts[i + 1] ?? 'infinity' }));
  }

  /** Quarantined deltas left after the recomputation (before the horizon, or newer): pending again, applied. */
  private async retryQuarantined(workspaceId: string): Promise<{ retried: number; quarantined: number }> {
    const db = this.db(workspaceId);
    const { retried } = (await db.first<{ retried: number }>(rollupRebuildSql.requeueQuarantined()))!;
    if (retried === 0) return { retried, quarantined: 0 };
    // the worker of a running server may apply them first: either way, waiting for the lock
    while (!(await this.applier.applyAll())) await new Promise((resolve) => setTimeout(resolve, 100));
    const { quarantined } = (await db.first<{ quarantined: number }>(rollupRebuildSql.quarantined()))!;
    return { retried, quarantined };
  }

  private async rebuildDays(workspaceId: string, range: DayRange): Promise<ChunkResult> {
    // a session lock, taken before the snapshot: the worker's last batch is in it
    return withAdvisoryLock(this.dataSource, ROLLUP_LOCK, async (runner) => {
      await runner.startTransaction('REPEATABLE READ');
      try {
        const done = await this.recompute(runner, workspaceId, range);
        await runner.commitTransaction();
        return done;
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    });
  }

  private async recompute(runner: QueryRunner, workspaceId: string, range: DayRange): Promise<ChunkResult> {
    const db = this.db(workspaceId);
    const manager = runner.manager;
    await sqlAcrossWorkspaces(this.dataSource).execute(rollupRebuildSql.lockEvents(), manager);
    const retained = await db.first<{ day: string | null }>(rollupRebuildSql.retainedFrom(RETAINED_FROM_KEY), manager);
    const from: string =
      retained?.day && (range.from === '-infinity' || retained.day > range.from) ? retained.day : range.from;
    const to = range.to;
    if (to !== 'infinity' && from >= to) return { events: 0, rows: 0, superseded: 0 };

    await db.execute(rollupRebuildSql.deletePending(from, to), manager);
    const superseded = await db.execute(rollupRebuildSql.deleteQuarantined(from, to), manager);
    for (const table of DAY_TABLES) await db.execute(rollupRebuildSql.deleteDays(table, from, to), manager);
    const { read, rows } = (await db.first<{ read: string; rows: string }>(
      rollupRebuildSql.writeDays(from, to),
      manager,
    ))!;
    for (let index = 0; index < PERIOD_STATEMENTS; index++)
      await db.execute(rollupRebuildSql.writePeriods(index, from, to), manager);
    await db.execute(rollupRebuildSql.raiseDataVersion(), manager);
    return { events: Number(read), rows: Number(rows), superseded };
  }

  private db(workspaceId: string): SqlRunner {
    return sqlInWorkspace(this.dataSource, workspaceId);
  }
}

function describe({ from, to }: DayRange): string {
  if (from === '-infinity' && to === 'infinity') return 'every day';
  if (from === '-infinity') return `days before ${to}`;
  if (to === 'infinity') return `days from ${from}`;
  return `days ${from} to ${to} (excluded)`;
}
