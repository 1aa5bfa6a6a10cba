import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export enum CaptureSourceKind {
  CALENDAR = 'calendar',
  EMAIL = 'email',
}
registerEnumType(CaptureSourceKind, {
  name: 'CaptureSource',
  description: 'Where capture found an interaction.',
});

export enum SubscriptionState {
  PENDING = 'pending',
  OK = 'ok',
  FAILING = 'failing',
  REFUSED = 'refused',
}
registerEnumType(SubscriptionState, {
  name: 'CalendarSubscriptionStatus',
  valuesMap: {
    PENDING: { description: 'Not polled yet.' },
    OK: { description: 'The last poll worked (lastError may still say what it left out).' },
    FAILING: { description: 'The feed could not be reached; it is retried with backoff.' },
    REFUSED: { description: 'The feed answered but cannot be used (lastError says why).' },
  },
});

@ObjectType('CalendarSubscription', {
  description: "A member's calendar: a secret ICS address polled on a schedule, or an uploaded file.",
})
export class CalendarSubscriptionNode {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'False for an uploaded file.' })
  polled: boolean;

  @Field(() => String, { nullable: true, description: 'The address with its secret part hidden.' })
  address: string | null;

  @Field(() => SubscriptionState)
  status: SubscriptionState;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last poll failed, or what it left out, in words.',
  })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  lastPolledAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastSuccessAt: Date | null;

  @Field(() => Int, { description: 'Events the last import logged, updated or marked cancelled.' })
  eventsImported: number;

  @Field(() => Date, { nullable: true, description: 'None for an uploaded file or while paused.' })
  nextPollAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Set while polling is paused.' })
  pausedAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'How capture logged an interaction.' })
export class CaptureOrigin {
  @Field(() => CaptureSourceKind)
  source: CaptureSourceKind;

  @Field({ description: 'The event was cancelled or removed from the calendar; the interaction stays.' })
  cancelled: boolean;

  @Field(() => String, { nullable: true, description: "The description's or the message's first lines." })
  notes: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'E-mail: the Message-ID of the first message of its thread.',
  })
  threadKey: string | null;

  @Field(() => [CapturedAttachment])
  attachments: CapturedAttachment[];

  @Field(() => Date)
  updatedAt: Date;
}

@ObjectType()
class CapturedAttachment {
  @Field()
  name: string;

  @Field(() => Int, { description: 'Bytes.' })
  size: number;
}

@ObjectType()
export class CaptureSettings {
  @Field(() => String, {
    nullable: true,
    description:
      "The member's private BCC address: mail sent or copied to it is logged. None for a read-only member (EXECUTIVE).",
  })
  bccAddress: string | null;

  @Field({ description: 'Whether this server listens for mail itself (SMTP_PORT).' })
  smtpListening: boolean;
}

export enum SuggestionKindValue {
  CONTACT = 'contact',
  MESSAGE = 'message',
}
registerEnumType(SuggestionKindValue, {
  name: 'CaptureSuggestionKind',
  valuesMap: {
    CONTACT: { description: "An unknown address at a known account's domain." },
    MESSAGE: { description: 'A BCC message that matched no contact or account.' },
  },
});

@ObjectType()
class CapturedMessage {
  @Field()
  messageId: string;

  @Field()
  subject: string;

  @Field()
  from: string;

  @Field(() => [String])
  participants: string[];

  @Field()
  sentAt: Date;

  @Field()
  excerpt: string;

  @Field(() => [CapturedAttachment])
  attachments: CapturedAttachment[];
}

@ObjectType('CaptureSuggestion', { description: 'An entry of the capture review queue.' })
export class CaptureSuggestionNode {
  @Field(() => ID)
  id: string;

  @Field(() => SuggestionKindValue)
  kind: SuggestionKindValue;

  @Field({ description: 'The suggested address, or the message subject.' })
  label: string;

  @Field(() => String, { nullable: true, description: 'The suggested address (contact suggestions).' })
  email: string | null;

  @Field(() => ID, { nullable: true, description: 'The account whose domain the address is at.' })
  accountId: string | null;

  @Field(() => CapturedMessage, { nullable: true })
  message: CapturedMessage | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class CaptureDecision {
  @Field(() => ID)
  id: string;

  @Field()
  status: string;

  @Field(() => ID, { nullable: true })
  contactId: string | null;

  @Field(() => ID, { nullable: true })
  interactionId: string | null;
}

@InputType()
export class ConnectCalendarInput {
  @Field()
  @IsString()
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name: string;

  @Field({ description: 'The secret iCal address (https://, http:// or webcal://).' })
  @IsString()
  @MaxLength(2000, { message: 'url must be at most 2000 characters' })
  url: string;
}

@InputType()
export class UploadCalendarInput {
  @Field()
  @IsString()
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name: string;

  @Field({ description: 'The content of the .ics file.' })
  @IsString()
  ics: string;
}

@ArgsType()
export class SubscriptionIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a calendar subscription id' })
  id: string;
}

@ArgsType()
export class SuggestionIdsArgs {
  @Field(() => [ID])
  @ArrayMaxSize(100, { message: 'ids must list at most 100 suggestions' })
  @IsUUID('all', { each: true, message: 'ids must be suggestion ids' })
  ids: string[];
}

@ArgsType()
export class ReviewQueueArgs {
  @Field(() => Int, { nullable: true, defaultValue: 100 })
  @IsOptional()
  @IsInt({ message: 'limit must be a whole number between 1 and 500' })
  @Min(1, { message: 'limit must be a whole number between 1 and 500' })
  @Max(500, { message: 'limit must be a whole number between 1 and 500' })
  limit?: number;
}

@ObjectType('CaptureExclusion', { description: 'A calendar event or series capture leaves alone.' })
export class CaptureExclusionNode {
  @Field(() => ID)
  id: string;

  @Field({ description: "The event's title when it was excluded." })
  label: string;

  @Field({ description: 'Every occurrence of the series, not only one.' })
  wholeSeries: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The excluded occurrence (its original start, or day when all-day); none for a series.',
  })
  occurrence: string | null;

  @Field()
  createdAt: Date;
}

@ArgsType()
export class ExclusionIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a capture exclusion id' })
  id: string;
}

@ArgsType()
export class ExcludeEventArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'interactionId must be an interaction id' })
  interactionId: string;

  @Field({ defaultValue: false, description: 'Every occurrence of the series, not only this one.' })
  @IsBoolean()
  wholeSeries: boolean;
}
