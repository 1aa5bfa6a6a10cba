import { EntityNotFoundException, InvalidInputException } from '@greenlight/common';
import { AppConfig } from '@greenlight/config';
import { TenantContext, TenantSql } from '@greenlight/identity';
import { JobQueue } from '@greenlight/jobs';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CaptureWriter, Capturable } from '../capture-writer';
import { CalendarSubscription, CaptureExclusion } from '../entities';
import { calendarSql } from '../sql/calendar.sql';
import { FeedRefused, FeedUnavailable, feedUrl, fetchFeed } from './feed-fetcher';
import { CalendarOccurrence, CalendarRefused, windowAround } from './ics';
import { IcsParser } from './ics-parser';

export const POLL_DUE_JOB = 'capture.poll-due-calendars';
export const POLL_JOB = 'capture.poll-calendar';
/** An uploaded file as GraphQL text; a larger calendar is better subscribed to. */
const MAX_UPLOAD_CHARS = 1024 * 1024;

interface PollJob {
  workspaceId: string;
  subscriptionId: string;
  [key: string]: unknown;
}

export const occurrenceKey = (uid: string, recurrenceId: string) => `${uid}\u001f${recurrenceId}`;

/**
 * Calendar subscriptions: a member's secret ICS address polled every CAPTURE_POLL_MINUTES through
 * the job queue (ETag and Last-Modified honoured; an unreachable feed is retried with backoff and
 * shown as failing), or an uploaded file imported once. Each import runs in one transaction, so a
 * restart in the middle loses and duplicates nothing: the job runs again.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
    private readonly jobs: JobQueue,
    private readonly writer: CaptureWriter,
    private readonly config: AppConfig,
    private readonly tenantSql: TenantSql,
    private readonly parser: IcsParser,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: POLL_DUE_JOB,
      cron: '* * * * *',
      retryLimit: 0,
      concurrency: 1,
      handle: () => this.sendDuePolls(),
    });
    this.jobs.register<PollJob>({
      name: POLL_JOB,
      retryLimit: 3,
      retryDelaySeconds: 30,
      expireInSeconds: 5 * 60,
      concurrency: 2,
      handle: ({ workspaceId, subscriptionId }, run) => this.poll(workspaceId, subscriptionId, run.signal),
    });
  }

  /** The signed-in member's subscriptions. */
  async mine(): Promise<CalendarSubscription[]> {
    const member = this.context.currentMember();
    return this.dataSource.getRepository(CalendarSubscription).find({
      where: { workspaceId: member.workspaceId, memberId: member.membershipId },
      order: { createdAt: 'ASC' },
    });
  }

  async get(id: string): Promise<CalendarSubscription> {
    const member = this.context.currentMember();
    const found = await this.dataSource
      .getRepository(CalendarSubscription)
      .findOneBy({ workspaceId: member.workspaceId, memberId: member.membershipId, id });
    if (!found) throw new EntityNotFoundException('Calendar subscription', id);
    return found;
  }

  /** Subscribes the member to a feed and polls it at once. */
  async connect(name: string, url: string): Promise<CalendarSubscription> {
    const member = this.context.currentMember();
    try {
      feedUrl(url);
    } catch (error) {
      throw InvalidInputException.field('url', (error as Error).message);
    }
    const subscription = await this.dataSource.getRepository(CalendarSubscription).save({
      workspaceId: member.workspaceId,
      memberId: member.membershipId,
      name: name.trim() || 'Calendar',
      url: url.trim(),
    });
    await this.requestPoll(subscription);
    return subscription;
  }

  /** Polls now (the member pressed "poll now", or just connected): polls of one subscription take turns. */
  async requestPoll(subscription: CalendarSubscription): Promise<void> {
    await this.jobs.send(POLL_JOB, {
      workspaceId: subscription.workspaceId,
      subscriptionId: subscription.id,
    });
  }

  /** Imports an uploaded .ics once; the subscription records the outcome like a poll. */
  async upload(name: string, ics: string): Promise<CalendarSubscription> {
    const member = this.context.currentMember();
    if (ics.length > MAX_UPLOAD_CHARS)
      throw InvalidInputException.field(
        'ics',
        `the file is larger than 1 MB: subscribe to the calendar's address instead`,
      );
    const subscription = await this.dataSource.getRepository(CalendarSubscription).save({
      workspaceId: member.workspaceId,
      memberId: member.membershipId,
      name: name.trim() || 'Uploaded calendar',
      url: null,
      nextPollAt: new Date('9999-12-31T00:00:00Z'),
    });
    await this.importText(subscription, ics, null);
    return this.get(subscription.id);
  }

  async disconnect(id: string): Promise<CalendarSubscription> {
    const subscription = await this.get(id);
    await this.dataSource
      .getRepository(CalendarSubscription)
      .delete({ workspaceId: subscription.workspaceId, id });
    return subscription;
  }

  /** Stops polling until resumed; what was logged stays. */
  async pause(id: string): Promise<CalendarSubscription> {
    const subscription = await this.get(id);
    await this.dataSource
      .getRepository(CalendarSubscription)
      .update({ workspaceId: subscription.workspaceId, id }, { pausedAt: new Date() });
    return this.get(id);
  }

  /** Polls again, at once and then on the schedule. */
  async resume(id: string): Promise<CalendarSubscription> {
    const subscription = await this.get(id);
    await this.dataSource
      .getRepository(CalendarSubscription)
      .update({ workspaceId: subscription.workspaceId, id }, { pausedAt: null, nextPollAt: new Date() });
    const resumed = await this.get(id);
    if (resumed.url) await this.requestPoll(resumed);
    return resumed;
  }

  /** The events and series excluded in the workspace, newest first. */
  async exclusions(): Promise<CaptureExclusion[]> {
    return this.dataSource.getRepository(CaptureExclusion).find({
      where: { workspaceId: this.context.currentWorkspaceId() },
      order: { createdAt: 'DESC' },
      take: 500,
    });
  }

  /** Captures an excluded event or series again from the next poll of its calendar on. */
  async include(exclusionId: string): Promise<CaptureExclusion> {
    const workspaceId = this.context.currentWorkspaceId();
    const repository = this.dataSource.getRepository(CaptureExclusion);
    const exclusion = await repository.findOneBy({ workspaceId, id: exclusionId });
    if (!exclusion) throw new EntityNotFoundException('Capture exclusion', exclusionId);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(CaptureExclusion).delete({ workspaceId, id: exclusionId });
      // the next poll of each calendar reads its feed in full, even when it did not change
      await manager
        .getRepository(CalendarSubscription)
        .update({ workspaceId }, { etag: null, lastModified: null });
    });
    return exclusion;
  }

  /**
   * Stops capturing an event (that occurrence) or its whole series: remembered for every later
   * poll, and the interactions capture logged for it are removed.
   */
  async exclude(interactionId: string, wholeSeries: boolean): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const item = await this.tenantSql.first<{ external_id: string; recurrence_id: string; summary: string }>(
        calendarSql.capturedEvent(interactionId),
        manager,
      );
      if (!item) throw new EntityNotFoundException('Calendar interaction', interactionId);
      const recurrenceId = wholeSeries ? '' : item.recurrence_id;
      await this.tenantSql.execute(calendarSql.exclude(item.external_id, recurrenceId, item.summary), manager);
      return this.tenantSql.execute(calendarSql.removeCapturedEvent(item.external_id, recurrenceId), manager);
    });
  }

  /** Sends a poll job for every subscription that is due, once across instances (cron job). */
  async sendDuePolls(): Promise<void> {
    const due = await this.tenantSql
      .acrossWorkspaces()
      .query<{ workspace_id: string; id: string }>(calendarSql.claimDuePolls(this.config.capture.pollMinutes));
    for (const row of due)
      await this.jobs.send(
        POLL_JOB,
        { workspaceId: row.workspace_id, subscriptionId: row.id },
        { singletonKey: row.id },
      );
  }

  /** One poll (job handler): fetch, parse, import; problems are recorded on the subscription. */
  async poll(workspaceId: string, subscriptionId: string, signal?: AbortSignal): Promise<void> {
    const subscription = await this.dataSource
      .getRepository(CalendarSubscription)
      .findOneBy({ workspaceId, id: subscriptionId });
    if (!subscription?.url || subscription.pausedAt) return;
    let answer;
    try {
      answer = await fetchFeed(subscription.url, subscription, {
        allowPrivate: this.config.capture.allowPrivateFeeds,
        signal,
      });
    } catch (error) {
      if (!(error instanceof FeedUnavailable || error instanceof FeedRefused)) throw error;
      await this.recordStatus(
        subscription,
        error instanceof FeedRefused ? 'refused' : 'failing',
        error.message,
      );
      if (error instanceof FeedUnavailable) throw error;
      return;
    }
    if (answer.kind === 'unchanged') {
      await this.tenantSql
        .inWorkspace(workspaceId)
        .execute(calendarSql.pollUnchanged(subscriptionId, this.config.capture.pollMinutes));
      return;
    }
    await this.importText(
      subscription,
      answer.text,
      { etag: answer.etag, lastModified: answer.lastModified },
      signal,
    );
  }

  private async importText(
    subscription: CalendarSubscription,
    text: string,
    validators: { etag: string | null; lastModified: string | null } | null,
    signal?: AbortSignal,
  ): Promise<void> {
    const now = new Date();
    const window = windowAround(now);
    let parsed;
    try {
      parsed = await this.parser.parse(text, window, signal);
    } catch (error) {
      if (!(error instanceof CalendarRefused)) throw error;
      await this.recordStatus(subscription, 'refused', error.message);
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      // one import of a subscription at a time, across instances
      const locked = await this.tenantSql
        .inWorkspace(subscription.workspaceId)
        .query(calendarSql.lockSubscription(subscription.id), manager);
      if (!locked.length) return;
      const outcome = await this.writer.record(
        subscription.workspaceId,
        subscription.memberId,
        parsed.occurrences.map(capturable),
        { subscriptionId: subscription.id, manager },
      );
      const cancelled = await this.writer.cancelMissing(
        manager,
        subscription.workspaceId,
        subscription.id,
        window,
        parsed.occurrences.map((o) => occurrenceKey(o.uid, o.recurrenceId)),
      );
      await this.saveOutcome(manager, subscription, outcome.logged + cancelled, parsed.notes, validators);
    });
  }

  private async saveOutcome(
    manager: EntityManager,
    subscription: CalendarSubscription,
    imported: number,
    notes: string[],
    validators: { etag: string | null; lastModified: string | null } | null,
  ): Promise<void> {
    const outcome = {
      notes: notes.length ? summarize(notes) : null,
      imported,
      etag: validators?.etag ?? null,
      lastModified: validators?.lastModified ?? null,
    };
    await this.tenantSql
      .inWorkspace(subscription.workspaceId)
      .execute(calendarSql.importSucceeded(subscription.id, outcome, this.config.capture.pollMinutes), manager);
  }

  private async recordStatus(
    subscription: CalendarSubscription,
    status: 'failing' | 'refused',
    error: string,
  ): Promise<void> {
    await this.tenantSql
      .inWorkspace(subscription.workspaceId)
      .execute(calendarSql.pollFailed(subscription.id, status, error, this.config.capture.pollMinutes));
  }
}

function capturable(occurrence: CalendarOccurrence): Capturable {
  return {
    source: 'calendar',
    externalId: occurrence.uid,
    recurrenceId: occurrence.recurrenceId,
    sequence: occurrence.sequence,
    occurredAt: occurrence.start,
    timeZone: occurrence.timeZone,
    durationMinutes: occurrence.durationMinutes,
    location: occurrence.location,
    summary: occurrence.summary,
    notes: occurrence.notes,
    participants: occurrence.attendees,
    cancelled: occurrence.cancelled,
  };
}

/** Notes of one import, shortened for the settings page. */
function summarize(notes: string[]): string {
  const shown = [...new Set(notes)].slice(0, 5);
  const more = notes.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
