import ICAL from 'ical.js';

/** Occurrences of recurring events are expanded in this window around now only. */
const WINDOW_DAYS_BACK = 90;
const WINDOW_DAYS_AHEAD = 180;
/** Attendees kept per event; a larger list is cut, with a note on the subscription. */
const MAX_ATTENDEES = 200;
/** Recurrence steps walked per series (a rule without an end started long ago stops here). */
const MAX_RECURRENCE_STEPS = 20_000;
/** Occurrences kept per feed. */
const MAX_OCCURRENCES = 20_000;
const NOTE_LINES = 5;
const NOTE_CHARS = 1000;

/** An event read on its own: its exceptions are related explicitly. */
const ALONE = { exceptions: [] };

export interface Attendee {
  email: string;
  name: string | null;
}

/** One occurrence of a calendar event, as capture logs it. */
export interface CalendarOccurrence {
  uid: string;
  /** UTC start of the occurrence the rule produced (ISO 8601, or the day when all-day); '' for a single event. */
  recurrenceId: string;
  sequence: number;
  start: Date;
  durationMinutes: number | null;
  allDay: boolean;
  timeZone: string;
  summary: string;
  notes: string | null;
  location: string | null;
  cancelled: boolean;
  attendees: Attendee[];
}

export interface ParsedCalendar {
  occurrences: CalendarOccurrence[];
  /** What was left out or cut, in words (shown on the subscription). */
  notes: string[];
}

/** A feed that cannot be used at all; the reason is shown on the subscription. */
export class CalendarRefused extends Error {}

export interface Window {
  from: Date;
  to: Date;
}

export function windowAround(now: Date): Window {
  const day = 86_400_000;
  return {
    from: new Date(now.getTime() - WINDOW_DAYS_BACK * day),
    to: new Date(now.getTime() + WINDOW_DAYS_AHEAD * day),
  };
}

/**
 * Reads an iCalendar feed (RFC 5545) into the occurrences within `window`: time zones from the
 * feed's VTIMEZONEs or IANA names, all-day events, RRULE/RDATE/EXDATE with overridden instances
 * (RECURRENCE-ID), SEQUENCE, STATUS:CANCELLED, attendees and organizer with their addresses.
 */
export function parseCalendar(text: string, window: Window): ParsedCalendar {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text))
    throw new CalendarRefused('this is not an iCalendar feed (it does not start with BEGIN:VCALENDAR)');
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    throw new CalendarRefused(`the iCalendar feed cannot be read: ${(error as Error).message}`);
  }
  const notes: string[] = [];
  const byUid = new Map<string, { master?: ICAL.Component; exceptions: ICAL.Component[] }>();
  for (const component of root.getAllSubcomponents('vevent')) {
    const uid = String(component.getFirstPropertyValue('uid') ?? '').trim();
    if (!uid) {
      notes.push('an event without UID was left out');
      continue;
    }
    const group = byUid.get(uid) ?? { exceptions: [] };
    if (component.hasProperty('recurrence-id')) group.exceptions.push(component);
    else group.master = component;
    byUid.set(uid, group);
  }

  const occurrences: CalendarOccurrence[] = [];
  const keep = (occurrence: CalendarOccurrence | null) => {
    if (!occurrence) return;
    if (occurrences.length < MAX_OCCURRENCES) occurrences.push(occurrence);
  };
  for (const [uid, group] of byUid) {
    try {
      if (!group.master) {
        // overridden instances whose series is not in the feed: each stands alone
        for (const exception of group.exceptions) {
          const event = new ICAL.Event(exception, ALONE);
          keep(occurrenceOf(uid, event, event.startDate, event.endDate, event.recurrenceId, window, notes));
        }
        continue;
      }
      // exceptions given, so ical.js does not scan every event of the feed for them (quadratic)
      const event = new ICAL.Event(group.master, { strictExceptions: false, exceptions: group.exceptions });
      if (!event.isRecurring()) {
        keep(occurrenceOf(uid, event, event.startDate, event.endDate, null, window, notes));
        continue;
      }
      const iterator = event.iterator();
      const last = ICAL.Time.fromJSDate(window.to, true);
      let steps = 0;
      for (let next = iterator.next(); next; next = iterator.next()) {
        if (++steps > MAX_RECURRENCE_STEPS) {
          notes.push(
            `"${event.summary}" repeats too often: only its first ${MAX_RECURRENCE_STEPS} occurrences were read`,
          );
          break;
        }
        if (toUtc(next).getTime() > last.toJSDate().getTime()) break;
        const details = event.getOccurrenceDetails(next);
        const item = details.item;
        keep(
          occurrenceOf(uid, item, details.startDate, details.endDate, details.recurrenceId, window, notes),
        );
      }
      // overridden instances moved into the window from a date outside the rule's reach
      const expanded = new Set(occurrences.filter((o) => o.uid === uid).map((o) => o.recurrenceId));
      for (const exception of group.exceptions) {
        const item = new ICAL.Event(exception, ALONE);
        const id = recurrenceKey(item.recurrenceId, item.startDate.isDate);
        if (!expanded.has(id))
          keep(occurrenceOf(uid, item, item.startDate, item.endDate, item.recurrenceId, window, notes));
      }
    } catch (error) {
      notes.push(`event ${uid} was left out: ${(error as Error).message}`);
    }
  }
  if (occurrences.length >= MAX_OCCURRENCES)
    notes.push(`the feed has more than ${MAX_OCCURRENCES} events in the window: the rest were left out`);
  return { occurrences, notes };
}

function occurrenceOf(
  uid: string,
  event: ICAL.Event,
  startTime: ICAL.Time,
  endTime: ICAL.Time | null,
  recurrence: ICAL.Time | null,
  window: Window,
  notes: string[],
): CalendarOccurrence | null {
  if (!startTime) return null;
  const allDay = startTime.isDate;
  const start = toUtc(startTime);
  const end = endTime ? toUtc(endTime) : null;
  if ((end ?? start).getTime() < window.from.getTime() || start.getTime() > window.to.getTime()) return null;
  const component = event.component;
  const attendees = attendeesOf(component);
  if (attendees.length > MAX_ATTENDEES) {
    notes.push(`"${event.summary}" has ${attendees.length} attendees: the first ${MAX_ATTENDEES} were kept`);
    attendees.length = MAX_ATTENDEES;
  }
  const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
  const description = String(component.getFirstPropertyValue('description') ?? '');
  const location = String(component.getFirstPropertyValue('location') ?? '').trim();
  return {
    uid,
    recurrenceId: recurrence ? recurrenceKey(recurrence, allDay) : '',
    sequence: Number(component.getFirstPropertyValue('sequence') ?? 0) || 0,
    start,
    durationMinutes: end
      ? Math.max(0, Math.round((end.getTime() - start.getTime()) / 60_000))
      : allDay
        ? 1440
        : null,
    allDay,
    timeZone: allDay ? 'UTC' : zoneName(startTime),
    summary: (event.summary ?? '').trim().slice(0, 500) || '(no title)',
    notes: firstLines(description),
    location: location ? location.slice(0, 500) : null,
    cancelled: status === 'CANCELLED',
    attendees,
  };
}

/** The identity of an occurrence, the same whatever zone the feed writes it in. */
function recurrenceKey(time: ICAL.Time, allDay: boolean): string {
  const utc = toUtc(time).toISOString();
  return allDay || time.isDate ? utc.slice(0, 10) : utc;
}

/** A feed time as an instant: VTIMEZONE of the feed, else an IANA name, else UTC (floating and all-day). */
function toUtc(time: ICAL.Time): Date {
  if (time.isDate) return new Date(Date.UTC(time.year, time.month - 1, time.day));
  const zone = time.zone?.tzid;
  if (zone && zone !== 'floating') return time.toJSDate();
  const named = tzidOf(time);
  if (named && isIanaZone(named)) return zonedToUtc(time, named);
  return new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second));
}

function zoneName(time: ICAL.Time): string {
  const candidates = [tzidOf(time), time.zone?.tzid];
  return candidates.find((name): name is string => Boolean(name) && isIanaZone(name as string)) ?? 'UTC';
}

/** The TZID a time was written with, kept by ical.js when no VTIMEZONE defines it. */
function tzidOf(time: ICAL.Time): string | undefined {
  const named = (time as unknown as { timezone?: unknown }).timezone;
  return typeof named === 'string' ? named : undefined;
}

const ianaZones = new Map<string, boolean>();
function isIanaZone(name: string): boolean {
  let known = ianaZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = name.includes('/') || name === 'UTC';
    } catch {
      known = false;
    }
    ianaZones.set(name, known);
  }
  return known;
}

/** Wall-clock time in an IANA zone to an instant (two passes settle DST edges). */
function zonedToUtc(time: ICAL.Time, zone: string): Date {
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  let guess = wall - offsetAt(wall, zone);
  guess = wall - offsetAt(guess, zone);
  return new Date(guess);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function offsetAt(instant: number, zone: string): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]),
  );
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return local - Math.floor(instant / 1000) * 1000;
}

function attendeesOf(component: ICAL.Component): Attendee[] {
  const seen = new Map<string, Attendee>();
  for (const property of [
    ...component.getAllProperties('organizer'),
    ...component.getAllProperties('attendee'),
  ]) {
    const email = addressOf(String(property.getFirstValue() ?? ''), property.getParameter('email'));
    if (!email || seen.has(email)) continue;
    const name = property.getParameter('cn');
    seen.set(email, { email, name: typeof name === 'string' && name.trim() ? name.trim() : null });
  }
  return [...seen.values()];
}

function addressOf(value: string, parameter: unknown): string | null {
  const candidate =
    typeof parameter === 'string' && parameter.includes('@') ? parameter : value.replace(/^mailto:/i, '');
  const email = candidate.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/** The first lines of a description, as notes. */
export function firstLines(text: string): string | null {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, NOTE_LINES);
  const notes = lines.join('\n').slice(0, NOTE_CHARS);
  return notes || null;
}
