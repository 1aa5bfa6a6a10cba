import { LoaderRegistry, Loaders } from '@greenlight/common';
import { AllowReadOnlyRoles, SignedIn } from '@greenlight/identity';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MarkNotificationsArgs, Notification, NotificationsArgs } from './notification.types';
import { NotificationsService } from './notifications.service';

/**
 * The signed-in member's own notifications and which of them they have read; executives keep
 * their read state too. API keys, having no member, have none.
 */
@SignedIn()
@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => [Notification], {
    description:
      'The caller’s notifications, newest first: tasks others gave them, their tasks overdue or due within a day, `@name` mentions in interactions others logged (30 days) and open alerts on the accounts they own; each says whether they have read it.',
  })
  notifications(
    @Args() { first }: NotificationsArgs,
    @Loaders() loaders: LoaderRegistry,
  ): Promise<Notification[]> {
    return this.service.forMe(loaders, first);
  }

  @Query(() => Int, { description: 'How many of the caller’s latest 100 notifications they have not read.' })
  unreadNotificationCount(@Loaders() loaders: LoaderRegistry): Promise<number> {
    return this.service.unreadCount(loaders);
  }

  @AllowReadOnlyRoles()
  @Mutation(() => Int, {
    description: 'Marks some of the caller’s notifications read (or, with `read: false`, unread); answers the unread count.',
  })
  markNotificationsRead(
    @Args() { ids, read }: MarkNotificationsArgs,
    @Loaders() loaders: LoaderRegistry,
  ): Promise<number> {
    return this.service.mark(loaders, ids, read ?? true);
  }

  @AllowReadOnlyRoles()
  @Mutation(() => Int, {
    description: 'Marks every notification the caller has now read; answers how many were unread.',
  })
  markAllNotificationsRead(@Loaders() loaders: LoaderRegistry): Promise<number> {
    return this.service.markAllRead(loaders);
  }
}
