import { LoaderRegistry, Loaders } from '@greenlight/common';
import {
  ApiKeys,
  IdentityLoaders,
  MemberNode,
  Membership,
  Role,
  Roles,
  SignedIn,
} from '@greenlight/identity';
import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Account } from '../accounts/account.entity';
import { CrmLoaders } from '../crm.loaders';
import { IdArgs } from '../crm.types';
import { CreateStageInput, DeleteStageArgs, ReorderStagesArgs, UpdateStageInput } from './stage.inputs';
import { StageTransition } from './stage-transition.entity';
import { Stage } from './stage.entity';
import { StagesService } from './stages.service';

@SignedIn()
@ApiKeys('read')
@Resolver(() => Stage)
export class StageResolver {
  constructor(
    private readonly service: StagesService,
    private readonly loaders: CrmLoaders,
  ) {}

  @Query(() => [Stage], { description: 'The adoption pipeline, in order (archived stages left out).' })
  async stages(@Loaders() registry: LoaderRegistry): Promise<Stage[]> {
    // the same read serves the request's nested `stage` fields (the pipeline's, an account's)
    const stages = this.loaders.workspaceStages(registry);
    const active = (await stages.load('all')).filter((stage) => !stage.archivedAt);
    if (active.length > 0) return active;
    stages.clear('all');
    return this.service.list(); // a workspace's first read creates the default pipeline
  }

  @Query(() => Stage, { description: 'One stage, archived ones included.' })
  stage(@Args() { id }: IdArgs): Promise<Stage> {
    return this.service.get(id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Stage)
  createStage(@Args('input') input: CreateStageInput): Promise<Stage> {
    return this.service.create(input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Stage, { description: 'Renames or recategorises a stage; history keeps pointing at it.' })
  updateStage(@Args('input') input: UpdateStageInput): Promise<Stage> {
    return this.service.update(input.id, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => [Stage])
  reorderStages(@Args() { stageIds }: ReorderStagesArgs): Promise<Stage[]> {
    return this.service.reorder(stageIds);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Boolean, {
    description: 'Deletes a stage (archives it when it has history); accounts in it need moveAccountsTo.',
  })
  deleteStage(@Args() { id, moveAccountsTo }: DeleteStageArgs): Promise<boolean> {
    return this.service.delete(id, moveAccountsTo);
  }

  @ResolveField(() => Int, { description: 'Active accounts in this stage now.' })
  accountCount(@Parent() stage: Stage, @Loaders() registry: LoaderRegistry): Promise<number> {
    return this.loaders.accountCount(registry).load(stage.id);
  }
}

@Resolver(() => StageTransition)
export class StageTransitionResolver {
  constructor(
    private readonly loaders: CrmLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  @ResolveField(() => Account)
  async account(
    @Parent() transition: StageTransition,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Account> {
    return (await this.loaders.account(registry).load(transition.accountId))!;
  }

  @ResolveField(() => Stage, { nullable: true, description: 'Null for the first stage of the account.' })
  fromStage(
    @Parent() transition: StageTransition,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Stage | null> | null {
    return transition.fromStageId ? this.loaders.stage(registry).load(transition.fromStageId) : null;
  }

  @ResolveField(() => Stage)
  async toStage(@Parent() transition: StageTransition, @Loaders() registry: LoaderRegistry): Promise<Stage> {
    return (await this.loaders.stage(registry).load(transition.toStageId))!;
  }

  @ResolveField(() => MemberNode, {
    nullable: true,
    description: 'Who moved, created or imported it; null for the system and the command line.',
  })
  by(
    @Parent() transition: StageTransition,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Membership | null> | null {
    return transition.byMemberId ? this.identity.member(registry).load(transition.byMemberId) : null;
  }
}
