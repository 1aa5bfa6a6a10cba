import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { describeBytes, jsonBytes, RawEvent, TOO_DEEP } from '../ingestion/request-body';
import { parseIsoDateTime } from '../ingestion/usage-event';
import { SegmentType } from './segment-message';

/** Segment's own limits: 500 KB per batch request (after gzip), 32 KB per call, 2,500 calls. */
export const SEGMENT_MAX_BATCH_BYTES = 500 * 1024;
export const SEGMENT_MAX_CALL_BYTES = 32 * 1024;
const SEGMENT_MAX_CALLS = 2500;

/** The route a Segment request came to: `batch`, or the type of its single call. */
export type SegmentRoute = 'batch' | SegmentType;

/** The calls of one request, each as sent (or why it cannot be read), and the batch-wide fields. */
export interface SegmentBatch {
  sentAt: Date | null;
  /** `context` of a batch body: merged under each call's own context. */
  context: Record<string, unknown> | null;
  calls: RawEvent[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJsonObject(body: Buffer, shape: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new BadRequestException(`The body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new BadRequestException(`The body must be a JSON object: ${shape}`);
  return parsed;
}

function parseSentAt(value: unknown): Date | null {
  if (value === undefined || value === null) return null;
  const sentAt = parseIsoDateTime(value);
  if (!sentAt)
    throw new BadRequestException(
      'sentAt must be an ISO 8601 date-time with a time zone, such as 2026-11-25T10:00:00Z',
    );
  return sentAt;
}

/**
 * Reads a Segment request body (already inflated): `{ batch: [...], sentAt, context }` on
 * `/v1/batch`, one call on `/v1/track` and the other single-call routes (its type taken from the
 * route when absent). A call over 32 KB is rejected alone in a batch, and refuses a single call.
 */
export function parseSegmentBody(body: Buffer, route: SegmentRoute): SegmentBatch {
  if (route !== 'batch') {
    if (body.length > SEGMENT_MAX_CALL_BYTES)
      throw new PayloadTooLargeException(
        `A single call must be at most ${describeBytes(SEGMENT_MAX_CALL_BYTES)}: send larger ones in a batch`,
      );
    const call = parseJsonObject(body, `one ${route} call`);
    if (call.type !== undefined && call.type !== route)
      throw new BadRequestException(`type must be ${route} on /v1/${route} (or left out)`);
    return { sentAt: null, context: null, calls: [{ index: 0, value: { ...call, type: route } }] };
  }
  const parsed = parseJsonObject(body, '{ "batch": [ …calls ], "sentAt": "…" }');
  if (!Array.isArray(parsed.batch)) throw new BadRequestException('batch must be an array of calls');
  if (parsed.batch.length === 0) throw new BadRequestException('batch must hold at least one call');
  if (parsed.batch.length > SEGMENT_MAX_CALLS)
    throw new PayloadTooLargeException(
      `The batch holds ${parsed.batch.length} calls; at most ${SEGMENT_MAX_CALLS} are accepted per request`,
    );
  if (parsed.context !== undefined && parsed.context !== null && !isObject(parsed.context))
    throw new BadRequestException('context must be a JSON object');
  return {
    sentAt: parseSentAt(parsed.sentAt),
    context: isObject(parsed.context) ? parsed.context : null,
    calls: parsed.batch.map((value: unknown, index: number): RawEvent => {
      const bytes = jsonBytes(value);
      if (bytes === null) return { index, value, error: TOO_DEEP };
      if (bytes > SEGMENT_MAX_CALL_BYTES)
        return {
          index,
          value,
          error: {
            code: 'EVENT_TOO_LARGE',
            message: `The call is larger than ${describeBytes(SEGMENT_MAX_CALL_BYTES)}`,
          },
        };
      return { index, value };
    }),
  };
}
