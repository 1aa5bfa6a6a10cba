import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MemberPrincipal } from '../context/principal';
import { IsEmailField, IsIdField } from '../graphql/validation';
import { MemberNode } from '../members/member.types';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords/password.service';
import { UserNode } from '../users/user.types';
import { WorkspaceNode } from '../workspaces/workspace.types';

@ObjectType({ description: 'A signed-in session: send the access token as `Authorization: Bearer <token>`.' })
export class AuthPayload {
  @Field({ description: 'Short-lived (15 minutes).' })
  accessToken: string;

  @Field({ description: 'Exchange with refreshSession for new tokens; each can be used once.' })
  refreshToken: string;

  @Field({ description: 'When the access token expires.' })
  expiresAt: Date;

  @Field(() => MemberNode)
  member: unknown;

  @Field(() => WorkspaceNode)
  workspace: unknown;
}

@ObjectType({ description: 'The signed-in member.' })
export class Me {
  /** Who asks; each field is loaded only when selected (MeResolver). */
  principal: MemberPrincipal;

  @Field(() => UserNode)
  user?: unknown;

  @Field(() => MemberNode, { description: 'The membership this session acts as.' })
  member?: unknown;

  @Field(() => WorkspaceNode, { description: 'The current workspace.' })
  workspace?: unknown;

  @Field(() => [WorkspaceNode], { description: 'Every workspace the user is an active member of.' })
  workspaces?: unknown[];
}

@ArgsType()
export class SignInArgs {
  @Field()
  @IsEmailField('email')
  email: string;

  @Field()
  @IsString({ message: 'password must be text' })
  @MaxLength(PASSWORD_MAX_LENGTH, {
    message: `password must be at most ${PASSWORD_MAX_LENGTH} characters long`,
  })
  password: string;

  @Field({ nullable: true, description: 'The workspace to sign in to; by default the first one joined.' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,48}$/, { message: 'workspaceSlug must be lower-case letters, digits and dashes' })
  workspaceSlug?: string;
}

@ArgsType()
export class RefreshTokenArgs {
  @Field()
  @IsString({ message: 'refreshToken must be text' })
  @MaxLength(200, { message: 'refreshToken must be at most 200 characters long' })
  refreshToken: string;
}

@ArgsType()
export class SwitchWorkspaceArgs {
  @Field(() => ID)
  @IsIdField('workspaceId')
  workspaceId: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field()
  @IsString({ message: 'currentPassword must be text' })
  @MaxLength(PASSWORD_MAX_LENGTH, {
    message: `currentPassword must be at most ${PASSWORD_MAX_LENGTH} characters long`,
  })
  currentPassword: string;

  @Field()
  @IsString({ message: 'newPassword must be text' })
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `newPassword must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  })
  @MaxLength(PASSWORD_MAX_LENGTH, {
    message: `newPassword must be at most ${PASSWORD_MAX_LENGTH} characters long`,
  })
  newPassword: string;
}
