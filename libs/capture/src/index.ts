export * from './entities';
export * from './capture.module';
export { CaptureWriter } from './capture-writer';
export type { Capturable, CaptureOutcome } from './capture-writer';
export { CalendarService, POLL_JOB, POLL_DUE_JOB } from './calendar/calendar.service';
export { parseCalendar, windowAround } from './calendar/ics';
export type { CalendarOccurrence } from './calendar/ics';
export { MailCaptureService } from './mail/mail-capture.service';
export { SmtpListener } from './mail/smtp-listener';
