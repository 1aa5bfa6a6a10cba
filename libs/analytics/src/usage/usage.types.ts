import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { AccountScope } from '@greenlight/crm';
import type { DayWindow, UsageGranularity as Granularity, UsageMeasure as Measure } from '@greenlight/telemetry';

export enum UsageGranularity {
  DAY = 'day',
  WEEK = 'week',
}

export enum UsageMeasure {
  GENERATIONS = 'generations',
  VIDEO_SECONDS = 'videoSeconds',
  COST_USD = 'costUsd',
}

registerEnumType(UsageGranularity, {
  name: 'UsageGranularity',
  valuesMap: { WEEK: { description: 'UTC weeks from Monday; only days inside the period count.' } },
});
registerEnumType(UsageMeasure, { name: 'UsageMeasure', description: 'What top accounts and movers are ranked by.' });

@ObjectType({ description: 'Usage over some days, from the usage rollups.' })
export class UsageFiguresNode {
  @Field(() => Int, { description: 'Events of every kind.' })
  events: number;

  @Field(() => Int, { description: 'Completed generations.' })
  generations: number;

  @Field(() => Float)
  videoSeconds: number;

  @Field(() => Float, { description: 'Spend reported by the generator, USD.' })
  costUsd: number;

  /** Counted only when an answer asks for it (`UsageFiguresResolver.activeUsers`). */
  activeUsers: () => Promise<number>;
}

@ObjectType({ description: 'One day or week of the period.' })
export class UsageBucket {
  @Field({ description: 'The day, or the Monday of the week, `YYYY-MM-DD`.' })
  start: string;

  @Field(() => UsageFiguresNode, { description: 'Every event of the workspace, attributed or not.' })
  workspace: UsageFiguresNode;

  @Field(() => UsageFiguresNode, { description: "The filter's accounts together." })
  accounts: UsageFiguresNode;
}

@ObjectType({ description: "An account's usage over the period and over the previous period of the same length." })
export class AccountUsage {
  accountId: string;

  @Field(() => UsageFiguresNode)
  current: UsageFiguresNode;

  @Field(() => UsageFiguresNode)
  previous: UsageFiguresNode;

  @Field(() => Float, { description: 'current − previous of the ranking measure.' })
  change: number;

  @Field(() => Float, { nullable: true, description: 'change / previous; null when previous is 0.' })
  changeRatio: number | null;
}

@ObjectType({ description: 'Usage of events tied to no account (unmatched identities): workspace minus accounts.' })
export class UnattributedUsage {
  @Field(() => Int)
  events: number;

  @Field(() => Int)
  generations: number;

  @Field(() => Float)
  videoSeconds: number;

  @Field(() => Float)
  costUsd: number;

  @Field(() => Float, { nullable: true, description: 'Share of the workspace events; null without events.' })
  eventsShare: number | null;

  @Field(() => Float, { nullable: true })
  generationsShare: number | null;

  @Field(() => Float, { nullable: true })
  videoSecondsShare: number | null;

  @Field(() => Float, { nullable: true })
  costUsdShare: number | null;
}

@ObjectType()
export class UsageDashboard {
  @Field({ description: 'First day of the period.' })
  from: string;

  @Field({ description: 'Last day of the period, included.' })
  to: string;

  @Field({ description: 'First day of the previous period (same length, just before), for movers.' })
  previousFrom: string;

  @Field({ description: 'Last day of the previous period.' })
  previousTo: string;

  @Field(() => UsageGranularity)
  granularity: Granularity;

  @Field(() => UsageMeasure)
  rankBy: Measure;

  window: DayWindow;
  limit: number;
  scope: AccountScope;
}
