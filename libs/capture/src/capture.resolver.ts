import { LoaderRegistry, Loaders, oneByKey } from '@greenlight/common';
import { AppConfig } from '@greenlight/config';
import { Interaction } from '@greenlight/crm';
import { ApiKeys, SignedIn, TenantContext } from '@greenlight/identity';
import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource, In } from 'typeorm';
import { CalendarService } from './calendar/calendar.service';
import {
  CalendarSubscriptionNode,
  CaptureDecision,
  CaptureExclusionNode,
  CaptureOrigin,
  CaptureSettings,
  CaptureSourceKind,
  CaptureSuggestionNode,
  ConnectCalendarInput,
  ExcludeEventArgs,
  ExclusionIdArgs,
  ReviewQueueArgs,
  SubscriptionIdArgs,
  SubscriptionState,
  SuggestionIdsArgs,
  SuggestionKindValue,
  UploadCalendarInput,
} from './capture.types';
import { CalendarSubscription, CapturedItem, CaptureExclusion, CaptureSuggestion } from './entities';
import { MailCaptureService } from './mail/mail-capture.service';
import { ReviewQueueService } from './review/review-queue.service';

/** Calendar subscriptions and the BCC address of the signed-in member; the workspace's review queue. */
@SignedIn()
@Resolver()
export class CaptureResolver {
  constructor(
    private readonly calendars: CalendarService,
    private readonly mail: MailCaptureService,
    private readonly review: ReviewQueueService,
    private readonly config: AppConfig,
  ) {}

  @Query(() => [CalendarSubscriptionNode], { description: "The signed-in member's calendar subscriptions." })
  async calendarSubscriptions(): Promise<CalendarSubscriptionNode[]> {
    return (await this.calendars.mine()).map(subscriptionNode);
  }

  @Mutation(() => CalendarSubscriptionNode, {
    description: 'Subscribes to a secret iCal address; it is polled at once, then on a schedule.',
  })
  async connectCalendar(@Args('input') input: ConnectCalendarInput): Promise<CalendarSubscriptionNode> {
    return subscriptionNode(await this.calendars.connect(input.name, input.url));
  }

  @Mutation(() => CalendarSubscriptionNode, { description: 'Imports an .ics file once.' })
  async uploadCalendar(@Args('input') input: UploadCalendarInput): Promise<CalendarSubscriptionNode> {
    return subscriptionNode(await this.calendars.upload(input.name, input.ics));
  }

  @Mutation(() => CalendarSubscriptionNode, { description: 'Polls a subscription now.' })
  async pollCalendar(@Args() { id }: SubscriptionIdArgs): Promise<CalendarSubscriptionNode> {
    const subscription = await this.calendars.get(id);
    await this.calendars.requestPoll(subscription);
    return subscriptionNode(subscription);
  }

  @Mutation(() => CalendarSubscriptionNode, {
    description: 'Stops polling; the interactions it logged stay.',
  })
  async disconnectCalendar(@Args() { id }: SubscriptionIdArgs): Promise<CalendarSubscriptionNode> {
    return subscriptionNode(await this.calendars.disconnect(id));
  }

  @Mutation(() => CalendarSubscriptionNode, { description: 'Stops polling until resumed; what was logged stays.' })
  async pauseCalendar(@Args() { id }: SubscriptionIdArgs): Promise<CalendarSubscriptionNode> {
    return subscriptionNode(await this.calendars.pause(id));
  }

  @Mutation(() => CalendarSubscriptionNode, { description: 'Polls a paused subscription again, at once.' })
  async resumeCalendar(@Args() { id }: SubscriptionIdArgs): Promise<CalendarSubscriptionNode> {
    return subscriptionNode(await this.calendars.resume(id));
  }

  @Query(() => [CaptureExclusionNode], {
    description: 'Calendar events and series excluded from capture in the workspace, newest first.',
  })
  async captureExclusions(): Promise<CaptureExclusionNode[]> {
    return (await this.calendars.exclusions()).map(exclusionNode);
  }

  @Mutation(() => CaptureExclusionNode, {
    description: 'Captures an excluded event or series again from the next poll on.',
  })
  async includeCapturedEvent(@Args() { id }: ExclusionIdArgs): Promise<CaptureExclusionNode> {
    return exclusionNode(await this.calendars.include(id));
  }

  @Mutation(() => Int, {
    description:
      'Stops capturing a calendar event (or its whole series) and removes what was logged for it; answers how many interactions were removed.',
  })
  excludeCapturedEvent(@Args() { interactionId, wholeSeries }: ExcludeEventArgs): Promise<number> {
    return this.calendars.exclude(interactionId, wholeSeries);
  }

  @Query(() => CaptureSettings)
  async captureSettings(): Promise<CaptureSettings> {
    return { bccAddress: await this.mail.myAddress(), smtpListening: this.config.capture.smtp.port !== null };
  }

  @Mutation(() => CaptureSettings, { description: 'A new BCC address; the old one stops working at once.' })
  async resetBccAddress(): Promise<CaptureSettings> {
    return {
      bccAddress: await this.mail.resetMyAddress(),
      smtpListening: this.config.capture.smtp.port !== null,
    };
  }

  @SignedIn()
  @ApiKeys('read')
  @Query(() => [CaptureSuggestionNode], {
    description: 'Pending suggested contacts and unmatched messages, newest first.',
  })
  async captureReviewQueue(@Args() { limit }: ReviewQueueArgs): Promise<CaptureSuggestionNode[]> {
    return (await this.review.pending(limit ?? 100)).map(suggestionNode);
  }

  @Mutation(() => [CaptureDecision], {
    description: 'Creates the suggested contacts (linking their past interactions) and logs the messages.',
  })
  acceptCaptureSuggestions(@Args() { ids }: SuggestionIdsArgs): Promise<CaptureDecision[]> {
    return this.review.accept(ids);
  }

  @Mutation(() => [CaptureDecision], { description: 'Dismisses suggestions for good.' })
  dismissCaptureSuggestions(@Args() { ids }: SuggestionIdsArgs): Promise<CaptureDecision[]> {
    return this.review.dismiss(ids);
  }
}

/** `Interaction.capture`: where a captured interaction came from, shown on the timeline. */
@SignedIn()
@ApiKeys('read')
@Resolver(() => Interaction)
export class CapturedInteractionResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
  ) {}

  @ResolveField(() => CaptureOrigin, {
    nullable: true,
    description: 'Set when calendar or e-mail capture logged it.',
  })
  async capture(
    @Parent() interaction: Interaction,
    @Loaders() registry: LoaderRegistry,
  ): Promise<CaptureOrigin | null> {
    const item = await registry
      .get<string, CapturedItem | null>('captureOrigin', async (ids) => {
        const rows = await this.dataSource.getRepository(CapturedItem).findBy({
          workspaceId: this.context.currentWorkspaceId(),
          interactionId: In([...ids]),
        });
        return oneByKey(ids, rows, (row) => row.interactionId);
      })
      .load(interaction.id);
    if (!item) return null;
    return {
      source: item.source === 'calendar' ? CaptureSourceKind.CALENDAR : CaptureSourceKind.EMAIL,
      cancelled: item.cancelledAt !== null,
      notes: item.notes,
      threadKey: item.threadKey,
      attachments: item.attachments,
      updatedAt: item.updatedAt,
    };
  }
}

function subscriptionNode(subscription: CalendarSubscription): CalendarSubscriptionNode {
  return {
    id: subscription.id,
    name: subscription.name,
    polled: subscription.url !== null,
    address: subscription.url ? hideSecret(subscription.url) : null,
    status: subscription.status as SubscriptionState,
    lastError: subscription.lastError,
    lastPolledAt: subscription.lastPolledAt,
    lastSuccessAt: subscription.lastSuccessAt,
    eventsImported: subscription.eventsImported,
    nextPollAt: subscription.url && !subscription.pausedAt ? subscription.nextPollAt : null,
    pausedAt: subscription.pausedAt,
    createdAt: subscription.createdAt,
  };
}

function exclusionNode(exclusion: CaptureExclusion): CaptureExclusionNode {
  return {
    id: exclusion.id,
    label: exclusion.label || '(no title)',
    wholeSeries: exclusion.recurrenceId === '',
    occurrence: exclusion.recurrenceId || null,
    createdAt: exclusion.createdAt,
  };
}

/** The host and the start of the path: enough to recognise, not to subscribe. */
function hideSecret(url: string): string {
  try {
    const parsed = new URL(url.replace(/^webcals?:\/\//i, 'https://'));
    return `${parsed.host}${parsed.pathname.slice(0, 12)}…`;
  } catch {
    return '…';
  }
}

function suggestionNode(suggestion: CaptureSuggestion): CaptureSuggestionNode {
  const message = suggestion.message;
  return {
    id: suggestion.id,
    kind: suggestion.kind === 'contact' ? SuggestionKindValue.CONTACT : SuggestionKindValue.MESSAGE,
    label: suggestion.label,
    email: suggestion.kind === 'contact' ? suggestion.key : null,
    accountId: suggestion.accountId,
    message: message
      ? {
          messageId: message.messageId,
          subject: message.subject,
          from: message.from,
          participants: message.participants.map((p) => p.address),
          sentAt: new Date(message.sentAt),
          excerpt: message.excerpt,
          attachments: message.attachments,
        }
      : null,
    createdAt: suggestion.createdAt,
  };
}
