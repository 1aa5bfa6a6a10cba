import { ConnectionArgs, ConnectionType } from '@greenlight/common';
import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '../entities';
import { IsEmailField, IsIdField, IsTextField } from '../graphql/validation';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords/password.service';
import { InvitationStatus } from './invitation-status';

@ObjectType('Invitation', { description: 'An offer to join the workspace, redeemed through its link.' })
export class InvitationNode {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field(() => Role)
  role: Role;

  @Field()
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  acceptedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field()
  createdAt: Date;
}

export const InvitationConnection = ConnectionType(InvitationNode, 'Invitation');

@ObjectType({ description: 'A new invitation with its link: shown once, copy it to the invitee.' })
export class IssuedInvitation {
  @Field(() => InvitationNode)
  invitation: unknown;

  @Field({ description: 'The secret the invitee redeems with acceptInvitation.' })
  token: string;

  @Field({ description: 'The page where the invitee accepts.' })
  link: string;
}

@ArgsType()
export class InviteMemberArgs {
  @Field()
  @IsEmailField('email')
  email: string;

  @Field(() => Role)
  @IsEnum(Role, { message: 'role must be a Role' })
  role: Role;
}

@ArgsType()
export class AcceptInvitationArgs {
  @Field()
  @IsString({ message: 'token must be text' })
  @MaxLength(200, { message: 'token must be at most 200 characters long' })
  token: string;

  @Field({ description: 'Your name (for a new account).' })
  @IsTextField('name')
  name: string;

  @Field({
    description: `A new password (${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters), or the existing account's.`,
  })
  @IsString({ message: 'password must be text' })
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  })
  @MaxLength(PASSWORD_MAX_LENGTH, {
    message: `password must be at most ${PASSWORD_MAX_LENGTH} characters long`,
  })
  password: string;
}

@ArgsType()
export class InvitationsArgs extends ConnectionArgs {
  @Field(() => InvitationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InvitationStatus, { message: 'status must be an InvitationStatus' })
  status?: InvitationStatus;
}

@ArgsType()
export class InvitationIdArgs {
  @Field(() => ID)
  @IsIdField('invitationId')
  invitationId: string;
}
