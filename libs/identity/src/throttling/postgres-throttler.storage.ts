import { Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';

/** How often one instance deletes rows whose window and block are over. */
const SWEEP_INTERVAL_MS = 60_000;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The statement's time, to the millisecond like the stored columns. */
const NOW = `date_trunc('milliseconds', statement_timestamp())`;
/** The stored row (alias `s`) is inside an active block. */
const BLOCKED = `(s.blocked_until > ${NOW})`;
/** The stored row no longer counts: its block ended, or it was never blocked and its window closed. */
const STALE = `(NOT coalesce(${BLOCKED}, false) AND (s.blocked_until IS NOT NULL OR s.window_ends_at <= ${NOW}))`;
/** Hits after this attempt: frozen while blocked, 1 when the row is stale, else one more. */
const NEXT_HITS = `(CASE WHEN ${BLOCKED} THEN s.hits WHEN ${STALE} THEN 1 ELSE s.hits + 1 END)`;

/**
 * Whole seconds from now until `time`, at most `maxMs` (a statement that waited for the row lock
 * started before the hit that set the time, so it would see a little more).
 */
function secondsUntil(time: string, maxMs: string): string {
  return `least(ceil(${maxMs}::double precision / 1000), greatest(0, ceil(extract(epoch FROM ${time} - ${NOW}))))::integer`;
}

/**
 * One atomic statement per hit. A new key starts a window of `ttl`; every hit inside it counts; the
 * hit that passes `limit` blocks the key for `blockDuration`, during which hits are refused and not
 * counted; after the block (or the window) the next hit starts over. Times come from the database
 * clock, so instances with skewed clocks agree.
 */
const INCREMENT = `
  INSERT INTO sign_in_throttle AS s (key, hits, window_ends_at, blocked_until)
  VALUES (
    $1,
    1,
    ${NOW} + make_interval(secs => $2::double precision / 1000),
    CASE WHEN 1 > $3::integer THEN ${NOW} + make_interval(secs => $4::double precision / 1000) END
  )
  ON CONFLICT (key) DO UPDATE SET
    hits = ${NEXT_HITS},
    window_ends_at = CASE WHEN ${STALE} THEN excluded.window_ends_at ELSE s.window_ends_at END,
    blocked_until = CASE
      WHEN ${BLOCKED} THEN s.blocked_until
      WHEN ${NEXT_HITS} > $3::integer THEN ${NOW} + make_interval(secs => $4::double precision / 1000)
    END
  RETURNING
    s.hits,
    ${secondsUntil('s.window_ends_at', '$2')} AS time_to_expire,
    coalesce(s.blocked_until > ${NOW}, false) AS is_blocked,
    ${secondsUntil('s.blocked_until', '$4')} AS time_to_block_expire`;

interface IncrementRow {
  hits: number;
  time_to_expire: number;
  is_blocked: boolean;
  time_to_block_expire: number | null;
}

/**
 * `@nestjs/throttler` storage in PostgreSQL (table `sign_in_throttle`), so that every API instance
 * behind a load balancer counts into the same counters. Times are in milliseconds in, seconds out,
 * like the throttler's in-memory storage.
 */
@Injectable()
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(PostgresThrottlerStorage.name);
  private lastSweep = 0;

  constructor(private readonly dataSource: DataSource) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    await this.sweepNowAndThen();
    const [row] = (await this.dataSource.query(INCREMENT, [
      key,
      ttl,
      limit,
      blockDuration,
    ])) as IncrementRow[];
    return {
      totalHits: row.hits,
      timeToExpire: row.time_to_expire,
      isBlocked: row.is_blocked,
      timeToBlockExpire: row.time_to_block_expire ?? 0,
    };
  }

  /**
   * Takes back one hit that turned out not to be a failure (a successful sign-in). A blocked key
   * stays blocked.
   */
  async refund(key: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE sign_in_throttle SET hits = hits - 1
        WHERE key = $1 AND hits > 0 AND blocked_until IS NULL AND window_ends_at > ${NOW}`,
      [key],
    );
  }

  /** Deletes the rows that no longer count (they would be reset by their next hit anyway). */
  async sweep(): Promise<number> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM sign_in_throttle
        WHERE window_ends_at <= ${NOW} AND (blocked_until IS NULL OR blocked_until <= ${NOW})`,
    )) as [unknown, number];
    return deleted;
  }

  private async sweepNowAndThen(): Promise<void> {
    if (Date.now() - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = Date.now();
    try {
      await this.sweep();
    } catch (error) {
      this.logger.warn(`Could not delete expired sign-in counters: ${(error as Error).message}`);
    }
  }
}
