import { ApiKeys, SignedIn } from '@greenlight/identity';
import { Connection, InvalidInputException, IsDateTime, LoaderRegistry, Loaders } from '@greenlight/common';
import { Account, CrmLoaders, narrowsAccounts, PipelineStatistics, Stage } from '@greenlight/crm';
import { Args, ArgsType, Field, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { AccountPageArgs } from '../drill-down/account-page.args';
import {
  accountConnection,
  DashboardAccountConnection,
  pageLoader,
  pageRequest,
} from '../drill-down/account-connection';
import { DashboardCache } from '../cache/dashboard-cache';
import { DashboardFilter, scopeOf } from '../inputs/dashboard-filter.input';
import { Pipeline, PipelineStage } from './pipeline.types';

@ArgsType()
class PipelineArgs {
  @Field(() => Date, { nullable: true, description: 'A past instant; the current pipeline when omitted.' })
  @IsDateTime({ optional: true })
  at?: Date;

  @Field(() => DashboardFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DashboardFilter)
  filter?: DashboardFilter;
}

@SignedIn()
@ApiKeys('read')
@Resolver(() => Pipeline)
export class PipelineResolver {
  constructor(
    private readonly statistics: PipelineStatistics,
    private readonly cache: DashboardCache,
    private readonly loaders: CrmLoaders,
  ) {}

  @Query(() => Pipeline, {
    description:
      'Accounts and expected annual value per stage: now, or at a past instant rebuilt from the stage-transition history.',
  })
  async pipeline(@Args() { at, filter }: PipelineArgs, @Loaders() registry: LoaderRegistry): Promise<Pipeline> {
    if (at && at.getTime() > Date.now()) throw InvalidInputException.field('at', 'at must not be in the future');
    const scope = scopeOf(filter);
    const whole = !at && !narrowsAccounts(scope) && !scope.includeArchived;
    // the whole pipeline now is what each stage's accountCount reads too (kept in this cache as well)
    const stages = whole
      ? await this.loaders.pipelineNow(registry).load('now')
      : await this.cache.remember('pipeline', [at ?? null, scope], () => this.statistics.byStage(at ?? null, scope));
    return {
      at: at ?? null,
      accountCount: stages.reduce((sum, stage) => sum + stage.accountCount, 0),
      stages: stages.map((stage) => ({ ...stage, at: at ?? null, scope })),
    };
  }
}

@Resolver(() => PipelineStage)
export class PipelineStageResolver {
  constructor(
    private readonly statistics: PipelineStatistics,
    private readonly loaders: CrmLoaders,
  ) {}

  @ResolveField(() => Stage)
  async stage(@Parent() parent: PipelineStage, @Loaders() registry: LoaderRegistry): Promise<Stage> {
    return (await this.loaders.stage(registry).load(parent.stageId))!;
  }

  @ResolveField(() => DashboardAccountConnection, { description: 'The accounts counted here, by name.' })
  async accounts(
    @Parent() parent: PipelineStage,
    @Args() args: AccountPageArgs,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Connection<Account>> {
    const request = pageRequest(args);
    const loader = pageLoader(
      registry,
      `pipeline:${JSON.stringify([parent.at, parent.scope])}`,
      request,
      (keys, page) => this.statistics.accounts(keys, parent.at, parent.scope, page),
    );
    const page = await loader.load(parent.stageId);
    return accountConnection(page, parent.accountCount, Boolean(args.after), this.loaders, registry);
  }
}
