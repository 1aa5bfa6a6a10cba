import { ConnectionType } from '@greenlight/common';
import { AccountKind } from '@greenlight/crm';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { AccessGrant } from './access-grant.entity';

export const AccessGrantConnection = ConnectionType(AccessGrant);

@ObjectType({ description: 'Use of a grant over its days so far, from the usage rollups.' })
export class GrantUsage {
  @Field(() => Float, { description: "Usage events of the grant's subject on its models." })
  events: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "Credits consumed in the grant's unit: an account's spend or completed generations; a contact's events, or for USD credits an estimate of their spend (see creditsUsedEstimated). Null without a credit limit.",
  })
  creditsUsed: number | null;

  @Field({
    description:
      "creditsUsed is an estimate: a contact's USD spend, taken as their share of the workspace's events on each day and model times the workspace's spend on it (spend is not kept per person).",
  })
  creditsUsedEstimated: boolean;

  @Field(() => Float, { nullable: true, description: 'creditLimit − creditsUsed, never below 0.' })
  creditsLeft: number | null;

  @Field(() => Int, { nullable: true, description: 'creditsUsed as a whole percent of creditLimit.' })
  creditsUsedPercent: number | null;

  @Field(() => String, { nullable: true, description: 'First day with use (YYYY-MM-DD).' })
  firstUseOn: string | null;

  @Field(() => String, { nullable: true, description: 'Last day with use (YYYY-MM-DD).' })
  lastUseOn: string | null;

  @Field({ description: 'First used within 7 days of its start.' })
  activated: boolean;

  @Field({ description: 'ACTIVE, started 14 days ago or more, and not used in the last 14 days.' })
  dormant: boolean;
}

@ObjectType({ description: 'Grants of one account kind (contacts counted by their current companies).' })
export class BetaAccessByKind {
  @Field(() => AccountKind, { nullable: true, description: 'Null for contacts with no current company.' })
  accountKind: AccountKind | null;

  @Field(() => Int, { description: 'Grants ACTIVE now.' })
  granted: number;

  @Field(() => Int)
  activated: number;

  @Field(() => Int)
  dormant: number;

  @Field(() => Float, {
    description: 'Credits consumed by these grants in USD (grants counted in USD only).',
  })
  creditsUsedUsd: number;

  @Field(() => Float, { description: 'Credits consumed by these grants in generations.' })
  creditsUsedGenerations: number;
}

@ObjectType({ description: 'The beta-access programme at a glance: ACTIVE grants, by account kind.' })
export class BetaAccessSummary {
  @Field(() => Int)
  granted: number;

  @Field(() => Int)
  activated: number;

  @Field(() => Int)
  dormant: number;

  @Field(() => Float)
  creditsUsedUsd: number;

  @Field(() => Float)
  creditsUsedGenerations: number;

  @Field(() => [BetaAccessByKind])
  byAccountKind: BetaAccessByKind[];
}
