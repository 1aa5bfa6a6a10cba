import { AccountScope, Interval, Stage } from '@greenlight/crm';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Of the accounts that entered a stage in the period, how many later entered the next one.' })
export class FunnelStep {
  @Field(() => Stage)
  stage?: Stage;

  @Field(() => Stage, { nullable: true, description: 'The next stage in pipeline order; null for the last.' })
  nextStage?: Stage | null;

  stageId: string;
  nextStageId: string | null;

  @Field(() => Int, { description: 'Accounts whose entry into the stage falls in the period.' })
  entered: number;

  @Field(() => Int, { nullable: true, description: 'Of those, the accounts that later entered the next stage.' })
  converted: number | null;

  @Field(() => Float, { nullable: true, description: 'converted / entered; null when none entered.' })
  conversionRate: number | null;

  period: Interval;
  scope: AccountScope;
}

@ObjectType({ description: 'How long accounts stayed in a stage they entered during the period.' })
export class StageDuration {
  @Field(() => Stage)
  stage?: Stage;

  stageId: string;

  @Field(() => Int, { description: 'Stays that ended (the account moved on); the times below read these.' })
  completedStays: number;

  @Field(() => Int, { description: 'Stays still open now, left out of the times.' })
  openStays: number;

  @Field(() => Float, { nullable: true })
  medianSeconds: number | null;

  @Field(() => Float, { nullable: true })
  p75Seconds: number | null;
}

@ObjectType()
export class Funnel {
  @Field({ description: 'First day of the period.' })
  from: string;

  @Field({ description: 'Last day of the period, included.' })
  to: string;

  period: Interval;
  scope: AccountScope;
}
