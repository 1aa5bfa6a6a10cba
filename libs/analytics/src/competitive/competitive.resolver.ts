import { ApiKeys, SignedIn } from '@greenlight/identity';
import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { Account, CompetitorStatistics, CompetitorStatus, CrmLoaders, Stage } from '@greenlight/crm';
import { Args, ArgsType, Field, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { AccountPageArgs } from '../drill-down/account-page.args';
import {
  accountConnection,
  DashboardAccountConnection,
  pageLoader,
  pageRequest,
} from '../drill-down/account-connection';
import { DashboardCache } from '../cache/dashboard-cache';
import { DashboardFilter, scopeOf } from '../inputs/dashboard-filter.input';
import { CompetitorStage, CompetitorUsage } from './competitive.types';

const EVALUATING = [CompetitorStatus.EVALUATING, CompetitorStatus.PILOTING];

@ArgsType()
class CompetitiveViewArgs {
  @Field(() => DashboardFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DashboardFilter)
  filter?: DashboardFilter;

  @Field(() => [CompetitorStatus], {
    nullable: true,
    defaultValue: EVALUATING,
    description: 'Which evaluations count; evaluating and piloting when omitted.',
  })
  @IsOptional()
  @ArrayMinSize(1, { message: 'statuses must name at least one status' })
  @IsEnum(CompetitorStatus, { each: true, message: 'statuses must be competitor statuses' })
  statuses?: CompetitorStatus[];
}

@SignedIn()
@ApiKeys('read')
@Resolver(() => CompetitorUsage)
export class CompetitiveViewResolver {
  constructor(
    private readonly statistics: CompetitorStatistics,
    private readonly cache: DashboardCache,
  ) {}

  @Query(() => [CompetitorUsage], {
    description: 'How many accounts evaluate each rival vendor, by current stage; most evaluated first.',
  })
  async competitiveView(@Args() { filter, statuses }: CompetitiveViewArgs): Promise<CompetitorUsage[]> {
    const scope = scopeOf(filter);
    const counted = statuses ?? EVALUATING;
    const vendors = await this.cache.remember('competitive', [counted, scope], () =>
      this.statistics.byVendor(counted, scope),
    );
    return vendors.map((vendor) => ({
      ...vendor,
      byStage: vendor.byStage.map((row) => ({ ...row, vendor: vendor.vendor, statuses: counted, scope })),
    }));
  }
}

@Resolver(() => CompetitorStage)
export class CompetitorStageResolver {
  constructor(
    private readonly statistics: CompetitorStatistics,
    private readonly loaders: CrmLoaders,
  ) {}

  @ResolveField(() => Stage)
  async stage(@Parent() row: CompetitorStage, @Loaders() registry: LoaderRegistry): Promise<Stage> {
    return (await this.loaders.stage(registry).load(row.stageId))!;
  }

  @ResolveField(() => DashboardAccountConnection, { description: 'The accounts counted here, by name.' })
  async accounts(
    @Parent() row: CompetitorStage,
    @Args() args: AccountPageArgs,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Connection<Account>> {
    const request = pageRequest(args);
    const loader = pageLoader(
      registry,
      `competitors:${JSON.stringify([row.statuses, row.scope])}`,
      request,
      (keys, page) => this.statistics.accounts(keys, row.statuses, row.scope, page),
    );
    const page = await loader.load(`${row.vendor}|${row.stageId}`);
    return accountConnection(page, row.accountCount, Boolean(args.after), this.loaders, registry);
  }
}
