import { Connection, InvalidInputException, paginate } from '@greenlight/common';
import { AuditService, TenantSql, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { newSecret } from '../delivery/message';
import { endpointUrlProblem } from '../delivery/outbound';
import { WebhookAttempt } from '../delivery/webhook-attempt.entity';
import { WebhookDeliverer } from '../delivery/webhook-deliverer';
import { WebhookDelivery } from '../delivery/webhook-delivery.entity';
import { webhooksSql } from '../sql/webhooks.sql';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { SLACK_EVENT_TYPES, WebhookEventType, WebhookFormat } from './webhook-event-type';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveriesArgs,
  WebhookEndpointWithSecret,
} from './webhook.types';

const snapshot = (endpoint: WebhookEndpoint) => ({
  url: endpoint.url,
  description: endpoint.description,
  eventTypes: endpoint.eventTypes,
  format: endpoint.format,
  enabled: endpoint.enabled,
});

/** Admins' webhook endpoints, their secrets, and the delivery log with redelivery. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
    private readonly tenantSql: TenantSql,
    private readonly deliverer: WebhookDeliverer,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(WebhookEndpoint, 'Webhook endpoint', manager);
  }

  /** Oldest first. */
  list(): Promise<WebhookEndpoint[]> {
    return this.repository().find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  get(id: string): Promise<WebhookEndpoint> {
    return this.repository().getById(id);
  }

  create(input: CreateWebhookEndpointInput): Promise<WebhookEndpointWithSecret> {
    const format = input.format ?? WebhookFormat.STANDARD;
    const eventTypes = checked(input.url, input.eventTypes, format);
    const secret = newSecret();
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.repository(manager).insert({
        url: input.url.trim(),
        description: input.description?.trim() ?? '',
        eventTypes,
        format,
        secret,
        enabled: true,
      });
      await this.audit.record(
        { entity: 'webhook_endpoint', entityId: endpoint.id, action: 'create', after: snapshot(endpoint) },
        manager,
      );
      return { endpoint, secret };
    });
  }

  update(input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.repository(manager).getById(input.id, { lock: true });
      const before = snapshot(endpoint);
      const url = input.url?.trim() ?? endpoint.url;
      const format = input.format ?? endpoint.format;
      endpoint.eventTypes = checked(url, input.eventTypes ?? endpoint.eventTypes, format);
      endpoint.url = url;
      endpoint.format = format;
      if (input.description !== undefined) endpoint.description = input.description?.trim() ?? '';
      if (input.enabled !== undefined && input.enabled !== endpoint.enabled) {
        endpoint.enabled = input.enabled;
        endpoint.disabledReason = null;
        if (input.enabled) endpoint.failingSince = null;
      }
      endpoint.updatedAt = new Date();
      const saved = await this.repository(manager).save(endpoint);
      await this.audit.record(
        { entity: 'webhook_endpoint', entityId: saved.id, action: 'update', before, after: snapshot(saved) },
        manager,
      );
      return saved;
    });
  }

  /** A new secret, in force at once: the old one stops signing. */
  rotateSecret(id: string): Promise<WebhookEndpointWithSecret> {
    const secret = newSecret();
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.repository(manager).getById(id, { lock: true });
      endpoint.secret = secret;
      endpoint.updatedAt = new Date();
      const saved = await this.repository(manager).save(endpoint);
      await this.audit.record(
        { entity: 'webhook_endpoint', entityId: id, action: 'rotate_secret', after: { url: saved.url } },
        manager,
      );
      return { endpoint: saved, secret };
    });
  }

  /** Deletes the endpoint with its deliveries and their log. */
  delete(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.repository(manager).getById(id, { lock: true });
      await manager.delete(WebhookEndpoint, { workspaceId: endpoint.workspaceId, id });
      await this.audit.record(
        { entity: 'webhook_endpoint', entityId: id, action: 'delete', before: snapshot(endpoint) },
        manager,
      );
      return true;
    });
  }

  /** An endpoint's deliveries, newest first, each with its attempts. */
  async deliveries(args: WebhookDeliveriesArgs): Promise<Connection<WebhookDelivery>> {
    await this.repository().getById(args.endpointId);
    const query = this.scope.repository(WebhookDelivery, 'Webhook delivery').query('d', (q) => {
      q.andWhere('d.endpoint_id = :endpointId', { endpointId: args.endpointId });
      if (args.status) q.andWhere('d.status = :status', { status: args.status });
      return q;
    });
    const page = await paginate(
      query,
      args,
      {
        expression: 'd.created_at',
        value: (d) => d.createdAt.toISOString(),
        part: 'timestamp',
        direction: 'DESC',
      },
      { expression: 'd.id', value: (d) => d.id },
    );
    const nodes = page.edges.map((edge) => edge.node);
    const attempts = nodes.length
      ? await this.tenantSql.query<AttemptRow>(webhooksSql.attemptsOf(nodes.map((node) => node.id)))
      : [];
    for (const node of nodes)
      node.attemptLog = attempts.filter((row) => row.delivery_id === node.id).map(attemptOf);
    return page;
  }

  /** Attempts a delivery again now, whatever its status; the attempt shows in its log. */
  async redeliver(id: string): Promise<WebhookDelivery> {
    const delivery = await this.scope.repository(WebhookDelivery, 'Webhook delivery').getById(id);
    await this.audit.record({ entity: 'webhook_delivery', entityId: id, action: 'redeliver' });
    await this.deliverer.enqueue({ workspaceId: delivery.workspaceId, deliveryId: id, manual: true });
    return delivery;
  }
}

interface AttemptRow {
  id: string;
  delivery_id: string;
  attempt: number;
  at: Date;
  duration_ms: number;
  status_code: number | null;
  succeeded: boolean;
  error: string | null;
  manual: boolean;
}

function attemptOf(row: AttemptRow): WebhookAttempt {
  return Object.assign(new WebhookAttempt(), {
    id: row.id,
    deliveryId: row.delivery_id,
    attempt: row.attempt,
    at: row.at,
    durationMs: row.duration_ms,
    statusCode: row.status_code,
    succeeded: row.succeeded,
    error: row.error,
    manual: row.manual,
  });
}

/** The event types, once each, after checking the URL and the format. */
function checked(url: string, eventTypes: WebhookEventType[], format: WebhookFormat): WebhookEventType[] {
  const problem = endpointUrlProblem(url.trim());
  if (problem) throw InvalidInputException.field('input.url', problem);
  const types = [...new Set(eventTypes)];
  if (format === WebhookFormat.SLACK && types.some((type) => !SLACK_EVENT_TYPES.includes(type)))
    throw InvalidInputException.field(
      'input.format',
      'the SLACK format carries alert events only: choose ALERT_OPENED and ALERT_RESOLVED, or the STANDARD format',
    );
  return types;
}
