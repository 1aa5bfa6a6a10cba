import { AccountAtRisk, AlertKind } from '@greenlight/health';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Unresolved alerts of one kind.' })
class AlertKindCount {
  @Field(() => AlertKind)
  kind: AlertKind;

  @Field(() => Int, { description: 'Raised and not yet seen to.' })
  open: number;

  @Field(() => Int, { description: 'Seen to, condition still holding.' })
  acknowledged: number;

  @Field(() => Int, { description: 'Of the open and acknowledged ones, the critical ones.' })
  critical: number;
}

@ObjectType()
export class RiskDashboard {
  @Field(() => Int, { description: 'Accounts scored below this are at risk.' })
  threshold: number;

  @Field(() => Int, { description: "The filter's accounts scored below the threshold at the last evaluation." })
  accountCount: number;

  @Field(() => [AccountAtRisk], { description: 'The lowest scores first, at most `first`, with their reasons.' })
  accounts: AccountAtRisk[];

  @Field(() => Int, { description: 'Open alerts of the filter’s accounts (acknowledged ones not counted).' })
  openAlertCount: number;

  @Field(() => [AlertKindCount], { description: 'Every alert kind, zeros included.' })
  alertsByKind: AlertKindCount[];
}
