import { withAdvisoryLock } from '@greenlight/db';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { RETAINED_FROM_KEY } from '../storage/usage-partitions';
import {
  bucketSumsSql,
  eventFactsSql,
  foldBucketsSql,
  fullHistogramSql,
  histogramParameters,
  PENDING_COLUMNS,
  periodRollupsFromDaysSql,
  ROLLUP_LOCK,
} from './rollup-sql';
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
    const workspaces: { id: string; slug: string }[] = await this.dataSource.query(
      `SELECT id, slug FROM workspace ${workspaceId ? 'WHERE id = $1' : ''} ORDER BY slug`,
      workspaceId ? [workspaceId] : [],
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
    const days: { day: string; events: number }[] = await this.dataSource.query(
      `SELECT to_char((occurred_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*)::int AS events
       FROM usage_event WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1`,
      [workspaceId],
    );
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
    const [{ retried }] = await this.dataSource.query(
      `WITH moved AS (DELETE FROM usage_rollup_quarantine WHERE workspace_id = $1 RETURNING *),
       added AS (
         INSERT INTO usage_rollup_pending (${PENDING_COLUMNS}, created_at)
         SELECT ${PENDING_COLUMNS}, created_at FROM moved ORDER BY id RETURNING 1
       )
       SELECT count(*)::int AS retried FROM added`,
      [workspaceId],
    );
    if (retried === 0) return { retried, quarantined: 0 };
    // the worker of a running server may apply them first: either way, waiting for the lock
    while (!(await this.applier.applyAll())) await new Promise((resolve) => setTimeout(resolve, 100));
    const [{ quarantined }] = await this.dataSource.query(
      'SELECT count(*)::int AS quarantined FROM usage_rollup_quarantine WHERE workspace_id = $1',
      [workspaceId],
    );
    return { retried, quarantined };
  }

  private async rebuildDays(workspaceId: string, range: DayRange): Promise<ChunkResult> {
    // a session lock, taken before the snapshot: the worker's last batch is in it
    return withAdvisoryLock(this.dataSource, ROLLUP_LOCK, async (runner) => {
      await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      try {
        const done = await this.recompute(runner, workspaceId, range);
        await runner.query('COMMIT');
        return done;
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  private async recompute(runner: QueryRunner, workspaceId: string, range: DayRange): Promise<ChunkResult> {
    // retention may not detach a partition under us (it waits, with a lock timeout of its own)
    await runner.query('LOCK TABLE usage_event IN ACCESS SHARE MODE');
    const [retained] = await runner.query(`SELECT value #>> '{}' AS day FROM app_metadata WHERE key = $1`, [
      RETAINED_FROM_KEY,
    ]);
    const from: string =
      retained?.day && (range.from === '-infinity' || retained.day > range.from) ? retained.day : range.from;
    if (range.to !== 'infinity' && from >= range.to) return { events: 0, rows: 0, superseded: 0 };
    const [edges, size] = histogramParameters();
    // $2, $3: the days [from, to) of every statement below
    const days = 'day >= $2::date AND day < $3::date';
    const span = [from, range.to];

    await runner.query(`CREATE TEMPORARY TABLE usage_rollup_rebuild (
      account_id uuid, day date, model text, user_key text, bucket integer, events bigint, generations bigint,
      failures bigint, video_seconds float8, gpu_seconds float8, cost_usd numeric) ON COMMIT DROP`);
    const [{ read }] = await runner.query(
      `WITH e AS (
         SELECT account_id, kind, video_seconds, gpu_seconds, cost_usd, ${eventFactsSql('$4')}
         FROM usage_event WHERE workspace_id = $1
           AND occurred_at >= ($2::date::timestamp AT TIME ZONE 'UTC')
           AND occurred_at < ($3::date::timestamp AT TIME ZONE 'UTC')
       ),
       added AS (
         INSERT INTO usage_rollup_rebuild ${bucketSumsSql('account_id, day, model, user_key', 'e')} RETURNING events
       )
       SELECT coalesce(sum(events), 0)::bigint AS read FROM added`,
      [workspaceId, ...span, edges],
    );

    await runner.query(`DELETE FROM usage_rollup_pending WHERE workspace_id = $1 AND ${days}`, [
      workspaceId,
      ...span,
    ]);
    const superseded =
      (
        await runner.query(
          `DELETE FROM usage_rollup_quarantine WHERE workspace_id = $1 AND ${days}`,
          [workspaceId, ...span],
          true,
        )
      ).affected ?? 0;
    for (const table of [
      'usage_rollup_account_user',
      'usage_rollup_workspace_user',
      'usage_rollup_account_day',
      'usage_rollup_workspace_day',
    ]) {
      await runner.query(`DELETE FROM ${table} WHERE workspace_id = $1 AND ${days}`, [workspaceId, ...span]);
    }

    let rows = 0;
    const write = async (sql: string, parameters: unknown[]) => {
      rows += (await runner.query(sql, parameters, true)).affected ?? 0;
    };
    await write(
      `INSERT INTO usage_rollup_account_user (workspace_id, account_id, day, model, user_key, events)
       SELECT $1, account_id, day, model, user_key, sum(events) FROM usage_rollup_rebuild
       WHERE account_id IS NOT NULL AND user_key <> '' GROUP BY account_id, day, model, user_key`,
      [workspaceId],
    );
    await write(
      `INSERT INTO usage_rollup_workspace_user (workspace_id, day, model, user_key, events)
       SELECT $1, day, model, user_key, sum(events) FROM usage_rollup_rebuild
       WHERE user_key <> '' GROUP BY day, model, user_key`,
      [workspaceId],
    );
    for (const scope of [
      {
        keys: 'account_id, day, model',
        filter: 'account_id IS NOT NULL',
        day: 'usage_rollup_account_day',
        user: 'usage_rollup_account_user',
      },
      {
        keys: 'day, model',
        filter: 'true',
        day: 'usage_rollup_workspace_day',
        user: 'usage_rollup_workspace_user',
      },
    ]) {
      const byBucket = `(SELECT ${scope.keys}, bucket, sum(events) AS events, sum(generations) AS generations,
          sum(failures) AS failures, sum(video_seconds) AS video_seconds, sum(gpu_seconds) AS gpu_seconds,
          sum(cost_usd) AS cost_usd
        FROM usage_rollup_rebuild WHERE ${scope.filter} GROUP BY ${scope.keys}, bucket) AS b`;
      await write(
        `INSERT INTO ${scope.day} (workspace_id, ${scope.keys}, events, generations, failures, video_seconds,
           gpu_seconds, cost_usd, distinct_users, render_histogram)
         SELECT $1, ${scope.keys}, f.events, f.generations, f.failures, f.video_seconds, f.gpu_seconds, f.cost_usd,
           coalesce(u.users, 0), ${fullHistogramSql('f.render_histogram', '$4')}
         FROM (${foldBucketsSql(scope.keys, byBucket, '$4')}) AS f
         LEFT JOIN (SELECT ${scope.keys}, count(*)::int AS users FROM ${scope.user}
                    WHERE workspace_id = $1 AND ${days} GROUP BY ${scope.keys}) AS u USING (${scope.keys})`,
        [workspaceId, ...span, size],
      );
    }
    // the weeks and months around the range hold days outside it: rewritten whole, from the day rollups
    for (const sql of periodRollupsFromDaysSql()) await runner.query(sql, [workspaceId, ...span]);
    return { events: Number(read), rows, superseded };
  }
}

function describe({ from, to }: DayRange): string {
  if (from === '-infinity' && to === 'infinity') return 'every day';
  if (from === '-infinity') return `days before ${to}`;
  if (to === 'infinity') return `days from ${from}`;
  return `days ${from} to ${to} (excluded)`;
}
