import { isCalendarDate, textProblem } from '@greenlight/common';

/** Limits of `POST /v1/usage/batch`. */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
export const MAX_EVENTS_PER_REQUEST = 5000;
export const MAX_EVENT_BYTES = 32 * 1024;
/** Events (after clock-skew correction) later than this past the receive time are clamped to it. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
/** Events before this (after correction) are refused: no generator ran then, and a wild clock is no time. */
export const EARLIEST_EVENT = new Date('2000-01-01T00:00:00Z');

export type EventStatus = 'accepted' | 'duplicate' | 'rejected';

export interface EventResult {
  index: number;
  eventId: string | null;
  status: EventStatus;
  /** null when accepted. */
  code: string | null;
  /** The field at fault, when one is. */
  field: string | null;
  message: string | null;
}

export interface IngestionResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: EventResult[];
}

/** A validated event, its time corrected, ready to store. */
export interface UsageEvent {
  eventId: string;
  occurredAt: Date;
  kind: string;
  orgId: string | null;
  projectId: string | null;
  userEmail: string | null;
  model: string | null;
  videoSeconds: number | null;
  resolution: string | null;
  gpuSeconds: number | null;
  costUsd: number | null;
  status: string | null;
  properties: Record<string, unknown>;
}

export class EventRejection {
  constructor(
    readonly code: string,
    readonly field: string | null,
    readonly message: string,
  ) {}
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Parses an ISO 8601 date-time with a zone (`2026-11-25T10:00:00Z`); null when it is not one, or
 * names a day or time that does not exist (2026-02-30).
 */
export function parseIsoDateTime(value: unknown): Date | null {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || !isCalendarDate(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(event: Record<string, unknown>, field: string, max: number, required = false): string | null {
  const value = event[field];
  if (value === undefined || value === null) {
    if (required) throw new EventRejection('MISSING_FIELD', field, `${field} is required`);
    return null;
  }
  if (typeof value !== 'string')
    throw new EventRejection('INVALID_FIELD', field, `${field} must be a string`);
  if (required && value.trim() === '')
    throw new EventRejection('MISSING_FIELD', field, `${field} must not be empty`);
  if (value.length > max)
    throw new EventRejection('INVALID_FIELD', field, `${field} must be at most ${max} characters`);
  // an unpaired surrogate becomes U+FFFD in UTF-8: two different ids would be stored as one
  const problem = textProblem(value);
  if (problem) throw new EventRejection('INVALID_FIELD', field, `${field} ${problem}`);
  return value;
}

/** Amounts stay below what their columns hold: cost_usd is numeric(18,6), under 10^12. */
const MAX_AMOUNT = 1e11;

function amount(event: Record<string, unknown>, field: string): number | null {
  const value = event[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new EventRejection('INVALID_FIELD', field, `${field} must be a number`);
  if (value < 0) throw new EventRejection('INVALID_FIELD', field, `${field} must not be negative`);
  if (value > MAX_AMOUNT)
    throw new EventRejection(
      'INVALID_FIELD',
      field,
      `${field} must be at most ${MAX_AMOUNT.toExponential()}`,
    );
  return value;
}

export interface TimeCorrection {
  receivedAt: Date;
  /** The client's clock when it sent the request, if it said. */
  sentAt: Date | null;
}

/**
 * Clock-skew correction as Segment and PostHog do it: the client's clock may be off, so its
 * timestamps move by the difference between our receive time and its send time. An event still
 * more than 24 h in the future is clamped to the receive time; one without a time gets it.
 */
export function correctTime(occurredAt: Date | null, { receivedAt, sentAt }: TimeCorrection): Date {
  if (!occurredAt) return receivedAt;
  const corrected = sentAt
    ? new Date(occurredAt.getTime() + (receivedAt.getTime() - sentAt.getTime()))
    : occurredAt;
  return corrected.getTime() - receivedAt.getTime() > MAX_FUTURE_MS ? receivedAt : corrected;
}

/** Validates one event; throws an EventRejection naming the field at fault. */
export function parseUsageEvent(raw: unknown, time: TimeCorrection): UsageEvent {
  if (!isPlainObject(raw)) throw new EventRejection('INVALID_EVENT', null, 'An event must be a JSON object');
  const eventId = text(raw, 'eventId', 200, true) as string;
  let occurredAt: Date | null = null;
  if (raw.occurredAt !== undefined && raw.occurredAt !== null) {
    occurredAt = parseIsoDateTime(raw.occurredAt);
    if (!occurredAt)
      throw new EventRejection(
        'INVALID_FIELD',
        'occurredAt',
        'occurredAt must be an ISO 8601 date-time with a time zone, such as 2026-11-25T10:00:00Z',
      );
  }
  const when = correctTime(occurredAt, time);
  if (when < EARLIEST_EVENT)
    throw new EventRejection(
      'INVALID_FIELD',
      'occurredAt',
      occurredAt && occurredAt >= EARLIEST_EVENT
        ? `occurredAt, corrected for the client's clock by sentAt, falls before ${EARLIEST_EVENT.toISOString()}: check sentAt`
        : `occurredAt must not be before ${EARLIEST_EVENT.toISOString()}`,
    );
  const kind = text(raw, 'kind', 100, true) as string;
  const orgId = text(raw, 'orgId', 200);
  const projectId = text(raw, 'projectId', 200);
  const userEmail = text(raw, 'userEmail', 320);
  if (userEmail !== null && !EMAIL.test(userEmail))
    throw new EventRejection('INVALID_FIELD', 'userEmail', 'userEmail must be an email address');
  const properties = raw.properties ?? {};
  if (!isPlainObject(properties))
    throw new EventRejection('INVALID_FIELD', 'properties', 'properties must be a JSON object');
  checkStorableJson(properties, 'properties');
  return {
    eventId,
    occurredAt: when,
    kind,
    orgId,
    projectId,
    userEmail: userEmail?.toLowerCase() ?? null,
    model: text(raw, 'model', 200),
    videoSeconds: amount(raw, 'videoSeconds'),
    resolution: text(raw, 'resolution', 50),
    gpuSeconds: amount(raw, 'gpuSeconds'),
    costUsd: amount(raw, 'costUsd'),
    status: text(raw, 'status', 50),
    properties,
  };
}

const MAX_PROPERTIES_DEPTH = 32;

/**
 * PostgreSQL's jsonb refuses NUL characters and unpaired surrogates, and deep nesting helps nobody:
 * refuse those here, walking without recursion.
 */
function checkStorableJson(root: Record<string, unknown>, field: string): void {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) throw new EventRejection('INVALID_FIELD', field, `${field} ${problem}`);
    } else if (typeof value === 'object' && value !== null) {
      if (depth > MAX_PROPERTIES_DEPTH)
        throw new EventRejection(
          'INVALID_FIELD',
          field,
          `${field} must not nest deeper than ${MAX_PROPERTIES_DEPTH} levels`,
        );
      for (const [key, inner] of Object.entries(value)) {
        const problem = textProblem(key);
        if (problem) throw new EventRejection('INVALID_FIELD', field, `${field} has a key that ${problem}`);
        stack.push([inner, depth + 1]);
      }
    }
  }
}

/** The domain of an email address, lower case, or null. */
export function emailDomain(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  return at < 0 ? null : email.slice(at + 1).toLowerCase();
}
