import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Months of `usage_event` partitions kept ready ahead of now. */
export const PARTITION_MONTHS_AHEAD = 3;
const EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Keeps the monthly partitions of `usage_event` created ahead: at start and every 6 hours. The SQL
 * function serialises callers with an advisory lock and skips existing partitions, so every
 * instance may run it; events of a month without a partition wait in the default partition and move
 * when that month's partition is created.
 */
@Injectable()
export class UsagePartitions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UsagePartitions.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates the missing monthly partitions from `monthsBehind` months ago to `monthsAhead` ahead,
   * moving the rows of those months out of the default partition; returns how many it created.
   */
  async ensure(monthsAhead = PARTITION_MONTHS_AHEAD, monthsBehind = 1): Promise<number> {
    const [{ created }] = await this.dataSource.query(
      'SELECT usage_event_ensure_partitions($1, $2) AS created',
      [monthsAhead, monthsBehind],
    );
    if (created > 0) this.logger.log(`created ${created} usage_event partition(s)`);
    return created;
  }

  /** The partitions of `usage_event` with their bounds, oldest first. */
  async list(): Promise<{ name: string; bounds: string }[]> {
    return this.dataSource.query(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bounds
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'usage_event'::regclass ORDER BY c.relname`,
    );
  }

  /**
   * Retention: detaches the monthly partitions that end before the start of the month `keepMonths`
   * months ago (the current month counts as 0), oldest first, and drops them unless `drop` is false
   * (then they stay as ordinary tables, to archive). Their event ids stay in `usage_event_key`, so a
   * late retry of a removed event is still recognised. Returns the partitions detached.
   */
  async detachOlderThan(keepMonths: number, { drop = true } = {}): Promise<string[]> {
    if (!Number.isInteger(keepMonths) || keepMonths < 1)
      throw new Error('keepMonths must be a whole number of at least 1');
    const cutoff = new Date();
    cutoff.setUTCDate(1);
    cutoff.setUTCHours(0, 0, 0, 0);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - keepMonths);
    const old = (await this.list())
      .map(({ name }) => ({ name, match: /^usage_event_(\d{4})_(\d{2})$/.exec(name) }))
      .filter(({ match }) => match && Date.UTC(Number(match[1]), Number(match[2]), 1) <= cutoff.getTime())
      .map(({ name }) => name);
    for (const name of old) {
      await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          'greenlight.usage_event_partitions',
        ]);
        await manager.query(`ALTER TABLE usage_event DETACH PARTITION "${name}"`);
        if (drop) await manager.query(`DROP TABLE "${name}"`);
      });
      this.logger.log(`${drop ? 'dropped' : 'detached'} usage_event partition ${name}`);
    }
    return old;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ensure();
    this.timer = setInterval(() => {
      this.ensure().catch((error: Error) => this.logger.error(`partition upkeep failed: ${error.message}`));
    }, EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
