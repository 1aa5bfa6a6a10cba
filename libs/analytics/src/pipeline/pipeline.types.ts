import { AccountScope, Stage } from '@greenlight/crm';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class CurrencyAmount {
  @Field({ description: 'ISO 4217 code.' })
  currency: string;

  @Field(() => Float)
  amount: number;
}

@ObjectType({ description: 'The accounts in one stage at the pipeline instant.' })
export class PipelineStage {
  @Field(() => Stage)
  stage?: Stage;

  stageId: string;

  @Field(() => Int)
  accountCount: number;

  @Field(() => [CurrencyAmount], {
    description: 'Sum of the expected annual value of those accounts, per currency (accounts without one add nothing).',
  })
  expectedAnnualValue: CurrencyAmount[];

  /** What the drill-down needs to list the same accounts. */
  at: Date | null;
  scope: AccountScope;
}

@ObjectType({ description: 'Accounts and expected value per stage, now or at a past instant.' })
export class Pipeline {
  @Field(() => Date, { nullable: true, description: 'The instant measured; null for now (the current stages).' })
  at: Date | null;

  @Field(() => Int)
  accountCount: number;

  @Field(() => [PipelineStage], { description: 'Active stages in pipeline order, then archived ones holding accounts.' })
  stages: PipelineStage[];
}
