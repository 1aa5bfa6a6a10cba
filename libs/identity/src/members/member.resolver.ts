import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeys, Roles, SignedIn } from '../auth/decorators';
import { Membership, Role, User } from '../entities';
import { IdentityLoaders } from '../loaders/identity.loaders';
import { UserNode } from '../users/user.types';
import { MemberService } from './member.service';
import {
  ChangeMemberRoleArgs,
  MemberArgs,
  MemberConnection,
  MemberIdArgs,
  MemberNode,
  MembersArgs,
} from './member.types';

@SignedIn()
@ApiKeys('read')
@Resolver(() => MemberNode)
export class MemberResolver {
  constructor(
    private readonly members: MemberService,
    private readonly loaders: IdentityLoaders,
  ) {}

  @Query(() => MemberConnection, {
    name: 'members',
    description: 'Members of the current workspace, oldest first.',
  })
  listMembers(@Args() { role, status, search, ...page }: MembersArgs): Promise<Connection<Membership>> {
    return this.members.list({ role, status, search }, page);
  }

  @Query(() => MemberNode, { description: 'One member of the current workspace.' })
  member(@Args() { id }: MemberArgs): Promise<Membership> {
    return this.members.get(id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => MemberNode, {
    description: 'Gives a member another role (the last active admin keeps theirs).',
  })
  changeMemberRole(@Args() { memberId, role }: ChangeMemberRoleArgs): Promise<Membership> {
    return this.members.changeRole(memberId, role);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => MemberNode, { description: "Removes a member's access at once; their sessions end." })
  deactivateMember(@Args() { memberId }: MemberIdArgs): Promise<Membership> {
    return this.members.deactivate(memberId);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => MemberNode, { description: 'Gives a deactivated member their access back.' })
  reactivateMember(@Args() { memberId }: MemberIdArgs): Promise<Membership> {
    return this.members.reactivate(memberId);
  }

  @ResolveField(() => UserNode)
  async user(@Parent() member: Membership, @Loaders() registry: LoaderRegistry): Promise<User> {
    return member.user ?? ((await this.loaders.user(registry).load(member.userId)) as User);
  }
}
