import { AccountScope, CompetitorStatus, Stage } from '@greenlight/crm';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class CompetitorStage {
  @Field(() => Stage)
  stage?: Stage;

  stageId: string;

  @Field(() => Int)
  accountCount: number;

  vendor: string;
  statuses: CompetitorStatus[];
  scope: AccountScope;
}

@ObjectType({ description: 'A rival vendor and the accounts evaluating it, by their current stage.' })
export class CompetitorUsage {
  @Field({ description: 'The vendor as entered (names differing only in case are one vendor).' })
  vendor: string;

  @Field(() => Int)
  accountCount: number;

  @Field(() => [CompetitorStage], { description: 'Stages holding such accounts, in pipeline order.' })
  byStage: CompetitorStage[];
}
