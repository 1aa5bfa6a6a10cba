import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { ApiKeys, IdentityLoaders, MemberNode, Membership, SignedIn } from '@greenlight/identity';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Account } from '../accounts/account.entity';
import { CrmLoaders } from '../crm.loaders';
import { ContactConnection, CurrentArgs, EndArgs, IdArgs } from '../crm.types';
import { Contact } from './contact.entity';
import {
  AddPositionInput,
  ContactsArgs,
  CreateContactInput,
  MoveContactInput,
  RepresentationInput,
  UpdateContactInput,
} from './contact.inputs';
import { ContactsService } from './contacts.service';
import { Position } from './position.entity';
import { Representation } from './representation.entity';

@SignedIn()
@ApiKeys('read')
@Resolver(() => Contact)
export class ContactResolver {
  constructor(
    private readonly service: ContactsService,
    private readonly loaders: CrmLoaders,
    private readonly identity: IdentityLoaders,
  ) {}

  @Query(() => Contact)
  contact(@Args() { id }: IdArgs): Promise<Contact> {
    return this.service.get(id);
  }

  @Query(() => ContactConnection, { description: 'Contacts, filtered and sorted.' })
  contacts(@Args() args: ContactsArgs, @Loaders() registry: LoaderRegistry): Promise<Connection<Contact>> {
    return this.service.list(args, registry);
  }

  @Mutation(() => Contact)
  createContact(@Args('input') input: CreateContactInput): Promise<Contact> {
    return this.service.create(input);
  }

  @Mutation(() => Contact)
  updateContact(@Args('input') input: UpdateContactInput): Promise<Contact> {
    return this.service.update(input);
  }

  @Mutation(() => Contact)
  archiveContact(@Args() { id }: IdArgs): Promise<Contact> {
    return this.service.setArchived(id, true);
  }

  @Mutation(() => Contact)
  restoreContact(@Args() { id }: IdArgs): Promise<Contact> {
    return this.service.setArchived(id, false);
  }

  @Mutation(() => Position, {
    description: 'The contact moved to another account: old positions close, a new one opens.',
  })
  moveContact(@Args('input') input: MoveContactInput): Promise<Position> {
    return this.service.move(input);
  }

  @Mutation(() => Position, { description: 'Records a past or present position.' })
  addPosition(@Args('input') input: AddPositionInput): Promise<Position> {
    return this.service.addPosition(input);
  }

  @Mutation(() => Position)
  endPosition(@Args() { id, endedOn }: EndArgs): Promise<Position> {
    return this.service.endPosition(id, endedOn);
  }

  @Mutation(() => Representation, { description: 'An agent starts representing a talent.' })
  representTalent(@Args('input') input: RepresentationInput): Promise<Representation> {
    return this.service.represent(input);
  }

  @Mutation(() => Representation)
  endRepresentation(@Args() { id, endedOn }: EndArgs): Promise<Representation> {
    return this.service.endRepresentation(id, endedOn);
  }

  @ResolveField(() => MemberNode, { nullable: true })
  owner(@Parent() contact: Contact, @Loaders() registry: LoaderRegistry): Promise<Membership | null> | null {
    return contact.ownerId ? this.identity.member(registry).load(contact.ownerId) : null;
  }

  @ResolveField(() => [Position], { description: 'Employment history, current first.' })
  async positions(
    @Parent() contact: Contact,
    @Args() { current }: CurrentArgs,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Position[]> {
    const positions = await this.loaders.positionsOfContact(registry).load(contact.id);
    return current === undefined ? positions : positions.filter((position) => position.current === current);
  }

  @ResolveField(() => Account, {
    nullable: true,
    description: 'Where the contact works now (the latest current position).',
  })
  async currentAccount(
    @Parent() contact: Contact,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Account | null> {
    const current = (await this.loaders.positionsOfContact(registry).load(contact.id)).find(
      (position) => position.current,
    );
    return current ? this.loaders.account(registry).load(current.accountId) : null;
  }

  @ResolveField(() => [Representation], { description: 'Agents representing this talent.' })
  representedBy(@Parent() contact: Contact, @Loaders() registry: LoaderRegistry): Promise<Representation[]> {
    return this.loaders.representedBy(registry).load(contact.id);
  }

  @ResolveField(() => [Representation], { description: 'Talent this agent represents.' })
  represents(@Parent() contact: Contact, @Loaders() registry: LoaderRegistry): Promise<Representation[]> {
    return this.loaders.represents(registry).load(contact.id);
  }
}

@Resolver(() => Position)
export class PositionResolver {
  constructor(private readonly loaders: CrmLoaders) {}

  @ResolveField(() => Account)
  async account(@Parent() position: Position, @Loaders() registry: LoaderRegistry): Promise<Account> {
    return (await this.loaders.account(registry).load(position.accountId))!;
  }

  @ResolveField(() => Contact)
  async contact(@Parent() position: Position, @Loaders() registry: LoaderRegistry): Promise<Contact> {
    return (await this.loaders.contact(registry).load(position.contactId))!;
  }
}

@Resolver(() => Representation)
export class RepresentationResolver {
  constructor(private readonly loaders: CrmLoaders) {}

  @ResolveField(() => Contact)
  async agent(
    @Parent() representation: Representation,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Contact> {
    return (await this.loaders.contact(registry).load(representation.agentId))!;
  }

  @ResolveField(() => Contact)
  async talent(
    @Parent() representation: Representation,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Contact> {
    return (await this.loaders.contact(registry).load(representation.talentId))!;
  }

  @ResolveField(() => Account, { nullable: true })
  agency(
    @Parent() representation: Representation,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Account | null> | null {
    return representation.agencyId ? this.loaders.account(registry).load(representation.agencyId) : null;
  }
}
