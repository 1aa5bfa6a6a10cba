import { ConnectionType, IsDay } from '@greenlight/common';
import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Account } from './accounts/account.entity';
import { Campaign } from './campaigns/campaign.entity';
import { Contact } from './contacts/contact.entity';
import { Interaction } from './interactions/interaction.entity';
import { Task } from './tasks/task.entity';

export const AccountConnection = ConnectionType(Account);
export const ContactConnection = ConnectionType(Contact);
export const InteractionConnection = ConnectionType(Interaction);
export const TaskConnection = ConnectionType(Task);
export const CampaignConnection = ConnectionType(Campaign);

@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id: string;
}

@ArgsType()
export class EndArgs extends IdArgs {
  @Field(() => String, { nullable: true, description: 'ISO date; today when omitted.' })
  @IsDay({ optional: true })
  endedOn?: string;
}

/** Page size of a nested list. */
@ArgsType()
export class NestedListArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10 })
  @IsOptional()
  @Min(1, { message: 'limit must be at least 1' })
  @Max(100, { message: 'limit must be at most 100' })
  limit?: number;
}

@ArgsType()
export class CurrentArgs {
  @Field({ nullable: true, description: 'true: current only; false: former only; omitted: both.' })
  @IsOptional()
  @IsBoolean()
  current?: boolean;
}

@ObjectType()
export class LogInteractionPayload {
  @Field(() => Interaction)
  interaction: Interaction;

  @Field(() => [Task], { description: 'Follow-up tasks created with it.' })
  tasks: Task[];
}

@ObjectType()
export class CampaignStatusCount {
  @Field()
  status: string;

  @Field(() => Int)
  count: number;
}
