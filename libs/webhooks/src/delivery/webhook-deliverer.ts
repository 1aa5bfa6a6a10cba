import { AppConfig, WebhookSettings } from '@greenlight/config';
import { AuditService, systemPrincipal, TenantContext, TenantSql } from '@greenlight/identity';
import { JobQueue } from '@greenlight/jobs';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WebhookDeliveryStatus, WebhookFormat } from '../endpoints/webhook-event-type';
import { webhooksSql } from '../sql/webhooks.sql';
import { EndpointTurns } from './endpoint-turns';
import { bodyOf, RETRY_WINDOW_MS, retryDelaySeconds, signedHeaders } from './message';
import { post } from './outbound';

export const DELIVER_JOB = 'webhooks.deliver';

export type DeliverJob = {
  workspaceId: string;
  deliveryId: string;
  /** An admin asked for this attempt (redelivery): made whatever the delivery's status. */
  manual?: boolean;
};

interface DeliveryRow {
  id: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  payload: Record<string, unknown>;
  created_at: Date;
  endpoint_id: string;
  url: string;
  secret: string;
  format: WebhookFormat;
  enabled: boolean;
  failing_since: Date | null;
}

/**
 * Per process, an endpoint gets `endpointConcurrency` requests at once, and one at a time once it has
 * been failing for longer than FAILING_AFTER_MS (a passing burst of errors does not count). A
 * delivery over that limit waits for a turn while the endpoint answers briskly (its oldest request
 * in flight younger than SLOW_AFTER_MS, and not failing for that minute); otherwise it gives its worker back and is
 * tried again WAIT_FOR_TURN_SECONDS (to twice that) later, without a request now.
 */
const FAILING_AFTER_MS = 60_000;
const FAILING_ENDPOINT_CONCURRENCY = 1;
const SLOW_AFTER_MS = 2_000;
const WAIT_FOR_TURN_SECONDS = 5;

/**
 * Makes the attempts of deliveries, one job per attempt on the durable queue: signs and POSTs the
 * body, logs the attempt, and on failure sends the next attempt's job after a backoff with jitter
 * until 24 h have passed since the delivery was created. An endpoint failing for 24 h without a
 * success is disabled (said in its `disabledReason` and the audit log).
 */
@Injectable()
export class WebhookDeliverer implements OnModuleInit {
  private readonly logger = new Logger(WebhookDeliverer.name);
  private readonly settings: WebhookSettings;
  /** Requests in flight per endpoint, in this process. */
  private readonly turns = new EndpointTurns();

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly tenantSql: TenantSql,
    private readonly context: TenantContext,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.settings = config.webhooks;
  }

  onModuleInit(): void {
    this.jobs.register<DeliverJob>({
      name: DELIVER_JOB,
      // a throw means the database was away mid-attempt: the same attempt is simply made again
      retryLimit: 10,
      retryDelaySeconds: 5,
      retryBackoff: true,
      expireInSeconds: 60,
      concurrency: this.settings.concurrency,
      handle: (job, run) => this.attempt(job, run.signal),
    });
  }

  /** Sends the job of a delivery's next attempt (`manual`: now, whatever its status). */
  enqueue(job: DeliverJob, startAfterSeconds?: number): Promise<string | null> {
    return this.jobs.send(
      DELIVER_JOB,
      { ...job },
      startAfterSeconds === undefined ? {} : { startAfter: Math.max(0, Math.ceil(startAfterSeconds)) },
    );
  }

  /** Sends the first jobs of many new deliveries at once. */
  enqueueMany(deliveries: { workspaceId: string; deliveryId: string }[]): Promise<void> {
    return this.jobs.sendMany(
      DELIVER_JOB,
      deliveries.map(({ workspaceId, deliveryId }) => ({ workspaceId, deliveryId })),
    );
  }

  async attempt(job: DeliverJob, signal?: AbortSignal): Promise<void> {
    const db = this.tenantSql.inWorkspace(job.workspaceId);
    const [delivery] = await db.query<DeliveryRow>(webhooksSql.forAttempt(job.deliveryId));
    if (!delivery) return; // its endpoint was deleted
    if (!job.manual && delivery.status !== WebhookDeliveryStatus.PENDING) return; // already done
    if (!job.manual && !delivery.enabled) {
      await db.execute(webhooksSql.giveUp(delivery.id, 'the endpoint is disabled'));
      return;
    }
    const endpoint = delivery.endpoint_id;
    const failing =
      delivery.failing_since && Date.now() - new Date(delivery.failing_since).getTime() > FAILING_AFTER_MS;
    const limit = failing ? FAILING_ENDPOINT_CONCURRENCY : this.settings.endpointConcurrency;
    const wait = failing ? 0 : Math.max(0, SLOW_AFTER_MS - this.turns.busyForMs(endpoint));
    const release = await this.turns.take(endpoint, limit, wait);
    if (!release) {
      // a slow or failing endpoint must not take every worker: try again shortly, without a request now
      await this.enqueue(job, WAIT_FOR_TURN_SECONDS * (1 + Math.random()));
      return;
    }
    const at = new Date();
    let result;
    try {
      const body = bodyOf(delivery.payload, delivery.format);
      result = await post({
        url: delivery.url,
        body,
        headers: signedHeaders(delivery.secret, delivery.id, body, at),
        timeoutMs: this.settings.timeoutSeconds * 1000,
        allowPrivate: this.settings.allowPrivate,
        signal,
      });
    } finally {
      release();
    }
    if (signal?.aborted) throw new Error('the delivery was stopped with the server: it is attempted again');

    const attempt = delivery.attempts + 1;
    let next: Date | null = null;
    let status = delivery.status;
    if (result.succeeded) status = WebhookDeliveryStatus.DELIVERED;
    else if (delivery.status === WebhookDeliveryStatus.PENDING) {
      const delay = retryDelaySeconds(attempt, this.settings.retryDelaySeconds) * 1000;
      const due = new Date(at.getTime() + delay);
      if (due.getTime() <= new Date(delivery.created_at).getTime() + RETRY_WINDOW_MS) next = due;
      else status = WebhookDeliveryStatus.FAILED;
    }
    const disabled = await this.dataSource.transaction(async (manager) => {
      await db.execute(
        webhooksSql.insertAttempt(
          delivery.id,
          attempt,
          at,
          result.durationMs,
          result.statusCode,
          result.succeeded,
          result.error,
          job.manual === true,
        ),
        manager,
      );
      await db.execute(
        webhooksSql.afterAttempt(delivery.id, status, at, result.statusCode, result.error, next),
        manager,
      );
      if (result.succeeded) {
        await db.execute(webhooksSql.endpointSucceeded(endpoint), manager);
        return null;
      }
      await db.execute(webhooksSql.endpointFailed(endpoint, at), manager);
      const [off] = await db.query<{ id: string; url: string }>(
        webhooksSql.disableFailing(
          endpoint,
          new Date(at.getTime() - RETRY_WINDOW_MS),
          disabledReason(result.error),
        ),
        manager,
      );
      if (off)
        await this.context.run(systemPrincipal(job.workspaceId), () =>
          this.audit.record(
            {
              entity: 'webhook_endpoint',
              entityId: off.id,
              action: 'disable',
              before: { enabled: true },
              after: { enabled: false, reason: disabledReason(result.error) },
            },
            manager,
          ),
        );
      return off ?? null;
    });
    if (disabled)
      this.logger.warn(
        `webhook endpoint ${disabled.url} (workspace ${job.workspaceId}) disabled: failing for 24 h`,
      );
    if (next && !disabled)
      await this.enqueue(
        { workspaceId: job.workspaceId, deliveryId: delivery.id },
        (next.getTime() - Date.now()) / 1000,
      );
    if (disabled && status === WebhookDeliveryStatus.PENDING)
      await db.execute(webhooksSql.giveUp(delivery.id, 'the endpoint was disabled after failing for 24 h'));
  }
}

function disabledReason(error: string | null): string {
  return `no delivery succeeded for 24 h; the last attempt: ${error ?? 'failed'}`;
}
