import { deleteMetadata, outsideRequest, readMetadata } from '@greenlight/db';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROLLUP_APPLY_BATCH, UsageRollupApplier } from './usage-rollup.applier';
import { UsageRollupRebuilder } from './usage-rollup.rebuild';

/** How often the worker looks for deltas that no wake-up announced (other instances' batches). */
const ROLLUP_POLL_MS = 1000;
/** The longest a batch waits for a worker that is behind: a slow worker slows ingestion, never stalls it. */
const ROLLUP_BACKPRESSURE_MAX_WAIT_MS = 2000;
/** Written by the migration that created the rollups when events were already stored. */
const REBUILD_NEEDED_KEY = 'telemetry.rollupRebuildNeeded';

/**
 * Keeps the rollups current: applies the pending deltas (UsageRollupApplier) right after each
 * ingestion commit in this process, and every second in case another instance's batch arrived.
 * While it is more than a full batch behind, this process's ingestion waits for it (`caughtUp`).
 */
@Injectable()
export class UsageRollupWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageRollupWorker.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failing = false;
  /** The last batch claimed was full: more deltas wait than one transaction takes. */
  private behind = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly applier: UsageRollupApplier,
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
   * Resolves at once, or, while this process's worker is more than a full batch behind, once it has
   * caught up or `maxWaitMs` have passed: ingestion waits here, so that it cannot outrun the rollups
   * (back-pressure), and a stuck worker costs a batch at most that wait.
   */
  async caughtUp(maxWaitMs = ROLLUP_BACKPRESSURE_MAX_WAIT_MS): Promise<void> {
    if (!(this.behind && this.running)) return;
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
    const caughtUp = (async () => {
      while (this.behind && this.running) await this.running;
    })();
    try {
      await Promise.race([caughtUp, timeUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const applied = await this.applier.applyBatch();
        this.behind = applied !== null && applied >= ROLLUP_APPLY_BATCH;
        if (!this.behind || this.stopped) break;
      }
      if (this.failing) this.logger.log('rollup upkeep works again');
      this.failing = false;
    } catch (error) {
      this.behind = false;
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
      await deleteMetadata(this.dataSource, REBUILD_NEEDED_KEY);
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
