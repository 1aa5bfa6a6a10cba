import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentMember } from '../auth/current-member.decorator';
import { AllowReadOnlyRoles, Public, SignedIn } from '../auth/decorators';
import { MemberPrincipal } from '../context/principal';
import { LimitFailedAttempts } from '../throttling/failed-attempts';
import { AccountService } from './account.service';
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
    private readonly accounts: AccountService,
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
    return this.accounts.changePassword(member, currentPassword, newPassword);
  }

  @Query(() => Me, { description: 'Who is signed in, in which workspace.' })
  async me(@CurrentMember() member: MemberPrincipal): Promise<Me> {
    const me = await this.accounts.me(member);
    return { user: me.user, member: me.membership, workspace: me.workspace, workspaces: me.workspaces };
  }
}
