import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { DashboardFilter } from './dashboard-filter.input';
import { DashboardPeriod } from './dashboard-period.input';

/** The arguments every period figure takes. */
@ArgsType()
export class PeriodArgs {
  @Field(() => DashboardPeriod)
  @ValidateNested()
  @Type(() => DashboardPeriod)
  period: DashboardPeriod;

  @Field(() => DashboardFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DashboardFilter)
  filter?: DashboardFilter;
}
