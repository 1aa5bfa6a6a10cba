import { CrmModule } from '@greenlight/crm';
import { IdentityModule } from '@greenlight/identity';
import { JobsModule } from '@greenlight/jobs';
import { Module } from '@nestjs/common';
import { CalendarService } from './calendar/calendar.service';
import { IcsParser } from './calendar/ics-parser';
import { CaptureResolver, CapturedInteractionResolver } from './capture.resolver';
import { CaptureWriter } from './capture-writer';
import { MailController } from './mail/mail.controller';
import { MailCaptureService } from './mail/mail-capture.service';
import { SmtpListener } from './mail/smtp-listener';
import { ReviewQueueService } from './review/review-queue.service';

/**
 * Capture: meetings from members' calendar subscriptions and e-mails sent to their BCC address,
 * logged as interactions, with a review queue for what matched nobody (see docs/capture.md).
 */
@Module({
  imports: [IdentityModule, CrmModule, JobsModule],
  controllers: [MailController],
  providers: [
    CaptureWriter,
    IcsParser,
    CalendarService,
    MailCaptureService,
    SmtpListener,
    ReviewQueueService,
    CaptureResolver,
    CapturedInteractionResolver,
  ],
  exports: [CalendarService, MailCaptureService, SmtpListener, CaptureWriter],
})
export class CaptureModule {}
