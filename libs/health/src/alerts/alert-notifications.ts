import { Notification, NotificationKind, NotificationSource } from '@greenlight/crm';
import { SignedIn } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Alert } from './alert.entity';
import { AlertStatus } from './alert.enums';
import { AlertsArgs } from './alert.types';
import { AlertsService } from './alerts.service';

/** Open alerts on the accounts a member owns, as their notifications (newest raised first). */
@Injectable()
export class AlertNotificationSource implements NotificationSource {
  readonly kind = NotificationKind.ALERT;

  constructor(private readonly alerts: AlertsService) {}

  async forMember(memberId: string, first: number) {
    const page = await this.alerts.list(Object.assign(new AlertsArgs(), { ownerId: memberId, status: AlertStatus.OPEN, first }));
    return page.edges.map(({ node }) => ({ recordId: node.id, at: node.firstRaisedAt, record: node }));
  }
}

@SignedIn()
@Resolver(() => Notification)
export class NotificationAlertResolver {
  @ResolveField(() => Alert, { nullable: true, description: 'The alert of an ALERT notification.' })
  alert(@Parent() notification: Notification): Alert | null {
    return notification.kind === NotificationKind.ALERT ? (notification.record as Alert) : null;
  }
}
