import { dayOf } from '@greenlight/common';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { GrantStatus } from '../enums';
import { AccessGrant } from '../grants/access-grant.entity';
import { AccessGrantChange } from '../grants/grant-change.entity';
import { GrantChanges } from '../grants/grant-changes';
import { EXPIRING_STATUSES } from '../grants/grant-status-machine';
import { grantSnapshot } from '../grants/grants.service';

const INTERVAL = 'grants.expiry';
const BATCH = 500;

/** Injection token of the expiry schedule (`AppConfig.grantExpiry`). */
export const GRANT_EXPIRY_SETTINGS = 'greenlight.grants.expiry';
interface GrantExpirySettings {
  scheduleEnabled: boolean;
  intervalSeconds: number;
}

/**
 * Sets EXPIRED on grants past their expiry day, in every workspace, on a schedule. Batches lock
 * their rows with SKIP LOCKED, so instances running it at once share the work instead of
 * repeating it; each expiry is written to the grant's history and told to the grant listeners.
 */
@Injectable()
export class GrantExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(GrantExpiry.name);
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: GrantChanges,
    private readonly scheduler: SchedulerRegistry,
    @Inject(GRANT_EXPIRY_SETTINGS) private readonly settings: GrantExpirySettings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.scheduleEnabled) return;
    const tick = () => {
      if (this.running) return;
      this.running = this.expireDue()
        .catch((error: Error) => {
          this.logger.error(`grant expiry failed: ${error.message}`);
          return 0;
        })
        .finally(() => (this.running = null));
    };
    this.scheduler.addInterval(INTERVAL, setInterval(tick, this.settings.intervalSeconds * 1000).unref());
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', INTERVAL)) this.scheduler.deleteInterval(INTERVAL);
    await this.running;
  }

  /** Expires every grant whose last day is before `now`'s day; answers how many. */
  async expireDue(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const { count, workspaces } = await this.dataSource.transaction(async (manager) => {
        const due = await manager
          .getRepository(AccessGrant)
          .createQueryBuilder('g')
          .where('g.status IN (:...statuses) AND g.expires_on < :today', {
            statuses: EXPIRING_STATUSES,
            today: dayOf(now),
          })
          .orderBy('g.expires_on')
          .limit(BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        for (const grant of due) {
          const before = grantSnapshot(grant);
          grant.status = GrantStatus.EXPIRED;
          grant.statusChangedAt = now;
          await manager.getRepository(AccessGrant).save(grant);
          await manager.getRepository(AccessGrantChange).insert({
            workspaceId: grant.workspaceId,
            grantId: grant.id,
            fromStatus: before.status,
            toStatus: GrantStatus.EXPIRED,
            expiresOn: grant.expiresOn,
            at: now,
            byMemberId: null,
            reason: `past its last day ${grant.expiresOn}`,
          });
          await this.changes.changed(manager, before, grant, now);
        }
        return { count: due.length, workspaces: new Set(due.map((grant) => grant.workspaceId)) };
      });
      for (const workspaceId of workspaces) await this.changes.commit(workspaceId, Promise.resolve());
      total += count;
      if (count < BATCH) return total;
    }
  }
}
