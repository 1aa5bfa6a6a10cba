import { Injectable } from '@nestjs/common';
import { RawEvent } from '../ingestion/request-body';
import { EventStatus } from '../ingestion/usage-event';
import { UsageIngestionService } from '../ingestion/usage-ingestion.service';
import { SegmentBatch } from './segment-body';
import { mapSegmentMessage, SegmentRejection } from './segment-message';

interface SegmentCallResult {
  index: number;
  messageId: string | null;
  /** `ignored`: a call of another type than track, acknowledged and not stored as usage. */
  status: EventStatus | 'ignored';
  code: string | null;
  /** The field of the call at fault (`properties.videoSeconds`, `timestamp`…), when one is. */
  field: string | null;
  message: string | null;
}

/** What Segment SDKs expect (`success: true`) and the outcome of each call. */
export interface SegmentAnswer {
  success: true;
  accepted: number;
  duplicates: number;
  rejected: number;
  ignored: number;
  results: SegmentCallResult[];
}

/** The field name at the start of a usage rejection, replaced by where it came from in the call. */
function renamed(text: string | null, field: string | null, source: string | undefined): string | null {
  if (!text || !field || !source || source === field || !text.startsWith(field)) return text;
  return source + text.slice(field.length);
}

/**
 * Segment calls to usage: track calls are mapped and stored through `UsageIngestionService.ingest`
 * (one transaction, idempotent on messageId); other calls are acknowledged.
 */
@Injectable()
export class SegmentIngestionService {
  constructor(private readonly ingestion: UsageIngestionService) {}

  async ingest(batch: SegmentBatch, receivedAt: Date): Promise<SegmentAnswer> {
    const time = { receivedAt, sentAt: batch.sentAt };
    const results: SegmentCallResult[] = [];
    const usage: RawEvent[] = [];
    const sourcesOf = new Map<number, Record<string, string>>();
    for (const call of batch.calls) {
      const messageId =
        typeof (call.value as { messageId?: unknown } | undefined)?.messageId === 'string'
          ? (call.value as { messageId: string }).messageId.slice(0, 200)
          : null;
      if (call.error) {
        results.push({ index: call.index, messageId, status: 'rejected', field: null, ...call.error });
        continue;
      }
      try {
        const mapped = mapSegmentMessage(call.value, time, batch.context);
        if (mapped.outcome === 'ignored') {
          results.push({
            index: call.index,
            messageId,
            status: 'ignored',
            code: 'NOT_USAGE',
            field: 'type',
            message: `${mapped.type} calls are acknowledged but not stored as usage: only track calls are`,
          });
          continue;
        }
        usage.push({ index: call.index, value: mapped.event });
        sourcesOf.set(call.index, mapped.sources);
      } catch (error) {
        if (!(error instanceof SegmentRejection)) throw error;
        results.push({
          index: call.index,
          messageId,
          status: 'rejected',
          code: error.code,
          field: error.field,
          message: error.message,
        });
      }
    }

    if (usage.length) {
      // times are already on our clock: mapSegmentMessage corrected each by its own sentAt
      const stored = await this.ingestion.ingest({ sentAt: null, events: usage }, receivedAt);
      for (const result of stored.results) {
        const source = result.field ? sourcesOf.get(result.index)?.[result.field] : undefined;
        results.push({
          index: result.index,
          messageId: result.eventId,
          status: result.status,
          code: result.code,
          field: source ?? result.field,
          message: renamed(result.message, result.field, source),
        });
      }
    }
    results.sort((a, b) => a.index - b.index);
    const count = (status: SegmentCallResult['status']) => results.filter((r) => r.status === status).length;
    return {
      success: true,
      accepted: count('accepted'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      ignored: count('ignored'),
      results,
    };
  }
}
