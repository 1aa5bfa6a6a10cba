import { withAdvisoryLockIfFree } from '@greenlight/db';
import { HealthSettings } from '@greenlight/config';
import { systemPrincipal, TenantContext, WorkspaceService } from '@greenlight/identity';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { HEALTH_SETTINGS, HealthEvaluation, SCHEDULE_LOCK } from './health-evaluation';

const INTERVAL = 'health.evaluation';
const FIRST_RUN = 'health.evaluation.first';
const WORKSPACES_PER_READ = 100;

/**
 * Evaluates every workspace on a schedule (and once shortly after start). Every instance keeps the
 * schedule, but a run starts only if it takes the PostgreSQL advisory lock; otherwise another
 * instance is at it and this one skips. On shutdown no new run starts and the one under way stops
 * after its current batch.
 */
@Injectable()
export class HealthSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HealthSchedule.name);
  private running: Promise<'ran' | 'skipped'> | null = null;
  private stopping = false;

  constructor(
    @Inject(HEALTH_SETTINGS) private readonly settings: HealthSettings,
    private readonly scheduler: SchedulerRegistry,
    private readonly dataSource: DataSource,
    private readonly workspaces: WorkspaceService,
    private readonly context: TenantContext,
    private readonly evaluation: HealthEvaluation,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.scheduleEnabled) return;
    const tick = () => void this.runOnce();
    this.scheduler.addInterval(INTERVAL, setInterval(tick, this.settings.intervalSeconds * 1000).unref());
    this.scheduler.addTimeout(FIRST_RUN, setTimeout(tick, 1000).unref());
  }

  /** Runs the evaluation of every workspace unless another run (here or elsewhere) holds the lock. */
  async runOnce(): Promise<'ran' | 'skipped' | 'busy'> {
    if (this.running || this.stopping) return 'busy';
    this.running = this.runAll().catch((error: Error) => {
      this.logger.error(`health evaluation failed: ${error.message}`);
      return 'skipped' as const;
    });
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const [name, exists, remove] of [
      [INTERVAL, this.scheduler.doesExist('interval', INTERVAL), () => this.scheduler.deleteInterval(INTERVAL)],
      [FIRST_RUN, this.scheduler.doesExist('timeout', FIRST_RUN), () => this.scheduler.deleteTimeout(FIRST_RUN)],
    ] as const)
      if (exists && name) remove();
    await this.running;
  }

  private async runAll(): Promise<'ran' | 'skipped'> {
    const run = await withAdvisoryLockIfFree(this.dataSource, [SCHEDULE_LOCK, 0], () =>
      this.evaluateEveryWorkspace(),
    );
    return run.locked ? 'ran' : 'skipped';
  }

  private async evaluateEveryWorkspace(): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const ids = await this.workspaces.idsAfter(after, WORKSPACES_PER_READ);
      for (const workspaceId of ids) {
        if (this.stopping) return;
        await this.context
          .run(systemPrincipal(workspaceId), () =>
            this.evaluation.evaluateCurrentWorkspace(new Date(), () => this.stopping),
          )
          .catch((error: Error) =>
            this.logger.error(`health evaluation of workspace ${workspaceId} failed: ${error.message}`),
          );
      }
      if (ids.length < WORKSPACES_PER_READ) return;
      after = ids[ids.length - 1];
    }
  }
}
