import {
  correctTime,
  EARLIEST_EVENT,
  EventRejection,
  parseIsoDateTime,
  TimeCorrection,
} from '../ingestion/usage-event';

/** The Segment call types; only `track` carries usage. */
const SEGMENT_TYPES = ['track', 'identify', 'group', 'page', 'screen', 'alias'] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

/**
 * A usage field and where it is read from in a track call, first match wins. `context.traits` is
 * what SDKs attach for the current user; `context.groupId` names the user's organisation.
 */
const SOURCES = {
  orgId: [
    'properties.orgId',
    'properties.org_id',
    'context.groupId',
    'context.traits.groupId',
    'context.traits.company.id',
  ],
  projectId: ['properties.projectId', 'properties.project_id'],
  userEmail: ['properties.userEmail', 'properties.user_email', 'properties.email', 'context.traits.email'],
  model: ['properties.model'],
  videoSeconds: ['properties.videoSeconds', 'properties.video_seconds'],
  resolution: ['properties.resolution'],
  gpuSeconds: ['properties.gpuSeconds', 'properties.gpu_seconds'],
  costUsd: ['properties.costUsd', 'properties.cost_usd'],
  status: ['properties.status'],
} as const;

/** Property names moved into usage fields, so not repeated in `properties`. */
const MAPPED_PROPERTIES = new Set(
  Object.values(SOURCES)
    .flat()
    .filter((path) => path.startsWith('properties.'))
    .map((path) => path.slice('properties.'.length)),
);

/** A track call turned into a usage event (the shape `POST /v1/usage/batch` takes). */
export interface MappedTrack {
  outcome: 'usage';
  event: Record<string, unknown>;
  /** Where each usage field came from in the call, to name it in a rejection. */
  sources: Record<string, string>;
}

interface IgnoredCall {
  outcome: 'ignored';
  type: SegmentType;
  messageId: string | null;
}

type MappedMessage = MappedTrack | IgnoredCall;

export class SegmentRejection extends EventRejection {
  constructor(
    code: string,
    field: string | null,
    message: string,
    readonly messageId: string | null = null,
  ) {
    super(code, field, message);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path of own properties, or undefined. */
function at(root: Record<string, unknown>, path: string): unknown {
  let value: unknown = root;
  for (const key of path.split('.')) {
    if (!isObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/**
 * The usage kind of a Segment event name: trimmed, lower case, and words separated by spaces,
 * underscores or hyphens joined with dots, so `Generation Completed`, `generation_completed` and
 * `generation.completed` are all `generation.completed`.
 */
export function kindOfEventName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .split(/[\s_\-.]+/)
    .filter(Boolean)
    .join('.');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function messageIdOf(message: Record<string, unknown>): string | null {
  return typeof message.messageId === 'string' ? message.messageId.slice(0, 200) : null;
}

/**
 * Moves the call's time onto our clock by its own `sentAt` (or the batch's), as Segment does, and
 * returns it as an ISO string: the usage event is then stored without further correction.
 */
function occurredAt(
  message: Record<string, unknown>,
  time: TimeCorrection,
): { value: string; field: string } {
  const field =
    message.timestamp !== undefined && message.timestamp !== null ? 'timestamp' : 'originalTimestamp';
  const raw = message[field];
  let sentAt = time.sentAt;
  if (message.sentAt !== undefined && message.sentAt !== null) {
    sentAt = parseIsoDateTime(message.sentAt);
    if (!sentAt)
      throw new SegmentRejection(
        'INVALID_FIELD',
        'sentAt',
        'sentAt must be an ISO 8601 date-time with a time zone, such as 2026-11-25T10:00:00Z',
        messageIdOf(message),
      );
  }
  let when: Date | null = null;
  if (raw !== undefined && raw !== null) {
    when = parseIsoDateTime(raw);
    if (!when)
      throw new SegmentRejection(
        'INVALID_FIELD',
        field,
        `${field} must be an ISO 8601 date-time with a time zone, such as 2026-11-25T10:00:00Z`,
        messageIdOf(message),
      );
  }
  const corrected = correctTime(when, { receivedAt: time.receivedAt, sentAt });
  if (corrected < EARLIEST_EVENT && when && when >= EARLIEST_EVENT)
    throw new SegmentRejection(
      'INVALID_FIELD',
      'sentAt',
      `${field}, corrected for the client's clock by sentAt, falls before ${EARLIEST_EVENT.toISOString()}: check sentAt`,
      messageIdOf(message),
    );
  return { value: corrected.toISOString(), field };
}

/**
 * Maps one Segment call. A `track` call becomes a usage event (see docs/telemetry.md for the
 * table); other call types are acknowledged and not stored. Throws a SegmentRejection naming the
 * field of the call at fault; the usage event itself is validated by the ingestion.
 */
export function mapSegmentMessage(
  message: unknown,
  time: TimeCorrection,
  batchContext: Record<string, unknown> | null = null,
): MappedMessage {
  if (!isObject(message))
    throw new SegmentRejection('INVALID_EVENT', null, 'A Segment call must be a JSON object');
  const messageId = messageIdOf(message);
  const reject = (code: string, field: string, text: string) =>
    new SegmentRejection(code, field, text, messageId);
  const type = message.type;
  if (typeof type !== 'string' || !(SEGMENT_TYPES as readonly string[]).includes(type))
    throw reject('INVALID_FIELD', 'type', `type must be one of: ${SEGMENT_TYPES.join(', ')}`);
  if (type !== 'track') return { outcome: 'ignored', type: type as SegmentType, messageId };

  if (message.messageId === undefined || message.messageId === null)
    throw reject('MISSING_FIELD', 'messageId', 'messageId is required: it makes retries safe');
  if (typeof message.messageId !== 'string')
    throw reject('INVALID_FIELD', 'messageId', 'messageId must be a string');
  if (message.event === undefined || message.event === null)
    throw reject('MISSING_FIELD', 'event', 'event is required in a track call');
  if (typeof message.event !== 'string') throw reject('INVALID_FIELD', 'event', 'event must be a string');
  const kind = kindOfEventName(message.event);
  if (!kind) throw reject('MISSING_FIELD', 'event', 'event must name the event');

  const properties = message.properties ?? {};
  if (!isObject(properties)) throw reject('INVALID_FIELD', 'properties', 'properties must be a JSON object');
  const ownContext = message.context ?? {};
  if (!isObject(ownContext)) throw reject('INVALID_FIELD', 'context', 'context must be a JSON object');
  const context = batchContext ? { ...batchContext, ...ownContext } : ownContext;
  for (const field of ['userId', 'anonymousId'] as const) {
    const value = message[field];
    if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number')
      throw reject('INVALID_FIELD', field, `${field} must be a string`);
  }

  const call = { properties, context };
  const event: Record<string, unknown> = { eventId: message.messageId, kind };
  const sources: Record<string, string> = {
    eventId: 'messageId',
    kind: 'event',
    properties: 'properties',
  };
  const when = occurredAt(message, time);
  event.occurredAt = when.value;
  sources.occurredAt = when.field;
  for (const [field, paths] of Object.entries(SOURCES)) {
    for (const path of paths) {
      const value = at(call, path);
      if (value === undefined || value === null) continue;
      // the user's traits are a fallback: used only when they are what the field needs
      if (
        path.startsWith('context.') &&
        (typeof value !== 'string' || (field === 'userEmail' && !EMAIL.test(value)))
      )
        continue;
      event[field] = value;
      sources[field] = path;
      break;
    }
  }
  if (event.userEmail === undefined && typeof message.userId === 'string' && EMAIL.test(message.userId)) {
    event.userEmail = message.userId;
    sources.userEmail = 'userId';
  }
  const segment = Object.fromEntries(
    [
      ['userId', message.userId],
      ['anonymousId', message.anonymousId],
      ['event', message.event],
      ['context', Object.keys(context).length ? context : undefined],
    ].filter(([, value]) => value !== undefined && value !== null),
  );
  event.properties = Object.fromEntries([
    ...Object.entries(properties).filter(([key]) => !MAPPED_PROPERTIES.has(key)),
    ['_segment', segment],
  ]);
  return { outcome: 'usage', event, sources };
}
