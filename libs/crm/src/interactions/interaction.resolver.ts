import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { ApiKeys, IdentityLoaders, MemberNode, Membership, SignedIn } from '@greenlight/identity';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Account } from '../accounts/account.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { Contact } from '../contacts/contact.entity';
import { CrmLoaders } from '../crm.loaders';
import { IdArgs, InteractionConnection, LogInteractionPayload } from '../crm.types';
import { Task } from '../tasks/task.entity';
import { Interaction } from './interaction.entity';
import { InteractionsArgs, LogInteractionInput } from './interaction.inputs';
import { InteractionsService, LoggedInteraction } from './interactions.service';

const present = <T>(rows: (T | null | Error)[]): T[] =>
  rows.filter((row): row is T => row !== null && !(row instanceof Error));

@SignedIn()
@ApiKeys('read')
@Resolver(() => Interaction)
export class InteractionResolver {
  constructor(
    private readonly service: InteractionsService,
    private readonly loaders: CrmLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  @Query(() => Interaction)
  interaction(@Args() { id }: IdArgs): Promise<Interaction> {
    return this.service.get(id);
  }

  @Query(() => InteractionConnection, { description: 'Interactions, filtered; newest first unless sortBy says otherwise.' })
  interactions(@Args() args: InteractionsArgs): Promise<Connection<Interaction>> {
    return this.service.list(args);
  }

  @Mutation(() => LogInteractionPayload, {
    description: 'Logs a meeting, call, demo… with its attendees and follow-up tasks.',
  })
  logInteraction(@Args('input') input: LogInteractionInput): Promise<LoggedInteraction> {
    return this.service.log(input);
  }

  @ResolveField(() => [Account])
  async accounts(
    @Parent() interaction: Interaction,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Account[]> {
    const links = await this.loaders.interactionAccounts(registry).load(interaction.id);
    return present(await this.loaders.account(registry).loadMany(links.map((link) => link.accountId)));
  }

  @ResolveField(() => [Contact], { description: 'Contacts who attended.' })
  async contacts(
    @Parent() interaction: Interaction,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Contact[]> {
    const links = await this.loaders.interactionContacts(registry).load(interaction.id);
    return present(await this.loaders.contact(registry).loadMany(links.map((link) => link.contactId)));
  }

  @ResolveField(() => [MemberNode], { description: 'Members who attended.' })
  async attendees(
    @Parent() interaction: Interaction,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Membership[]> {
    const links = await this.loaders.interactionMembers(registry).load(interaction.id);
    return present(await this.identity.member(registry).loadMany(links.map((link) => link.memberId)));
  }

  @ResolveField(() => MemberNode, { nullable: true })
  loggedBy(
    @Parent() interaction: Interaction,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Membership | null> | null {
    return interaction.loggedById ? this.identity.member(registry).load(interaction.loggedById) : null;
  }

  @ResolveField(() => Campaign, { nullable: true })
  campaign(
    @Parent() interaction: Interaction,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Campaign | null> | null {
    return interaction.campaignId ? this.loaders.campaign(registry).load(interaction.campaignId) : null;
  }

  @ResolveField(() => [Task], { description: 'Follow-ups born from this interaction.' })
  tasks(@Parent() interaction: Interaction, @Loaders() registry: LoaderRegistry): Promise<Task[]> {
    return this.loaders.tasksOfInteraction(registry).load(interaction.id);
  }
}
