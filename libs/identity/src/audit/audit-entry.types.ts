import { ConnectionArgs, ConnectionType, JSONObjectScalar } from '@greenlight/common';
import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ActorType } from '../entities';
import { IsIdField } from '../graphql/validation';

@ObjectType('AuditEntry', { description: 'Who changed what, when, before and after.' })
export class AuditEntryNode {
  @Field(() => ID)
  id: string;

  @Field(() => ActorType)
  actorType: ActorType;

  @Field(() => ID, { nullable: true, description: 'The member or API key that acted; null for the system.' })
  actorId: string | null;

  @Field({ description: 'Kind of thing changed, e.g. `member`.' })
  entity: string;

  @Field(() => ID)
  entityId: string;

  @Field()
  action: string;

  @Field(() => JSONObjectScalar, { nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => JSONObjectScalar, { nullable: true })
  after: Record<string, unknown> | null;

  @Field()
  at: Date;

  @Field(() => String, { nullable: true })
  requestId: string | null;
}

export const AuditEntryConnection = ConnectionType(AuditEntryNode, 'AuditEntry');

@ArgsType()
export class AuditEntriesArgs extends ConnectionArgs {
  @Field({ nullable: true })
  @IsOptional()
  @IsString({ message: 'entity must be text' })
  @MaxLength(100, { message: 'entity must be at most 100 characters long' })
  @Matches(/^[a-z_]+$/, { message: 'entity must be lower-case letters and underscores' })
  entity?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsIdField('entityId')
  entityId?: string;

  @Field(() => ID, { nullable: true, description: 'Only what this member or API key did.' })
  @IsOptional()
  @IsIdField('actorId')
  actorId?: string;

  @Field({ nullable: true, description: 'Only entries at or after this instant.' })
  @IsOptional()
  @IsDate({ message: 'since must be a date-time' })
  since?: Date;

  @Field({ nullable: true, description: 'Only entries before this instant.' })
  @IsOptional()
  @IsDate({ message: 'until must be a date-time' })
  until?: Date;
}
