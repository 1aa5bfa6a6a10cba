import { InteractionKind } from '@greenlight/crm';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Interactions of one kind a member attended or logged in one week.' })
export class MemberWeekActivity {
  @Field(() => ID)
  memberId: string;

  @Field({ description: 'Monday of the UTC week, `YYYY-MM-DD`.' })
  week: string;

  @Field(() => InteractionKind)
  kind: InteractionKind;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Open tasks past their due time, per assignee (null: unassigned).' })
export class OverdueTasks {
  @Field(() => ID, { nullable: true })
  assigneeId: string | null;

  @Field(() => Int)
  count: number;

  @Field()
  oldestDueAt: Date;
}

@ObjectType()
export class TeamActivity {
  @Field({ description: 'First day of the period.' })
  from: string;

  @Field({ description: 'Last day of the period, included.' })
  to: string;

  @Field(() => [String], { description: 'Monday of every UTC week the period touches.' })
  weeks: string[];

  @Field(() => [MemberWeekActivity], { description: 'Non-zero counts only, by week, member and kind.' })
  interactions: MemberWeekActivity[];

  @Field(() => [OverdueTasks], { description: 'As of now, most overdue tasks first.' })
  overdueTasks: OverdueTasks[];
}
