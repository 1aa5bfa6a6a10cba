import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { Account, Contact, CrmLoaders } from '@greenlight/crm';
import { ApiKeys, IdentityLoaders, MemberNode, Membership, SignedIn } from '@greenlight/identity';
import { Pilot, PilotsLoaders } from '@greenlight/pilots';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GrantStatus } from '../enums';
import { GrantsLoaders } from '../grants.loaders';
import { BetaAccessStatistics } from '../statistics/beta-access-statistics';
import { GrantUsageFigures, GrantUsageReader } from '../usage/grant-usage';
import { AccessGrant } from './access-grant.entity';
import { AccessGrantChange } from './grant-change.entity';
import { GRANT_TRANSITIONS } from './grant-status-machine';
import {
  ChangeGrantStatusInput,
  CreateGrantInput,
  ExtendGrantInput,
  GrantIdArgs,
  GrantsArgs,
} from './grant.inputs';
import { AccessGrantConnection, BetaAccessSummary, GrantUsage } from './grant.types';
import { GrantsService } from './grants.service';

@SignedIn()
@ApiKeys('read')
@Resolver(() => AccessGrant)
export class GrantResolver {
  constructor(
    private readonly service: GrantsService,
    private readonly loaders: GrantsLoaders,
    private readonly usageReader: GrantUsageReader,
    private readonly statistics: BetaAccessStatistics,
    private readonly crm: CrmLoaders,
    private readonly pilots: PilotsLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  @Query(() => AccessGrant, { description: 'One access grant of the workspace.' })
  grant(@Args() { id }: GrantIdArgs): Promise<AccessGrant> {
    return this.service.get(id);
  }

  @Query(() => AccessGrantConnection, { description: 'Access grants, filtered; newest first unless sortBy says otherwise.' })
  grants(@Args() args: GrantsArgs): Promise<Connection<AccessGrant>> {
    return this.service.list(args);
  }

  @Query(() => BetaAccessSummary, {
    description: 'ACTIVE grants: granted, activated, dormant, credits used, by account kind.',
  })
  betaAccessSummary(): Promise<BetaAccessSummary> {
    return this.statistics.summary();
  }

  @Mutation(() => AccessGrant, {
    description: 'Gives an account or a contact access (OFFERED unless status says ACTIVE).',
  })
  createGrant(@Args('input') input: CreateGrantInput): Promise<AccessGrant> {
    return this.service.create(input);
  }

  @Mutation(() => AccessGrant, {
    description: 'Moves the expiry and/or the credit limit; an EXPIRED grant extended becomes ACTIVE.',
  })
  extendGrant(@Args('input') input: ExtendGrantInput): Promise<AccessGrant> {
    return this.service.extend(input);
  }

  @Mutation(() => AccessGrant, {
    description: 'Activates, pauses, resumes or revokes a grant, with a reason.',
  })
  changeGrantStatus(@Args('input') input: ChangeGrantStatusInput): Promise<AccessGrant> {
    return this.service.changeStatus(input);
  }

  @ResolveField(() => Account, { nullable: true })
  account(@Parent() grant: AccessGrant, @Loaders() registry: LoaderRegistry): Promise<Account | null> | null {
    return grant.accountId ? this.crm.account(registry).load(grant.accountId) : null;
  }

  @ResolveField(() => Contact, { nullable: true })
  contact(@Parent() grant: AccessGrant, @Loaders() registry: LoaderRegistry): Promise<Contact | null> | null {
    return grant.contactId ? this.crm.contact(registry).load(grant.contactId) : null;
  }

  @ResolveField(() => Pilot, { nullable: true })
  pilot(@Parent() grant: AccessGrant, @Loaders() registry: LoaderRegistry): Promise<Pilot | null> | null {
    return grant.pilotId ? this.pilots.pilot(registry).load(grant.pilotId) : null;
  }

  @ResolveField(() => MemberNode, { nullable: true, description: 'The member who approved it.' })
  approvedBy(
    @Parent() grant: AccessGrant,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Membership | null> | null {
    return grant.approvedById ? this.identity.member(registry).load(grant.approvedById) : null;
  }

  @ResolveField(() => [AccessGrantChange], {
    description: 'Creation, status changes and extensions, newest first.',
  })
  history(@Parent() grant: AccessGrant, @Loaders() registry: LoaderRegistry): Promise<AccessGrantChange[]> {
    return this.loaders.history(registry).load(grant.id);
  }

  @ResolveField(() => [GrantStatus], { description: 'Statuses a member may move the grant to next.' })
  allowedNextStatuses(@Parent() grant: AccessGrant): readonly GrantStatus[] {
    return GRANT_TRANSITIONS[grant.status];
  }

  @ResolveField(() => GrantUsage)
  usage(@Parent() grant: AccessGrant, @Loaders() registry: LoaderRegistry): Promise<GrantUsageFigures> {
    return this.usageReader.loader(registry).load(grant);
  }
}

@Resolver(() => AccessGrantChange)
export class AccessGrantChangeResolver {
  constructor(private readonly identity: IdentityLoaders) {}

  @ResolveField(() => MemberNode, { nullable: true, description: 'Who made it; null for the scheduler.' })
  by(
    @Parent() change: AccessGrantChange,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Membership | null> | null {
    return change.byMemberId ? this.identity.member(registry).load(change.byMemberId) : null;
  }
}

@Resolver(() => Account)
export class AccountGrantsResolver {
  constructor(private readonly loaders: GrantsLoaders) {}

  @ResolveField(() => [AccessGrant], { description: 'Access grants of this account, newest first.' })
  grants(@Parent() account: Account, @Loaders() registry: LoaderRegistry): Promise<AccessGrant[]> {
    return this.loaders.ofSubject(registry, 'accountId').load(account.id);
  }
}

@Resolver(() => Contact)
export class ContactGrantsResolver {
  constructor(private readonly loaders: GrantsLoaders) {}

  @ResolveField(() => [AccessGrant], { description: "This person's own access grants, newest first." })
  grants(@Parent() contact: Contact, @Loaders() registry: LoaderRegistry): Promise<AccessGrant[]> {
    return this.loaders.ofSubject(registry, 'contactId').load(contact.id);
  }
}
