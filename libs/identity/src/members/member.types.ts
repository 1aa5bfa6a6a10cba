import { ConnectionArgs, ConnectionType } from '@greenlight/common';
import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { MemberStatus, Role } from '../entities';
import { IsIdField } from '../graphql/validation';

@ObjectType('Member', { description: 'A user in the workspace, with a role.' })
export class MemberNode {
  @Field(() => ID)
  id: string;

  @Field(() => Role)
  role: Role;

  @Field(() => MemberStatus)
  status: MemberStatus;

  @Field({ description: 'When the member joined.' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  deactivatedAt: Date | null;
}

export const MemberConnection = ConnectionType(MemberNode, 'Member');

@ArgsType()
export class MembersArgs extends ConnectionArgs {
  @Field(() => Role, { nullable: true })
  @IsOptional()
  @IsEnum(Role, { message: 'role must be a Role' })
  role?: Role;

  @Field(() => MemberStatus, { nullable: true })
  @IsOptional()
  @IsEnum(MemberStatus, { message: 'status must be a MemberStatus' })
  status?: MemberStatus;

  @Field({ nullable: true, description: 'Part of the name or email.' })
  @IsOptional()
  @IsString({ message: 'search must be text' })
  @MaxLength(200, { message: 'search must be at most 200 characters long' })
  search?: string;
}

@ArgsType()
export class MemberIdArgs {
  @Field(() => ID)
  @IsIdField('memberId')
  memberId: string;
}

@ArgsType()
export class ChangeMemberRoleArgs extends MemberIdArgs {
  @Field(() => Role)
  @IsEnum(Role, { message: 'role must be a Role' })
  role: Role;
}

@ArgsType()
export class MemberArgs {
  @Field(() => ID)
  @IsIdField('id')
  id: string;
}
