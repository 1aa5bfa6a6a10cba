import { Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { identitySql } from '../sql/identity.sql';
import { TenantSql } from '../sql/tenant-sql';

/** How often one instance deletes rows whose window and block are over. */
const SWEEP_INTERVAL_MS = 60_000;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

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

  constructor(private readonly db: TenantSql) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    await this.sweepNowAndThen();
    const row = (await this.db.first<IncrementRow>(identitySql.throttleHit(key, ttl, limit, blockDuration)))!;
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
    await this.db.execute(identitySql.throttleRefund(key));
  }

  /** Deletes the rows that no longer count (they would be reset by their next hit anyway). */
  async sweep(): Promise<number> {
    const deleted = await this.db.execute(identitySql.throttleSweep());
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
