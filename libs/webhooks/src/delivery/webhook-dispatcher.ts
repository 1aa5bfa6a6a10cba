import { TenantSql } from '@greenlight/identity';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { webhooksSql } from '../sql/webhooks.sql';
import { WebhookDeliverer } from './webhook-deliverer';

const BATCH = 500;
const INTERVAL_MS = 1000;
/** A delivery this old without its first job lost it to a stop between commit and send. */
const UNQUEUED_AFTER_MS = 10_000;

/**
 * Turns the outbox's events into deliveries and sends their first jobs: every second, and again at
 * once while full batches keep coming. Instances share the work (`FOR UPDATE SKIP LOCKED`). Events
 * committed before a stop are found by the next run; deliveries whose job was not sent before a
 * stop are found by their missing `enqueued_at` and sent then.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private lastError?: string;

  constructor(
    private readonly tenantSql: TenantSql,
    private readonly deliverer: WebhookDeliverer,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce(), INTERVAL_MS);
    this.timer.unref();
    void this.runOnce();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass (skipped while the previous one runs); resolves when it is done. */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.pass()
      .catch((error: Error) => {
        if (error.message !== this.lastError) this.logger.warn(`webhook dispatch: ${error.message}`);
        this.lastError = error.message;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    const db = this.tenantSql.acrossWorkspaces();
    const lost = await db.query<{ workspace_id: string; id: string }>(
      webhooksSql.unqueued(new Date(Date.now() - UNQUEUED_AFTER_MS), BATCH),
    );
    await this.send(lost);
    for (;;) {
      const rows = await db.query<{ workspace_id: string | null; id: string | null; taken: number | null }>(
        webhooksSql.dispatch(BATCH),
      );
      await this.send(
        rows.filter((row): row is { workspace_id: string; id: string; taken: null } => row.id !== null),
      );
      const taken = rows.find((row) => row.id === null)?.taken ?? 0;
      this.lastError = undefined;
      if (taken < BATCH || this.stopped) return;
    }
  }

  private async send(deliveries: { workspace_id: string; id: string }[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.deliverer.enqueueMany(
      deliveries.map((row) => ({ workspaceId: row.workspace_id, deliveryId: row.id })),
    );
    await this.tenantSql.acrossWorkspaces().execute(
      webhooksSql.markEnqueued(
        deliveries.map((row) => row.workspace_id),
        deliveries.map((row) => row.id),
      ),
    );
  }
}
