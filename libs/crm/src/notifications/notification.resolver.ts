import { SignedIn } from '@greenlight/identity';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Notification, NotificationsArgs } from './notification.types';
import { NotificationsService } from './notifications.service';

/** The signed-in member's own notifications; API keys, having no member, have none to read. */
@SignedIn()
@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => [Notification], {
    description:
      'The caller’s notifications, newest first: tasks others gave them, their tasks overdue or due within a day, and `@name` mentions in interactions others logged (30 days).',
  })
  notifications(@Args() { first }: NotificationsArgs): Promise<Notification[]> {
    return this.service.forMe(first);
  }
}
