import { ConnectionArgs, ConnectionType } from '@greenlight/common';
import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { WebhookDelivery } from '../delivery/webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookDeliveryStatus, WebhookEventType, WebhookFormat } from './webhook-event-type';

export const URL_MAX_LENGTH = 2000;
export const DESCRIPTION_MAX_LENGTH = 500;

@InputType()
export class CreateWebhookEndpointInput {
  @Field({ description: 'http(s) address the events are POSTed to.' })
  @IsString({ message: 'url must be text' })
  @MaxLength(URL_MAX_LENGTH, { message: `url must be at most ${URL_MAX_LENGTH} characters` })
  url: string;

  @Field(() => [WebhookEventType])
  @ArrayMinSize(1, { message: 'eventTypes must name at least one event type' })
  @ArrayMaxSize(20, { message: 'eventTypes must name at most 20 event types' })
  @IsEnum(WebhookEventType, { each: true, message: 'eventTypes must be webhook event types' })
  eventTypes: WebhookEventType[];

  @Field(() => WebhookFormat, {
    nullable: true,
    description: 'STANDARD unless given; SLACK for alert events only.',
  })
  @IsOptional()
  @IsEnum(WebhookFormat, { message: 'format must be STANDARD or SLACK' })
  format?: WebhookFormat;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString({ message: 'description must be text' })
  @MaxLength(DESCRIPTION_MAX_LENGTH, {
    message: `description must be at most ${DESCRIPTION_MAX_LENGTH} characters`,
  })
  description?: string | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a webhook endpoint id' })
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString({ message: 'url must be text' })
  @MaxLength(URL_MAX_LENGTH, { message: `url must be at most ${URL_MAX_LENGTH} characters` })
  url?: string;

  @Field(() => [WebhookEventType], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1, { message: 'eventTypes must name at least one event type' })
  @ArrayMaxSize(20, { message: 'eventTypes must name at most 20 event types' })
  @IsEnum(WebhookEventType, { each: true, message: 'eventTypes must be webhook event types' })
  eventTypes?: WebhookEventType[];

  @Field(() => WebhookFormat, { nullable: true })
  @IsOptional()
  @IsEnum(WebhookFormat, { message: 'format must be STANDARD or SLACK' })
  format?: WebhookFormat;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString({ message: 'description must be text' })
  @MaxLength(DESCRIPTION_MAX_LENGTH, {
    message: `description must be at most ${DESCRIPTION_MAX_LENGTH} characters`,
  })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false stops deliveries; true resumes them.' })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

@ArgsType()
export class WebhookEndpointIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a webhook endpoint id' })
  id: string;
}

@ArgsType()
export class WebhookDeliveryIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a webhook delivery id' })
  id: string;
}

@ArgsType()
export class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'endpointId must be a webhook endpoint id' })
  endpointId: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true })
  @IsOptional()
  @IsEnum(WebhookDeliveryStatus, { message: 'status must be PENDING, DELIVERED or FAILED' })
  status?: WebhookDeliveryStatus;
}

@ObjectType({ description: 'An endpoint with its signing secret, which is shown in this answer only.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint: WebhookEndpoint;

  @Field({ description: 'The `whsec_…` secret to verify signatures with (Standard Webhooks).' })
  secret: string;
}

export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery);
