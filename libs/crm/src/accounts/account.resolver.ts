import { Connection, IdArg, LoaderRegistry, Loaders } from '@greenlight/common';
import { ApiKeys, IdentityLoaders, MemberNode, Membership, SignedIn } from '@greenlight/identity';
import { Args, ArgsType, Field, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { Contact } from '../contacts/contact.entity';
import { Position } from '../contacts/position.entity';
import { CrmLoaders } from '../crm.loaders';
import { AccountConnection, CurrentArgs, IdArgs, NestedListArgs } from '../crm.types';
import { Interaction } from '../interactions/interaction.entity';
import { StageTransition } from '../stages/stage-transition.entity';
import { Stage } from '../stages/stage.entity';
import { Task } from '../tasks/task.entity';
import { Account } from './account.entity';
import {
  AccountsArgs,
  CompetitorInput,
  CreateAccountInput,
  MoveAccountStageInput,
  UpdateAccountInput,
} from './account.inputs';
import { AccountsService } from './accounts.service';
import { Competitor } from './competitor.entity';

@ArgsType()
class SetCompetitorArgs {
  @Field(() => ID)
  @IdArg('an account')
  accountId: string;

  @Field(() => CompetitorInput)
  @ValidateNested()
  @Type(() => CompetitorInput)
  competitor: CompetitorInput;
}

@SignedIn()
@ApiKeys('read')
@Resolver(() => Account)
export class AccountResolver {
  constructor(
    private readonly service: AccountsService,
    private readonly loaders: CrmLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  @Query(() => Account, { description: 'One account of the workspace.' })
  account(@Args() { id }: IdArgs): Promise<Account> {
    return this.service.get(id);
  }

  @Query(() => AccountConnection, { description: 'Accounts, filtered and sorted.' })
  accounts(@Args() args: AccountsArgs, @Loaders() registry: LoaderRegistry): Promise<Connection<Account>> {
    return this.service.list(args, registry);
  }

  @Mutation(() => Account)
  createAccount(@Args('input') input: CreateAccountInput): Promise<Account> {
    return this.service.create(input);
  }

  @Mutation(() => Account)
  updateAccount(@Args('input') input: UpdateAccountInput): Promise<Account> {
    return this.service.update(input);
  }

  @Mutation(() => Account, { description: 'Hides the account from lists and dashboards; history is kept.' })
  archiveAccount(@Args() { id }: IdArgs): Promise<Account> {
    return this.service.setArchived(id, true);
  }

  @Mutation(() => Account)
  restoreAccount(@Args() { id }: IdArgs): Promise<Account> {
    return this.service.setArchived(id, false);
  }

  @Mutation(() => Account, { description: 'Moves the account to another stage and records the transition.' })
  moveAccountStage(@Args('input') input: MoveAccountStageInput): Promise<Account> {
    return this.service.moveStage(input.accountId, input.stageId, input.reason ?? null);
  }

  @Mutation(() => Competitor, {
    description: 'Adds a rival vendor the account evaluates, or updates its status.',
  })
  setAccountCompetitor(@Args() { accountId, competitor }: SetCompetitorArgs): Promise<Competitor> {
    return this.service.setCompetitor(accountId, competitor);
  }

  @Mutation(() => Boolean)
  removeAccountCompetitor(@Args() { id }: IdArgs): Promise<boolean> {
    return this.service.removeCompetitor(id);
  }

  @ResolveField(() => MemberNode, { nullable: true })
  owner(@Parent() account: Account, @Loaders() registry: LoaderRegistry): Promise<Membership | null> | null {
    return account.ownerId ? this.identity.member(registry).load(account.ownerId) : null;
  }

  @ResolveField(() => Account, { nullable: true, description: 'The group this account belongs to.' })
  parent(@Parent() account: Account, @Loaders() registry: LoaderRegistry): Promise<Account | null> | null {
    return account.parentId ? this.loaders.account(registry).load(account.parentId) : null;
  }

  @ResolveField(() => [Account], { description: 'Accounts inside this one (studios of a media group).' })
  children(@Parent() account: Account, @Loaders() registry: LoaderRegistry): Promise<Account[]> {
    return this.loaders.children(registry).load(account.id);
  }

  @ResolveField(() => Stage)
  stage(@Parent() account: Account, @Loaders() registry: LoaderRegistry): Promise<Stage | null> {
    // the loader's own promise: every account has a stage of its workspace
    return this.loaders.stage(registry).load(account.stageId);
  }

  @ResolveField(() => [Position], { description: 'People who work or worked here.' })
  async positions(
    @Parent() account: Account,
    @Args() { current }: CurrentArgs,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Position[]> {
    const positions = await this.loaders.positionsAtAccount(registry).load(account.id);
    return current === undefined ? positions : positions.filter((position) => position.current === current);
  }

  @ResolveField(() => [Contact], { description: 'Contacts who currently work here.' })
  async contacts(@Parent() account: Account, @Loaders() registry: LoaderRegistry): Promise<Contact[]> {
    const positions = (await this.loaders.positionsAtAccount(registry).load(account.id)).filter(
      (position) => position.current,
    );
    const contacts = await this.loaders
      .contact(registry)
      .loadMany(positions.map((position) => position.contactId));
    return contacts.filter((contact): contact is Contact => contact instanceof Contact);
  }

  @ResolveField(() => [Interaction], { description: 'Latest interactions, newest first.' })
  interactions(
    @Parent() account: Account,
    @Args() { limit }: NestedListArgs,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Interaction[]> {
    return this.loaders.recentInteractions(registry, limit ?? 10).load(account.id);
  }

  @ResolveField(() => Interaction, { nullable: true })
  async lastInteraction(
    @Parent() account: Account,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Interaction | null> {
    return (await this.loaders.recentInteractions(registry, 1).load(account.id))[0] ?? null;
  }

  @ResolveField(() => [Task], { description: 'Open tasks, soonest due first.' })
  openTasks(@Parent() account: Account, @Loaders() registry: LoaderRegistry): Promise<Task[]> {
    return this.loaders.openTasks(registry).load(account.id);
  }

  @ResolveField(() => [StageTransition], { description: 'Every stage change, newest first.' })
  stageHistory(@Parent() account: Account, @Loaders() registry: LoaderRegistry): Promise<StageTransition[]> {
    return this.loaders.stageHistory(registry).load(account.id);
  }

  @ResolveField(() => [Competitor])
  competitors(@Parent() account: Account, @Loaders() registry: LoaderRegistry): Promise<Competitor[]> {
    return this.loaders.competitors(registry).load(account.id);
  }
}
