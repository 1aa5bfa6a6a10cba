import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { MAX_EVENT_BYTES, MAX_EVENTS_PER_REQUEST, MAX_REQUEST_BYTES, parseIsoDateTime } from './usage-event';

/** Routes that read their own request bodies (larger limits, NDJSON): the app's JSON parser skips them. */
export function readsOwnBody(url: string | undefined): boolean {
  return url !== undefined && /^\/v1\/usage(\/|\?|$)/.test(url);
}

/** How much of an oversized body is read and thrown away so the client still gets its 413. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** Reads the whole body, refusing with 413 past `limit` bytes. */
export async function readBody(request: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<Buffer> {
  const tooLarge = () =>
    new PayloadTooLargeException(
      `The request body is larger than ${limit / 1024 / 1024} MB: send smaller batches`,
    );
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let received = 0;
  return new Promise<Buffer>((resolve, reject) => {
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) chunks.push(chunk);
      else if (received > DRAIN_LIMIT) request.destroy();
    });
    request.on('end', () => (received > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    request.on('error', reject);
    request.on('close', () => {
      if (!request.complete) reject(new BadRequestException('The request body was cut short'));
    });
  });
}

export type BodyFormat = 'json' | 'ndjson';

export function bodyFormat(contentType: string | undefined): BodyFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-ndjson' || type === 'application/ndjson') return 'ndjson';
  throw new UnsupportedMediaTypeException(
    'Send events as Content-Type: application/json ({ "sentAt", "events": [...] }) or application/x-ndjson (one event per line)',
  );
}

/** One event of the request as sent: its JSON, or why it could not be read. */
export interface RawEvent {
  index: number;
  value?: unknown;
  error?: { code: string; message: string };
}

export interface ParsedBatch {
  sentAt: Date | null;
  events: RawEvent[];
}

function parseSentAt(value: unknown, where: string): Date | null {
  if (value === undefined || value === null) return null;
  const sentAt = parseIsoDateTime(value);
  if (!sentAt)
    throw new BadRequestException(
      `${where} must be an ISO 8601 date-time with a time zone, such as 2026-11-25T10:00:00Z`,
    );
  return sentAt;
}

function tooMany(count: number): PayloadTooLargeException {
  return new PayloadTooLargeException(
    `The batch holds ${count} events; at most ${MAX_EVENTS_PER_REQUEST} are accepted per request`,
  );
}

function checkSize(event: RawEvent, bytes: number): RawEvent {
  if (bytes > MAX_EVENT_BYTES && !event.error)
    return {
      index: event.index,
      value: event.value,
      error: { code: 'EVENT_TOO_LARGE', message: `The event is larger than ${MAX_EVENT_BYTES / 1024} KB` },
    };
  return event;
}

/**
 * Reads a batch: JSON `{ sentAt, events: [...] }`, or NDJSON (one event per line, the send time in
 * the `X-Sent-At` header). A JSON body that does not parse is refused whole; in NDJSON a bad line
 * rejects only its own event.
 */
export function parseBatch(body: Buffer, format: BodyFormat, sentAtHeader: string | undefined): ParsedBatch {
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new BadRequestException(`The body is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new BadRequestException('The body must be a JSON object: { "sentAt": "...", "events": [...] }');
    const { sentAt, events } = parsed as { sentAt?: unknown; events?: unknown };
    if (!Array.isArray(events)) throw new BadRequestException('events must be an array of events');
    if (events.length === 0) throw new BadRequestException('events must hold at least one event');
    if (events.length > MAX_EVENTS_PER_REQUEST) throw tooMany(events.length);
    return {
      sentAt: parseSentAt(sentAt ?? sentAtHeader, 'sentAt'),
      events: events.map((value, index) =>
        checkSize({ index, value }, value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? '')),
      ),
    };
  }
  const lines = body
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (lines.length === 0)
    throw new BadRequestException('The body holds no events: send one JSON event per line');
  if (lines.length > MAX_EVENTS_PER_REQUEST) throw tooMany(lines.length);
  return {
    sentAt: parseSentAt(sentAtHeader, 'X-Sent-At'),
    events: lines.map((line, index) => {
      const bytes = Buffer.byteLength(line);
      if (bytes > MAX_EVENT_BYTES) return checkSize({ index }, bytes);
      try {
        return { index, value: JSON.parse(line) as unknown };
      } catch (error) {
        return {
          index,
          error: {
            code: 'INVALID_JSON',
            message: `Line ${index + 1} is not valid JSON: ${(error as Error).message}`,
          },
        };
      }
    }),
  };
}
