import { Field, Float, ObjectType } from '@nestjs/graphql';
import { TrendDirection } from '../enums';

@ObjectType({ description: 'Days evaluated, inclusive (YYYY-MM-DD, UTC).' })
export class DayWindow {
  @Field()
  from: string;

  @Field()
  to: string;
}

@ObjectType({ description: 'The last 7 days of the evaluation window so far against the 7 before.' })
export class CriterionTrend {
  @Field(() => TrendDirection, { description: 'FLAT within 5%, or when a period has no value.' })
  direction: TrendDirection;

  @Field(() => Float, { nullable: true })
  recent: number | null;

  @Field(() => Float, { nullable: true, description: 'Null when the window has no day before the recent 7.' })
  previous: number | null;

  @Field(() => Float, { nullable: true, description: '(recent − previous) / previous.' })
  change: number | null;
}

@ObjectType({ description: "Credit granted against spend reported over the pilot's dates." })
export class PilotBudget {
  @Field(() => Float)
  creditUsd: number;

  @Field(() => Float)
  spentUsd: number;

  @Field(() => Float, { description: 'Negative once overspent.' })
  remainingUsd: number;

  @Field(() => Float, { description: 'spent / credit; above 1 once overspent.' })
  spentShare: number;
}
