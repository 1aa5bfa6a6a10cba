import { Connection, ConnectionArgs, ConnectionType, LoaderRegistry, Loaders } from '@greenlight/common';
import { Args, createUnionType, Field, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Account } from '../accounts/account.entity';
import { Interaction } from '../interactions/interaction.entity';
import { StageTransition } from '../stages/stage-transition.entity';
import { Task } from '../tasks/task.entity';
import { registeredTimelineItemTypes } from './timeline-sources';
import { TimelineEntry as Entry, TimelineService } from './timeline.service';

export const TimelineItem = createUnionType({
  name: 'TimelineItem',
  types: () => [Interaction, StageTransition, Task, ...registeredTimelineItemTypes()] as const,
  resolveType: (value) =>
    [Interaction, StageTransition, Task, ...registeredTimelineItemTypes()].find((type) => value instanceof type) ??
    null,
});

@ObjectType({ description: 'Something that happened to an account.' })
export class TimelineEntry {
  @Field()
  at: Date;

  @Field({
    description: 'interaction, stage_change, task, or a kind added by another context (e.g. pilot_created).',
  })
  kind: string;

  @Field(() => TimelineItem)
  item: typeof TimelineItem;
}

const TimelineConnection = ConnectionType(TimelineEntry, 'Timeline');

@Resolver(() => Account)
export class AccountTimelineResolver {
  constructor(private readonly service: TimelineService) {}

  @ResolveField(() => TimelineConnection, {
    description: 'Interactions, stage changes, tasks and pilot events, newest first.',
  })
  timeline(
    @Parent() account: Account,
    @Args() args: ConnectionArgs,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Connection<Entry>> {
    return this.service.forAccount(account, args, registry);
  }
}
