import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { ApiKeys, IdentityLoaders, MemberNode, Membership, SignedIn } from '@greenlight/identity';
import {
  Args,
  Field,
  Float,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Account } from '../accounts/account.entity';
import { Contact } from '../contacts/contact.entity';
import { CrmLoaders } from '../crm.loaders';
import { CampaignConnection, CampaignStatusCount, IdArgs } from '../crm.types';
import { Campaign, CampaignTarget } from './campaign.entity';
import {
  CampaignsArgs,
  CampaignTargetsInput,
  CreateCampaignInput,
  SetCampaignTargetStatusInput,
  UpdateCampaignInput,
} from './campaign.inputs';
import { CampaignsService } from './campaigns.service';

@ObjectType()
export class CampaignProgress {
  @Field(() => Int)
  total: number;

  @Field(() => [CampaignStatusCount])
  byStatus: CampaignStatusCount[];

  @Field(() => Float, { description: 'Share of targets met, 0 to 1.' })
  metRate: number;
}

@SignedIn()
@ApiKeys('read')
@Resolver(() => Campaign)
export class CampaignResolver {
  constructor(
    private readonly service: CampaignsService,
    private readonly loaders: CrmLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  @Query(() => Campaign)
  campaign(@Args() { id }: IdArgs): Promise<Campaign> {
    return this.service.get(id);
  }

  @Query(() => CampaignConnection, { description: 'Campaigns, latest start first.' })
  campaigns(@Args() args: CampaignsArgs): Promise<Connection<Campaign>> {
    return this.service.list(args);
  }

  @Mutation(() => Campaign)
  createCampaign(@Args('input') input: CreateCampaignInput): Promise<Campaign> {
    return this.service.create(input);
  }

  @Mutation(() => Campaign)
  updateCampaign(@Args('input') input: UpdateCampaignInput): Promise<Campaign> {
    return this.service.update(input);
  }

  @Mutation(() => Campaign)
  archiveCampaign(@Args() { id }: IdArgs): Promise<Campaign> {
    return this.service.setArchived(id, true);
  }

  @Mutation(() => Campaign)
  restoreCampaign(@Args() { id }: IdArgs): Promise<Campaign> {
    return this.service.setArchived(id, false);
  }

  @Mutation(() => [CampaignTarget], {
    description: 'Adds accounts and contacts to a campaign (existing ones are kept).',
  })
  addCampaignTargets(@Args('input') input: CampaignTargetsInput): Promise<CampaignTarget[]> {
    return this.service.addTargets(input);
  }

  @Mutation(() => CampaignTarget)
  setCampaignTargetStatus(@Args('input') input: SetCampaignTargetStatusInput): Promise<CampaignTarget> {
    return this.service.setTargetStatus(input);
  }

  @ResolveField(() => MemberNode, { nullable: true })
  owner(
    @Parent() campaign: Campaign,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Membership | null> | null {
    return campaign.ownerId ? this.identity.member(registry).load(campaign.ownerId) : null;
  }

  @ResolveField(() => [CampaignTarget])
  targets(@Parent() campaign: Campaign, @Loaders() registry: LoaderRegistry): Promise<CampaignTarget[]> {
    return this.loaders.campaignTargets(registry).load(campaign.id);
  }

  @ResolveField(() => CampaignProgress)
  async progress(
    @Parent() campaign: Campaign,
    @Loaders() registry: LoaderRegistry,
  ): Promise<CampaignProgress> {
    return this.service.progressOf(await this.loaders.campaignTargets(registry).load(campaign.id));
  }
}

@Resolver(() => CampaignTarget)
export class CampaignTargetResolver {
  constructor(private readonly loaders: CrmLoaders) {}

  @ResolveField(() => Account, { nullable: true })
  account(
    @Parent() target: CampaignTarget,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Account | null> | null {
    return target.accountId ? this.loaders.account(registry).load(target.accountId) : null;
  }

  @ResolveField(() => Contact, { nullable: true })
  contact(
    @Parent() target: CampaignTarget,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Contact | null> | null {
    return target.contactId ? this.loaders.contact(registry).load(target.contactId) : null;
  }
}
