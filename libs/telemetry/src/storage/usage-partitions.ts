import { lockForTransaction } from '@greenlight/db';
import { AppConfig } from '@greenlight/config';
import { sqlAcrossWorkspaces } from '@greenlight/identity';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { partitionsSql } from '../sql/partitions.sql';

/** Months of `usage_event` partitions kept ready ahead of now. */
const PARTITION_MONTHS_AHEAD = 3;
const EVERY_MS = 6 * 60 * 60 * 1000;
/** How long retention waits for its lock on `usage_event` before trying again at the next run. */
const DETACH_LOCK_TIMEOUT = '5s';
/**
 * `app_metadata` key: the first day (`YYYY-MM-DD`) whose raw events retention keeps. Rollups of
 * earlier days stay, and a rebuild leaves them alone.
 */
export const RETAINED_FROM_KEY = 'telemetry.usageRetainedFrom';

/**
 * Keeps the monthly partitions of `usage_event` created ahead: at start and every 6 hours. The SQL
 * function serialises callers with an advisory lock and skips existing partitions, so every
 * instance may run it; events of a month without a partition wait in the default partition and move
 * when that month's partition is created. With `USAGE_RETENTION_MONTHS` set, the same schedule
 * drops the months older than that (their rollups stay).
 */
@Injectable()
export class UsagePartitions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UsagePartitions.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly config?: AppConfig,
  ) {}

  /** Partitions and retention concern every workspace at once. */
  private get db() {
    return sqlAcrossWorkspaces(this.dataSource);
  }

  /** What the schedule runs: partitions ahead, then retention when it is configured. */
  async upkeep(): Promise<void> {
    await this.ensure();
    await this.retain();
  }

  /** Retention as configured (`USAGE_RETENTION_MONTHS`); nothing when it is not. */
  private async retain(): Promise<void> {
    const months = this.config?.usageRetentionMonths;
    if (months) await this.detachOlderThan(months);
  }

  /**
   * Creates the missing monthly partitions from `monthsBehind` months ago to `monthsAhead` ahead,
   * moving the rows of those months out of the default partition; returns how many it created.
   */
  async ensure(monthsAhead = PARTITION_MONTHS_AHEAD, monthsBehind = 1): Promise<number> {
    const { created } = (await this.db.first<{ created: number }>(partitionsSql.ensure(monthsAhead, monthsBehind)))!;
    if (created > 0) this.logger.log(`created ${created} usage_event partition(s)`);
    return created;
  }

  /** The partitions of `usage_event` with their bounds, oldest first. */
  async list(): Promise<{ name: string; bounds: string }[]> {
    return this.db.query<{ name: string; bounds: string }>(partitionsSql.list());
  }

  /**
   * Retention: detaches the monthly partitions that end before the start of the month `keepMonths`
   * months ago (the current month counts as 0), oldest first, and drops them unless `drop` is false
   * (then they stay as ordinary tables, to archive); when dropping, events of those months waiting
   * in the default partition go too. Their event ids stay in `usage_event_key`, so a late retry of a
   * removed event is still recognised, and their rollups stay: the cutoff is recorded
   * (RETAINED_FROM_KEY) so that a rebuild leaves the days before it alone. Returns the partitions
   * detached.
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
    const retainedFrom = cutoff.toISOString().slice(0, 10);
    // first, so that a rebuild running from now on leaves those days' rollups alone
    await this.db.execute(partitionsSql.retainFrom(RETAINED_FROM_KEY, retainedFrom));
    for (const name of old) {
      await this.dataSource.transaction(async (manager) => {
        // ingestion queues behind the lock DETACH waits for: better to give up and retry later
        await this.db.query(partitionsSql.lockTimeout(DETACH_LOCK_TIMEOUT), manager);
        await lockForTransaction(manager, 'greenlight.usage_event_partitions');
        await this.db.execute(partitionsSql.detach(name), manager);
        if (drop) await this.db.execute(partitionsSql.drop(name), manager);
      });
      this.logger.log(`${drop ? 'dropped' : 'detached'} usage_event partition ${name}`);
    }
    if (drop) {
      const purged = await this.db.execute(partitionsSql.purgeDefaultBefore(cutoff));
      if (purged > 0)
        this.logger.log(`dropped ${purged} usage event(s) before ${retainedFrom} from usage_event_default`);
    }
    return old;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ensure();
    await this.retain().catch((error: Error) =>
      this.logger.error(`usage retention failed: ${error.message}`),
    );
    this.timer = setInterval(() => {
      this.upkeep().catch((error: Error) => this.logger.error(`partition upkeep failed: ${error.message}`));
    }, EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
