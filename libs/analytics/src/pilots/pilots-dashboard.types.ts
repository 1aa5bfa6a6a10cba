import { Pilot, PilotBudget, PilotRiskReason } from '@greenlight/pilots';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An active pilot with how far it has come.' })
export class ActivePilotFigure {
  @Field(() => Pilot)
  pilot: Pilot;

  @Field(() => Int)
  criteriaMet: number;

  @Field(() => Int)
  criteriaTotal: number;

  @Field(() => Float, { nullable: true, description: 'criteriaMet / criteriaTotal; null without criteria.' })
  criteriaMetShare: number | null;

  @Field(() => Int, { description: 'Days from today (UTC) to the end date, both included (as Pilot.daysLeft).' })
  daysLeft: number;

  @Field(() => Float, { description: "Share of the pilot's days over before today, 0 to 1 (as Pilot.elapsedShare)." })
  elapsedShare: number;

  @Field(() => PilotBudget)
  budget: PilotBudget;

  @Field({ description: 'As Pilot.atRisk.' })
  atRisk: boolean;

  @Field(() => [PilotRiskReason], { description: 'As Pilot.riskReasons.' })
  riskReasons: PilotRiskReason[];
}

@ObjectType({ description: 'Pilots that reached an outcome in one UTC month.' })
class PilotOutcomeMonthNode {
  @Field({ description: '`YYYY-MM`.' })
  month: string;

  @Field(() => Int)
  succeeded: number;

  @Field(() => Int)
  failed: number;

  @Field(() => Int)
  converted: number;
}

@ObjectType()
export class PilotsDashboard {
  @Field({ description: 'First day of the period of the outcomes.' })
  from: string;

  @Field({ description: 'Last day of the period, included.' })
  to: string;

  @Field(() => [ActivePilotFigure], { description: 'Active pilots now: at risk first, then soonest ending.' })
  activePilots: ActivePilotFigure[];

  @Field(() => [PilotOutcomeMonthNode], {
    description: 'Moves into SUCCEEDED, FAILED and CONVERTED per month the period touches, from the status history.',
  })
  outcomes: PilotOutcomeMonthNode[];
}
