import { ApiKeys, SignedIn } from '@greenlight/identity';
import { AT_RISK_BELOW, HealthStatistics, levelOf } from '@greenlight/health';
import { Args, ArgsType, Field, Int, Query, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { DashboardCache } from '../cache/dashboard-cache';
import { DashboardFilter, scopeOf } from '../inputs/dashboard-filter.input';
import { RiskDashboard } from './risk.types';

@ArgsType()
class RiskDashboardArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: AT_RISK_BELOW,
    description: 'Health score below which an account is at risk (1 to 101).',
  })
  @IsOptional()
  @IsInt({ message: 'threshold must be a whole number between 1 and 101' })
  @Min(1, { message: 'threshold must be a whole number between 1 and 101' })
  @Max(101, { message: 'threshold must be a whole number between 1 and 101' })
  threshold?: number;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Accounts listed (1 to 100).' })
  @IsOptional()
  @IsInt({ message: 'first must be a whole number' })
  @Min(1, { message: 'first must be at least 1' })
  @Max(100, { message: 'first must be at most 100' })
  first?: number;

  @Field(() => DashboardFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DashboardFilter)
  filter?: DashboardFilter;
}

@SignedIn()
@ApiKeys('read')
@Resolver(() => RiskDashboard)
export class RiskDashboardResolver {
  constructor(
    private readonly health: HealthStatistics,
    private readonly cache: DashboardCache,
  ) {}

  @Query(() => RiskDashboard, {
    description: 'Accounts whose stored health is under the threshold, with reasons, and unresolved alerts by kind.',
  })
  async riskDashboard(@Args() { threshold, first, filter }: RiskDashboardArgs): Promise<RiskDashboard> {
    const below = threshold ?? AT_RISK_BELOW;
    const scope = scopeOf(filter);
    const [atRisk, alerts] = await Promise.all([
      this.cache.remember('risk.accounts', [below, scope, first ?? 20], () =>
        this.health.atRisk(below, { ...scope, excludeLost: true }, first ?? 20),
      ),
      this.cache.remember('risk.alerts', [scope], () => this.health.unresolvedAlertsByKind(scope)),
    ]);
    return {
      threshold: below,
      accountCount: atRisk.total,
      accounts: atRisk.accounts.map((row) => ({
        accountId: row.accountId,
        health: { ...row, level: levelOf(row.score) },
      })),
      openAlertCount: alerts.reduce((sum, kind) => sum + kind.open, 0),
      alertsByKind: alerts,
    };
  }
}
