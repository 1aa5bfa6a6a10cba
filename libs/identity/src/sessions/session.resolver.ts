import { holding, LoaderRegistry, Loaders } from '@greenlight/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentMember } from '../auth/current-member.decorator';
import { AllowReadOnlyRoles, Public, SignedIn } from '../auth/decorators';
import { MemberPrincipal } from '../context/principal';
import { Membership, User, Workspace } from '../entities';
import { IdentityLoaders } from '../loaders/identity.loaders';
import { MemberNode } from '../members/member.types';
import { UserNode } from '../users/user.types';
import { WorkspaceNode } from '../workspaces/workspace.types';
import { LimitFailedAttempts } from '../throttling/failed-attempts';
import { UserAccountService } from './user-account.service';
import { Session, SessionService } from './session.service';
import {
  AuthPayload,
  ChangePasswordArgs,
  Me,
  RefreshTokenArgs,
  SignInArgs,
  SwitchWorkspaceArgs,
} from './session.types';

export function toAuthPayload(session: Session): AuthPayload {
  return { ...session, member: session.membership, workspace: session.membership.workspace };
}

@SignedIn()
@Resolver()
export class SessionResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly userAccounts: UserAccountService,
  ) {}

  @Public()
  @LimitFailedAttempts('email', 'ip')
  @Mutation(() => AuthPayload, { description: 'Signs in with email and password.' })
  async signIn(@Args() { email, password, workspaceSlug }: SignInArgs): Promise<AuthPayload> {
    return toAuthPayload(await this.sessions.signIn(email, password, workspaceSlug));
  }

  @Public()
  @LimitFailedAttempts('ip')
  @Mutation(() => AuthPayload, { description: 'New tokens for a refresh token, which stops working.' })
  async refreshSession(@Args() { refreshToken }: RefreshTokenArgs): Promise<AuthPayload> {
    return toAuthPayload(await this.sessions.refresh(refreshToken));
  }

  @AllowReadOnlyRoles()
  @Mutation(() => Boolean, { description: 'Ends the session of this refresh token.' })
  signOut(
    @Args() { refreshToken }: RefreshTokenArgs,
    @CurrentMember() member: MemberPrincipal,
  ): Promise<boolean> {
    return this.sessions.signOut(refreshToken, member);
  }

  @AllowReadOnlyRoles()
  @Mutation(() => AuthPayload, { description: 'New tokens for another workspace you are a member of.' })
  async switchWorkspace(
    @Args() { workspaceId }: SwitchWorkspaceArgs,
    @CurrentMember() member: MemberPrincipal,
  ): Promise<AuthPayload> {
    return toAuthPayload(await this.sessions.switchWorkspace(member, workspaceId));
  }

  @AllowReadOnlyRoles()
  @LimitFailedAttempts('user', 'ip')
  @Mutation(() => Boolean, { description: 'Changes your password; your other sessions end.' })
  changePassword(
    @Args() { currentPassword, newPassword }: ChangePasswordArgs,
    @CurrentMember() member: MemberPrincipal,
  ): Promise<boolean> {
    return this.userAccounts.changePassword(member, currentPassword, newPassword);
  }

  @Query(() => Me, { description: 'Who is signed in, in which workspace.' })
  me(@CurrentMember() member: MemberPrincipal): Me {
    // the user read with the session answers `user` without its field resolver
    return member.user
      ? holding<Me>({ principal: member }, { user: { id: member.userId, ...member.user } })
      : { principal: member };
  }
}

/** The parts of `me`, each read only when asked for (the membership was checked when signing in). */
@Resolver(() => Me)
export class MeResolver {
  constructor(
    private readonly userAccounts: UserAccountService,
    private readonly loaders: IdentityLoaders,
  ) {}

  /** When the session did not bring the user (`me` holds it otherwise). */
  @ResolveField(() => UserNode)
  async user(@Parent() { principal }: Me, @Loaders() registry: LoaderRegistry): Promise<UserNode> {
    return (await this.loaders.user(registry).load(principal.userId)) as User;
  }

  @ResolveField(() => MemberNode)
  async member(@Parent() { principal }: Me, @Loaders() registry: LoaderRegistry): Promise<Membership> {
    return (await this.loaders.member(registry).load(principal.membershipId)) as Membership;
  }

  @ResolveField(() => WorkspaceNode)
  async workspace(@Parent() { principal }: Me, @Loaders() registry: LoaderRegistry): Promise<Workspace> {
    return (await this.loaders.workspace(registry).load(principal.workspaceId)) as Workspace;
  }

  @ResolveField(() => [WorkspaceNode])
  workspaces(@Parent() { principal }: Me): Promise<Workspace[]> {
    return this.userAccounts.workspacesOf(principal.userId);
  }
}
