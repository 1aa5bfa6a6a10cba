import { tryLockForTransaction } from '@greenlight/db';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RENDER_BUCKETS } from './render-histogram';
import { fullHistogramSql, PERIOD_GRAINS, ROLLUP_LOCK } from './rollup-sql';

/** Pending delta rows applied per transaction. */
export const ROLLUP_APPLY_BATCH = 5000;

interface Scope {
  prefix: string;
  /** The deltas it reads: `claimed`, or `claimed_period` (every delta once per period grain). */
  source: 'claimed' | 'claimed_period';
  keys: string;
  filter: string;
  day: string;
  user: string;
}

const SCOPES: Scope[] = [
  {
    prefix: 'account',
    source: 'claimed',
    keys: 'workspace_id, account_id, day, model',
    filter: 'account_id IS NOT NULL',
    day: 'usage_rollup_account_day',
    user: 'usage_rollup_account_user',
  },
  {
    prefix: 'workspace',
    source: 'claimed',
    keys: 'workspace_id, day, model',
    filter: 'in_workspace',
    day: 'usage_rollup_workspace_day',
    user: 'usage_rollup_workspace_user',
  },
  {
    prefix: 'account_period',
    source: 'claimed_period',
    keys: 'workspace_id, account_id, grain, day',
    filter: 'account_id IS NOT NULL',
    day: 'usage_rollup_account_period',
    user: 'usage_rollup_account_period_user',
  },
  {
    prefix: 'workspace_period',
    source: 'claimed_period',
    keys: 'workspace_id, grain, day',
    filter: 'in_workspace',
    day: 'usage_rollup_workspace_period',
    user: 'usage_rollup_workspace_period_user',
  },
  {
    prefix: 'attributed_period',
    source: 'claimed_period',
    keys: 'workspace_id, grain, day',
    filter: 'account_id IS NOT NULL',
    day: 'usage_rollup_attributed_period',
    user: 'usage_rollup_attributed_period_user',
  },
];

/**
 * The CTEs applying the claimed deltas to one scope's rollups. User rows count their events, so a
 * re-attribution can take users away: a user row going above zero adds a distinct user to its day
 * row, one going down to zero (or below, until its positive delta arrives) takes one away.
 */
function applyScopeSql({ prefix, source, keys, filter, day, user }: Scope): string {
  return `
    ${prefix}_user_delta AS (
      SELECT ${keys}, user_key, sum(events)::bigint AS events FROM ${source}
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
      FROM ${source} WHERE ${filter} GROUP BY ${keys}
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

const DELTA_COLUMNS = `workspace_id, account_id, day, model, user_key, in_workspace, events, generations, failures,
  video_seconds, gpu_seconds, cost_usd, render_histogram`;

/** Applies the deltas `claimed` selects ($1: their ids) to `scopes`, in one statement. */
function applySql(claimed: string, scopes: Scope[]): string {
  return `
    WITH claimed AS (${claimed}),
    claimed_period AS (
      SELECT c.workspace_id, c.account_id, grains.grain, usage_period_start(grains.grain, c.day) AS day, c.user_key,
        c.in_workspace, c.events, c.generations, c.failures, c.video_seconds, c.gpu_seconds, c.cost_usd, c.render_histogram
      FROM claimed c CROSS JOIN ${PERIOD_GRAINS}
    ),
    ${scopes.map(applyScopeSql).join(',')}
    SELECT coalesce(bool_or(events < 0), false) AS negative FROM claimed`;
}

/** Applies the pending deltas $1 (ids) to every rollup table and deletes them, in one statement. */
const APPLY_SQL = applySql(
  `DELETE FROM usage_rollup_pending WHERE id = ANY($1::bigint[]) RETURNING ${DELTA_COLUMNS}`,
  SCOPES,
);

/** Per scope, applying deltas $1 without deleting them: run and rolled back to find what fails. */
const TRY_SCOPE_SQL = SCOPES.map((scope) => ({
  tables: `${scope.day}, ${scope.user}`,
  sql: applySql(`SELECT ${DELTA_COLUMNS} FROM usage_rollup_pending WHERE id = ANY($1::bigint[])`, [scope]),
}));

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
  ),
  account_period_users AS (DELETE FROM usage_rollup_account_period_user WHERE events = 0),
  workspace_period_users AS (DELETE FROM usage_rollup_workspace_period_user WHERE events = 0),
  attributed_period_users AS (DELETE FROM usage_rollup_attributed_period_user WHERE events = 0),
  account_periods AS (
    DELETE FROM usage_rollup_account_period WHERE events = 0 AND generations = 0 AND failures = 0
      AND distinct_users = 0 AND cost_usd = 0 AND 0 = ALL (render_histogram)
  ),
  workspace_periods AS (
    DELETE FROM usage_rollup_workspace_period WHERE events = 0 AND generations = 0 AND failures = 0
      AND distinct_users = 0 AND cost_usd = 0 AND 0 = ALL (render_histogram)
  ),
  attributed_periods AS (
    DELETE FROM usage_rollup_attributed_period WHERE events = 0 AND generations = 0 AND failures = 0
      AND distinct_users = 0 AND cost_usd = 0 AND 0 = ALL (render_histogram)
  )
  SELECT 1`;

/**
 * Adds up to $1 pending identity counts (event count, first and last seen, appended by ingestion) to
 * their generator identities and deletes them, in one statement.
 */
const APPLY_IDENTITY_COUNTS_SQL = `
  WITH claimed AS (
    DELETE FROM generator_identity_pending
    WHERE id IN (SELECT id FROM generator_identity_pending ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING workspace_id, identity_id, events, first_seen_at, last_seen_at
  ),
  counted AS (
    SELECT workspace_id, identity_id, sum(events)::bigint AS events, min(first_seen_at) AS first_seen,
      max(last_seen_at) AS last_seen
    FROM claimed GROUP BY workspace_id, identity_id
  ),
  updated AS (
    UPDATE generator_identity g SET event_count = g.event_count + c.events,
      first_seen_at = LEAST(g.first_seen_at, c.first_seen), last_seen_at = GREATEST(g.last_seen_at, c.last_seen)
    FROM counted c WHERE g.workspace_id = c.workspace_id AND g.id = c.identity_id
    RETURNING 1
  )
  SELECT count(*)::int AS claimed FROM claimed`;

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

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Applies at most `limit` pending deltas and `limit` identity counts in one transaction; returns
   * the larger number it claimed of either (applied or quarantined), or null when another process
   * holds the lock.
   */
  async applyBatch(limit = ROLLUP_APPLY_BATCH): Promise<number | null> {
    const quarantined: QuarantinedDelta[] = [];
    const claimed = await this.dataSource.transaction(async (manager) => {
      if (!(await tryLockForTransaction(manager, ROLLUP_LOCK))) return null;
      const rows: { id: string }[] = await manager.query(
        'SELECT id FROM usage_rollup_pending ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
        [limit],
      );
      const negative =
        rows.length > 0 &&
        (await this.applyIsolating(
          manager,
          rows.map((row) => row.id),
          quarantined,
        ));
      if (negative) await manager.query(DROP_EMPTY_SQL);
      const [{ claimed: counts }] = await manager.query(APPLY_IDENTITY_COUNTS_SQL, [limit]);
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

  /** Applies deltas `ids`, isolating and quarantining those that fail; true when one took figures away. */
  private async applyIsolating(
    manager: EntityManager,
    ids: string[],
    quarantined: QuarantinedDelta[],
  ): Promise<boolean> {
    try {
      const [{ negative }] = await this.underSavepoint(manager, () =>
        manager.query(APPLY_SQL, [ids, RENDER_BUCKETS]),
      );
      return negative;
    } catch (error) {
      if (!isDataError(error)) throw error;
      if (ids.length === 1) {
        quarantined.push(await this.quarantine(manager, ids[0], error));
        return false;
      }
      const half = Math.ceil(ids.length / 2);
      const first = await this.applyIsolating(manager, ids.slice(0, half), quarantined);
      const second = await this.applyIsolating(manager, ids.slice(half), quarantined);
      return first || second;
    }
  }

  /** Moves delta `id` to the quarantine, with its error and the rollup tables it failed on. */
  private async quarantine(manager: EntityManager, id: string, error: unknown): Promise<QuarantinedDelta> {
    const failing: string[] = [];
    for (const { tables, sql } of TRY_SCOPE_SQL) {
      await this.underSavepoint(manager, () => manager.query(sql, [[id], RENDER_BUCKETS]), 'always').catch(
        () => failing.push(tables),
      );
    }
    const { message, detail } = databaseError(error);
    const text = `${failing.length ? `${failing.join(', ')}: ` : ''}${message}${detail ? ` (${detail})` : ''}`;
    const [row] = await manager.query(
      `WITH moved AS (DELETE FROM usage_rollup_pending WHERE id = $1 RETURNING *)
       INSERT INTO usage_rollup_quarantine (id, ${DELTA_COLUMNS}, created_at, error)
       SELECT id, ${DELTA_COLUMNS}, created_at, $2 FROM moved
       RETURNING workspace_id AS "workspaceId", to_char(day, 'YYYY-MM-DD') AS day`,
      [id, text],
    );
    return { id, workspaceId: row.workspaceId, day: row.day, error: text };
  }

  /** Runs `work` under a savepoint: kept when it succeeds (or rolled back `always`), undone when it fails. */
  private async underSavepoint<T>(
    manager: EntityManager,
    work: () => Promise<T>,
    rollback: 'on-failure' | 'always' = 'on-failure',
  ): Promise<T> {
    const undo = () => manager.query('ROLLBACK TO SAVEPOINT rollup_delta; RELEASE SAVEPOINT rollup_delta');
    await manager.query('SAVEPOINT rollup_delta');
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await undo();
      throw error;
    }
    if (rollback === 'always') await undo();
    else await manager.query('RELEASE SAVEPOINT rollup_delta');
    return result;
  }
}
