import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { RETAINED_FROM_KEY } from '../storage/usage-partitions';
import {
  bucketSumsSql,
  eventFactsSql,
  foldBucketsSql,
  fullHistogramSql,
  histogramParameters,
  ROLLUP_LOCK,
} from './rollup-sql';

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
}

export interface RebuildResult {
  workspaces: number;
  events: number;
  rows: number;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Recomputes the rollups from the raw events, one workspace per transaction, safely while ingestion
 * runs: holding the rollup lock (so the worker pauses), in one REPEATABLE READ snapshot it deletes
 * the pending deltas visible in that snapshot and the rollups, and writes them again from the events
 * of the same snapshot. Events committed after the snapshot keep their pending deltas, which the
 * worker applies on top afterwards. Days before the retention horizon (raw events dropped) are left
 * as they are, with their pending deltas.
 */
@Injectable()
export class UsageRollupRebuilder {
  constructor(private readonly dataSource: DataSource) {}

  async rebuild({ workspaceId, onProgress }: RebuildOptions = {}): Promise<RebuildResult> {
    const workspaces: { id: string; slug: string }[] = await this.dataSource.query(
      `SELECT id, slug FROM workspace ${workspaceId ? 'WHERE id = $1' : ''} ORDER BY slug`,
      workspaceId ? [workspaceId] : [],
    );
    const result: RebuildResult = { workspaces: workspaces.length, events: 0, rows: 0 };
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
      const { events, rows } = await this.rebuildWorkspace(workspace.id, (events, message) =>
        report(events, false, message),
      );
      result.events += events;
      result.rows += rows;
      report(events, true, `${workspace.slug}: ${count(events)} events rolled up into ${count(rows)} rows`);
    }
    return result;
  }

  private async rebuildWorkspace(
    workspaceId: string,
    progress: (events: number, message: string) => void,
  ): Promise<{ events: number; rows: number }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // a session lock, taken before the snapshot: the worker's last batch is in it
      await runner.query(`SELECT pg_advisory_lock(${ROLLUP_LOCK})`);
      try {
        await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        try {
          const done = await this.recompute(runner, workspaceId, progress);
          await runner.query('COMMIT');
          return done;
        } catch (error) {
          await runner.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${ROLLUP_LOCK})`).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  private async recompute(
    runner: QueryRunner,
    workspaceId: string,
    progress: (events: number, message: string) => void,
  ): Promise<{ events: number; rows: number }> {
    // retention may not detach a partition under us (it waits, with a lock timeout of its own)
    await runner.query('LOCK TABLE usage_event IN ACCESS SHARE MODE');
    const [retained] = await runner.query(`SELECT value #>> '{}' AS day FROM app_metadata WHERE key = $1`, [
      RETAINED_FROM_KEY,
    ]);
    const horizon: string = retained?.day ?? '-infinity';
    const [edges, size] = histogramParameters();

    await runner.query(`CREATE TEMPORARY TABLE usage_rollup_rebuild (
      account_id uuid, day date, model text, user_key text, bucket integer, events bigint, generations bigint,
      failures bigint, video_seconds float8, gpu_seconds float8, cost_usd numeric) ON COMMIT DROP`);
    const partitions: { name: string }[] = await runner.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'usage_event'::regclass ORDER BY c.relname = 'usage_event_default', c.relname`,
    );
    let events = 0;
    for (const { name } of partitions) {
      const [{ read }] = await runner.query(
        `WITH e AS (
           SELECT account_id, kind, video_seconds, gpu_seconds, cost_usd, ${eventFactsSql('$3')}
           FROM ${quoteIdentifier(name)} WHERE workspace_id = $1 AND occurred_at >= $2::date
         ),
         added AS (
           INSERT INTO usage_rollup_rebuild ${bucketSumsSql('account_id, day, model, user_key', 'e')} RETURNING events
         )
         SELECT coalesce(sum(events), 0)::bigint AS read FROM added`,
        [workspaceId, horizon, edges],
      );
      events += Number(read);
      if (Number(read) > 0) progress(events, `${name}: ${count(Number(read))} events`);
    }

    await runner.query(`DELETE FROM usage_rollup_pending WHERE workspace_id = $1 AND day >= $2::date`, [
      workspaceId,
      horizon,
    ]);
    for (const table of [
      'usage_rollup_account_user',
      'usage_rollup_workspace_user',
      'usage_rollup_account_day',
      'usage_rollup_workspace_day',
    ]) {
      await runner.query(`DELETE FROM ${table} WHERE workspace_id = $1 AND day >= $2::date`, [
        workspaceId,
        horizon,
      ]);
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
           coalesce(u.users, 0), ${fullHistogramSql('f.render_histogram', '$3')}
         FROM (${foldBucketsSql(scope.keys, byBucket, '$3')}) AS f
         LEFT JOIN (SELECT ${scope.keys}, count(*)::int AS users FROM ${scope.user}
                    WHERE workspace_id = $1 AND day >= $2::date GROUP BY ${scope.keys}) AS u USING (${scope.keys})`,
        [workspaceId, horizon, size],
      );
    }
    return { events, rows };
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
