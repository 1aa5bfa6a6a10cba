import { outsideRequest, readMetadata } from '@greenlight/db';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RENDER_BUCKETS } from './render-histogram';
import { fullHistogramSql, ROLLUP_LOCK } from './rollup-sql';
import { UsageRollupRebuilder } from './usage-rollup.rebuild';

/** How often the worker looks for deltas that no wake-up announced (other instances' batches). */
export const ROLLUP_POLL_MS = 1000;
/** Pending delta rows applied per transaction. */
export const ROLLUP_APPLY_BATCH = 2000;
/** Written by the migration that created the rollups when events were already stored. */
export const REBUILD_NEEDED_KEY = 'telemetry.rollupRebuildNeeded';

interface Scope {
  prefix: string;
  keys: string;
  filter: string;
  day: string;
  user: string;
}

const SCOPES: Scope[] = [
  {
    prefix: 'account',
    keys: 'workspace_id, account_id, day, model',
    filter: 'account_id IS NOT NULL',
    day: 'usage_rollup_account_day',
    user: 'usage_rollup_account_user',
  },
  {
    prefix: 'workspace',
    keys: 'workspace_id, day, model',
    filter: 'in_workspace',
    day: 'usage_rollup_workspace_day',
    user: 'usage_rollup_workspace_user',
  },
];

/**
 * The CTEs applying the claimed deltas to one scope's rollups. User rows count their events, so a
 * re-attribution can take users away: a user row going above zero adds a distinct user to its day
 * row, one going down to zero (or below, until its positive delta arrives) takes one away.
 */
function applyScopeSql({ prefix, keys, filter, day, user }: Scope): string {
  return `
    ${prefix}_user_delta AS (
      SELECT ${keys}, user_key, sum(events)::bigint AS events FROM claimed
      WHERE ${filter} AND user_key <> '' GROUP BY ${keys}, user_key
    ),
    ${prefix}_user AS (
      INSERT INTO ${user} AS u (${keys}, user_key, events) SELECT * FROM ${prefix}_user_delta
      ON CONFLICT (${keys}, user_key) DO UPDATE SET events = u.events + EXCLUDED.events
      RETURNING ${keys}, user_key, events
    ),
    ${prefix}_users AS (
      SELECT ${keys},
        sum((CASE WHEN n.events > 0 THEN 1 ELSE 0 END) - (CASE WHEN n.events - d.events > 0 THEN 1 ELSE 0 END))::int AS users
      FROM ${prefix}_user n JOIN ${prefix}_user_delta d USING (${keys}, user_key) GROUP BY ${keys}
    ),
    ${prefix}_delta AS (
      SELECT ${keys}, sum(events)::bigint AS events, sum(generations)::bigint AS generations,
        sum(failures)::bigint AS failures, sum(video_seconds) AS video_seconds, sum(gpu_seconds) AS gpu_seconds,
        sum(cost_usd) AS cost_usd, usage_histogram_sum(render_histogram) AS render_histogram
      FROM claimed WHERE ${filter} GROUP BY ${keys}
    ),
    ${prefix}_day AS (
      INSERT INTO ${day} AS r (${keys}, events, generations, failures, video_seconds, gpu_seconds, cost_usd,
        distinct_users, render_histogram, updated_at)
      SELECT ${keys}, d.events, d.generations, d.failures, d.video_seconds, d.gpu_seconds, d.cost_usd,
        coalesce(u.users, 0), ${fullHistogramSql('d.render_histogram', '$2')}, now()
      FROM ${prefix}_delta d LEFT JOIN ${prefix}_users u USING (${keys})
      ON CONFLICT (${keys}) DO UPDATE SET
        events = r.events + EXCLUDED.events,
        generations = r.generations + EXCLUDED.generations,
        failures = r.failures + EXCLUDED.failures,
        video_seconds = r.video_seconds + EXCLUDED.video_seconds,
        gpu_seconds = r.gpu_seconds + EXCLUDED.gpu_seconds,
        cost_usd = r.cost_usd + EXCLUDED.cost_usd,
        distinct_users = r.distinct_users + EXCLUDED.distinct_users,
        render_histogram = usage_histogram_add(r.render_histogram, EXCLUDED.render_histogram),
        updated_at = EXCLUDED.updated_at
      RETURNING 1
    )`;
}

/**
 * Claims the oldest pending deltas (deleting them), applies them to the four rollup tables, in one
 * statement: the caller's transaction commits both or neither.
 */
const APPLY_SQL = `
  WITH claimed AS (
    DELETE FROM usage_rollup_pending WHERE id IN (
      SELECT id FROM usage_rollup_pending ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING workspace_id, account_id, day, model, user_key, in_workspace, events, generations, failures,
      video_seconds, gpu_seconds, cost_usd, render_histogram
  ),
  ${SCOPES.map(applyScopeSql).join(',')}
  SELECT count(*)::int AS claimed, coalesce(bool_or(events < 0), false) AS negative FROM claimed`;

/** Rows a re-attribution emptied: gone, as a rebuild would not write them. */
const DROP_EMPTY_SQL = `
  WITH account_users AS (DELETE FROM usage_rollup_account_user WHERE events = 0),
  workspace_users AS (DELETE FROM usage_rollup_workspace_user WHERE events = 0),
  account_days AS (
    DELETE FROM usage_rollup_account_day WHERE events = 0 AND generations = 0 AND failures = 0
      AND distinct_users = 0 AND cost_usd = 0 AND 0 = ALL (render_histogram)
  ),
  workspace_days AS (
    DELETE FROM usage_rollup_workspace_day WHERE events = 0 AND generations = 0 AND failures = 0
      AND distinct_users = 0 AND cost_usd = 0 AND 0 = ALL (render_histogram)
  )
  SELECT 1`;

/**
 * Applies the rollup deltas that ingestion and re-attribution append to `usage_rollup_pending`:
 * claims a batch, applies it and deletes it in one transaction, so a crash anywhere loses or doubles
 * nothing. One worker at a time across every instance (an advisory lock taken in that transaction;
 * the others skip their turn). Woken right after each ingestion commit, and every second in case
 * another instance's batch arrived.
 */
@Injectable()
export class UsageRollupWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageRollupWorker.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rebuilder: UsageRollupRebuilder,
  ) {}

  /** Applies pending deltas soon (now, or right after the run in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // a wake-up from a request runs as background work, outside that request's database limits
    this.running = outsideRequest(() => this.drain()).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves once no run is in progress (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Applies at most `limit` pending deltas in one transaction; returns how many it applied, or null
   * when another worker holds the lock.
   */
  async applyBatch(limit = ROLLUP_APPLY_BATCH): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(${ROLLUP_LOCK}) AS locked`);
      if (!locked) return null;
      const [{ claimed, negative }] = await manager.query(APPLY_SQL, [limit, RENDER_BUCKETS]);
      if (negative) await manager.query(DROP_EMPTY_SQL);
      return claimed as number;
    });
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const applied = await this.applyBatch();
        if (applied === null || applied < ROLLUP_APPLY_BATCH || this.stopped) break;
      }
      if (this.failing) this.logger.log('rollup upkeep works again');
      this.failing = false;
    } catch (error) {
      // the database may be away: say so once, and try again at the next poll
      if (!this.failing)
        this.logger.warn(`rollup upkeep failed, retrying every second: ${(error as Error).message}`);
      this.failing = true;
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.timer = setInterval(() => this.wake(), ROLLUP_POLL_MS);
    this.timer.unref();
    if (await readMetadata(this.dataSource, REBUILD_NEEDED_KEY)) void this.rebuildAfterUpgrade();
    this.wake();
  }

  /** Events stored before the rollups existed: one rebuild, by whichever instance gets there. */
  private async rebuildAfterUpgrade(): Promise<void> {
    try {
      this.logger.log('rolling up the usage events stored before the rollups existed');
      await this.rebuilder.rebuild({
        onProgress: (progress) => progress.done && this.logger.log(progress.message),
      });
      await this.dataSource.query('DELETE FROM app_metadata WHERE key = $1', [REBUILD_NEEDED_KEY]);
    } catch (error) {
      this.logger.error(
        `rolling up earlier events failed (run \`greenlight usage:rebuild-rollups\`): ${(error as Error).message}`,
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.idle();
  }
}
