import { Connection, LoaderRegistry, Loaders } from '@greenlight/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '../auth/decorators';
import { Invitation, Membership, Role } from '../entities';
import { IdentityLoaders } from '../loaders/identity.loaders';
import { MemberNode } from '../members/member.types';
import { AuthPayload } from '../sessions/session.types';
import { toAuthPayload } from '../sessions/session.resolver';
import { LimitFailedAttempts } from '../throttling/failed-attempts';
import { InvitationStatus, invitationStatus } from './invitation-status';
import { InvitationService } from './invitation.service';
import {
  AcceptInvitationArgs,
  InvitationConnection,
  InvitationIdArgs,
  InvitationNode,
  InvitationsArgs,
  InviteMemberArgs,
  IssuedInvitation,
} from './invitation.types';

@Resolver(() => InvitationNode)
export class InvitationResolver {
  constructor(
    private readonly invitations: InvitationService,
    private readonly loaders: IdentityLoaders,
  ) {}

  @Roles(Role.ADMIN)
  @Mutation(() => IssuedInvitation, {
    description: 'Invites someone by email; returns the link to send them (once).',
  })
  inviteMember(@Args() { email, role }: InviteMemberArgs): Promise<IssuedInvitation> {
    return this.invitations.invite(email, role);
  }

  @Public()
  @LimitFailedAttempts('ip')
  @Mutation(() => AuthPayload, { description: 'Joins the workspace of an invitation and signs in.' })
  async acceptInvitation(@Args() { token, name, password }: AcceptInvitationArgs): Promise<AuthPayload> {
    return toAuthPayload(await this.invitations.accept(token, name, password));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => InvitationNode, { description: 'Withdraws a pending invitation; its link stops working.' })
  revokeInvitation(@Args() { invitationId }: InvitationIdArgs): Promise<Invitation> {
    return this.invitations.revoke(invitationId);
  }

  @Roles(Role.ADMIN)
  @Query(() => InvitationConnection, {
    name: 'invitations',
    description: 'Invitations of the current workspace, newest first.',
  })
  listInvitations(@Args() { status, ...page }: InvitationsArgs): Promise<Connection<Invitation>> {
    return this.invitations.list(status, page);
  }

  @ResolveField(() => InvitationStatus)
  status(@Parent() invitation: Invitation): InvitationStatus {
    return invitationStatus(invitation);
  }

  @ResolveField(() => MemberNode, { nullable: true })
  invitedBy(
    @Parent() invitation: Invitation,
    @Loaders() registry: LoaderRegistry,
  ): Promise<Membership | null> | null {
    return invitation.invitedById ? this.loaders.member(registry).load(invitation.invitedById) : null;
  }
}
