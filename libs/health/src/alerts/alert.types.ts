import { ConnectionArgs, ConnectionType } from '@greenlight/common';
import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Alert } from './alert.entity';
import { AlertKind, AlertStatus } from './alert.enums';

export const AlertConnection = ConnectionType(Alert);

@ArgsType()
export class AlertsArgs extends ConnectionArgs {
  @Field(() => AlertStatus, {
    nullable: true,
    description: 'Only alerts with this status; when omitted, the unresolved ones (OPEN and ACKNOWLEDGED).',
  })
  @IsOptional()
  @IsEnum(AlertStatus, { message: 'status must be OPEN, ACKNOWLEDGED or RESOLVED' })
  status?: AlertStatus;

  @Field(() => AlertKind, { nullable: true })
  @IsOptional()
  @IsEnum(AlertKind, { message: 'kind must be an alert kind' })
  kind?: AlertKind;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId?: string;

  @Field(() => ID, { nullable: true, description: 'Only alerts on accounts this member owns.' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a member id' })
  ownerId?: string;
}

const NOTE_MAX_LENGTH = 2000;

@ArgsType()
export class AcknowledgeAlertArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an alert id' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Why, or what is being done about it.' })
  @IsOptional()
  @IsString({ message: 'note must be text' })
  @MaxLength(NOTE_MAX_LENGTH, { message: `note must be at most ${NOTE_MAX_LENGTH} characters` })
  note?: string | null;
}

@ObjectType({ description: 'What one evaluation of the alert rules did in the workspace.' })
export class AlertEvaluation {
  @Field(() => Int)
  accountsEvaluated: number;

  @Field(() => Int, { description: 'Alerts raised by this evaluation.' })
  raised: number;

  @Field(() => Int, { description: 'Alerts resolved because their condition cleared.' })
  resolved: number;

  @Field(() => Int, { description: 'Alerts OPEN or ACKNOWLEDGED afterwards.' })
  unresolved: number;

  @Field()
  evaluatedAt: Date;
}
