import { Injectable } from '@nestjs/common';
import { NotificationKind } from './notification.types';

/** One notification another library gives a member: the record it is about and when it happened. */
export interface SourcedNotification {
  recordId: string;
  at: Date;
  /** The record itself, handed to the GraphQL field that library adds to `Notification`. */
  record: object;
}

/**
 * Notifications another library adds (alerts on the member's accounts), without the CRM knowing
 * that library. Register it from a module constructor.
 */
export interface NotificationSource {
  readonly kind: NotificationKind;
  /** The member's notifications of this kind, newest first, at most `first`. */
  forMember(memberId: string, first: number): Promise<SourcedNotification[]>;
}

@Injectable()
export class NotificationSources {
  private readonly sources: NotificationSource[] = [];

  register(source: NotificationSource): void {
    if (this.sources.some((other) => other.kind === source.kind))
      throw new Error(`Notification kind ${source.kind} is registered twice`);
    this.sources.push(source);
  }

  all(): readonly NotificationSource[] {
    return this.sources;
  }
}
