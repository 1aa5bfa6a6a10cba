import { ConnectionArgs, ConnectionType } from '@greenlight/common';
import { ArgsType, Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { HealthReasonCode } from '../score/health-score';

export enum HealthLevel {
  HEALTHY = 'HEALTHY',
  WATCH = 'WATCH',
  AT_RISK = 'AT_RISK',
}

registerEnumType(HealthReasonCode, { name: 'HealthReasonCode' });
registerEnumType(HealthLevel, {
  name: 'HealthLevel',
  valuesMap: {
    HEALTHY: { description: 'Score 70 or more.' },
    WATCH: { description: 'Score 50 to 69.' },
    AT_RISK: { description: 'Score under 50.' },
  },
});

export const AT_RISK_BELOW = 50;

export function levelOf(score: number): HealthLevel {
  if (score < AT_RISK_BELOW) return HealthLevel.AT_RISK;
  return score < 70 ? HealthLevel.WATCH : HealthLevel.HEALTHY;
}

@ObjectType({ description: 'One thing that moved a health score, with its signed impact in points.' })
class HealthReasonNode {
  @Field(() => HealthReasonCode)
  code: HealthReasonCode;

  @Field({ description: 'E.g. "usage down 62% over the last 14 days (38 events vs 100)".' })
  message: string;

  @Field(() => Int)
  impact: number;
}

@ObjectType({ description: "An account's health: a score from 0 to 100 and the reasons behind it (see docs/health.md)." })
export class AccountHealth {
  accountId: string;

  @Field(() => Int)
  score: number;

  @Field(() => HealthLevel)
  level: HealthLevel;

  @Field(() => [HealthReasonNode], { description: 'Largest impact first.' })
  reasons: HealthReasonNode[];

  @Field({ description: 'When the score was computed.' })
  computedAt: Date;
}

@ObjectType({ description: 'An account whose last stored health score is under the threshold.' })
export class AccountAtRisk {
  accountId: string;

  @Field(() => AccountHealth)
  health: AccountHealth;
}

export const AccountAtRiskConnection = ConnectionType(AccountAtRisk);

@ArgsType()
export class AccountsAtRiskArgs extends ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: AT_RISK_BELOW,
    description: 'Lists accounts whose score is below this (1 to 101; 101 lists every scored account).',
  })
  @IsOptional()
  @IsInt({ message: 'threshold must be a whole number between 1 and 101' })
  @Min(1, { message: 'threshold must be a whole number between 1 and 101' })
  @Max(101, { message: 'threshold must be a whole number between 1 and 101' })
  threshold?: number;
}
