import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { MAX_EVENT_BYTES, MAX_EVENTS_PER_REQUEST, MAX_REQUEST_BYTES, parseIsoDateTime } from './usage-event';

/** `5 MB`, `500 KB`. */
export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`;
}

/** How much of an oversized body is read and thrown away so the client still gets its 413. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads the whole body, refusing with 413 past `limit` bytes. A body already consumed (by a parser
 * wired to the route by mistake) fails at once rather than leaving the request waiting forever.
 */
export async function readBody(request: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<Buffer> {
  if (request.destroyed) throw new BadRequestException('The request body was cut short');
  if (request.readableEnded)
    throw new Error(`The body of ${request.method} ${request.url} was already read before its handler`);
  const tooLarge = () =>
    new PayloadTooLargeException(
      `The request body is larger than ${describeBytes(limit)}: send smaller batches`,
    );
  // an oversized body is still read (up to DRAIN_LIMIT), so the client is not cut off mid-send
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT) throw tooLarge();
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

const inflate = promisify(gunzip);

type BodyEncoding = 'gzip' | 'identity';

/** The request's `Content-Encoding`, checked before its body is read: gzip or none, else 415. */
export function bodyEncoding(header: string | undefined): BodyEncoding {
  const name = (header ?? '').trim().toLowerCase();
  if (name === '' || name === 'identity') return 'identity';
  if (name === 'gzip' || name === 'x-gzip') return 'gzip';
  throw new UnsupportedMediaTypeException(
    `Content-Encoding ${JSON.stringify(header)} is not supported: send gzip or no encoding`,
  );
}

/**
 * The body as sent before its encoding: gzip is inflated up to `limit` bytes (a small body that
 * inflates beyond is refused with 413, so a zip bomb costs nothing).
 */
export async function decodeBody(body: Buffer, encoding: BodyEncoding, limit: number): Promise<Buffer> {
  if (encoding === 'identity') return body;
  try {
    return await inflate(body, { maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new PayloadTooLargeException(
        `The request body inflates to more than ${describeBytes(limit)}: send smaller batches`,
      );
    throw new BadRequestException(`The gzip body could not be inflated: ${(error as Error).message}`);
  }
}

/** The size of a value as JSON, or null when it nests too deeply to write out. */
export function jsonBytes(value: unknown): number | null {
  if (value === undefined) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return null;
  }
}

export const TOO_DEEP = { code: 'INVALID_EVENT', message: 'The event nests too deeply' };

type BodyFormat = 'json' | 'ndjson';

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

function checkSize(event: RawEvent, bytes: number | null): RawEvent {
  if (bytes === null) return { index: event.index, value: event.value, error: TOO_DEEP };
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
      events: events.map((value, index) => checkSize({ index, value }, jsonBytes(value))),
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
