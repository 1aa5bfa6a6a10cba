import { Notification, NotificationKind, NotificationSource } from '@greenlight/crm';
import { Role, SignedIn, TenantContext } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { IsNull, Not } from 'typeorm';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/**
 * Endpoints Greenlight disabled after 24 h of failures, as notifications of the workspace's admins
 * (who alone can see and re-enable them), newest first; enabling one again ends its notification.
 */
@Injectable()
export class DisabledWebhookNotificationSource implements NotificationSource {
  readonly kind = NotificationKind.WEBHOOK_DISABLED;

  constructor(
    private readonly context: TenantContext,
    private readonly endpoints: WebhookEndpointsService,
  ) {}

  async forMember(memberId: string, first: number) {
    const principal = this.context.principal();
    if (principal?.kind !== 'member' || principal.membershipId !== memberId || principal.role !== Role.ADMIN) return [];
    const disabled = await this.endpoints.repository().find({
      where: { enabled: false, disabledReason: Not(IsNull()) },
      order: { updatedAt: 'DESC', id: 'DESC' },
      take: first,
    });
    return disabled.map((endpoint) => ({ recordId: endpoint.id, at: endpoint.updatedAt, record: endpoint }));
  }
}

@SignedIn()
@Resolver(() => Notification)
export class NotificationWebhookResolver {
  @ResolveField(() => WebhookEndpoint, {
    nullable: true,
    description: 'The endpoint of a WEBHOOK_DISABLED notification (given to admins only).',
  })
  webhookEndpoint(@Parent() notification: Notification): WebhookEndpoint | null {
    return notification.kind === NotificationKind.WEBHOOK_DISABLED ? (notification.record as WebhookEndpoint) : null;
  }
}
