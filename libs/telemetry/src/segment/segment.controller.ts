import { ApiKeys } from '@greenlight/identity';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { bodyEncoding, decodeBody, readBody } from '../ingestion/request-body';
import { IngestionRateLimiter } from '../rate-limit/ingestion-rate-limiter';
import {
  parseSegmentBody,
  SEGMENT_MAX_BATCH_BYTES,
  SEGMENT_MAX_CALL_BYTES,
  SegmentBatch,
  SegmentRoute,
} from './segment-body';
import { SegmentAnswer, SegmentIngestionService } from './segment-ingestion.service';
import { SegmentType } from './segment-message';

/**
 * Segment's HTTP Tracking API, so analytics SDKs (`@segment/analytics-node` and others) can send
 * usage with the API key as their write key. Track calls are stored as usage events.
 */
@Controller('v1')
export class SegmentController {
  constructor(
    private readonly segment: SegmentIngestionService,
    private readonly limiter: IngestionRateLimiter,
  ) {}

  /** `{ batch: [...calls], sentAt, context }`, as SDKs send it. */
  @ApiKeys('usage:write')
  @Post('batch')
  @HttpCode(200)
  batch(@Req() request: Request): Promise<SegmentAnswer> {
    return this.receive(request, 'batch');
  }

  /** One call; only track calls are stored. */
  @ApiKeys('usage:write')
  @Post(['track', 'identify', 'group', 'page', 'screen', 'alias'])
  @HttpCode(200)
  single(@Req() request: Request): Promise<SegmentAnswer> {
    const type = request.path.split('/').filter(Boolean).pop()?.toLowerCase() as SegmentType;
    return this.receive(request, type);
  }

  private async receive(request: Request, route: SegmentRoute): Promise<SegmentAnswer> {
    const receivedAt = new Date();
    const limit = route === 'batch' ? SEGMENT_MAX_BATCH_BYTES : SEGMENT_MAX_CALL_BYTES;
    const batch = await this.limiter.admit(
      request.res,
      async (): Promise<SegmentBatch> => {
        // read as JSON whatever its Content-Type says, as Segment-compatible collectors do
        const encoding = bodyEncoding(request.headers['content-encoding']);
        const body = await decodeBody(await readBody(request, limit), encoding, limit);
        return parseSegmentBody(body, route);
      },
      (parsed) => parsed.calls.length,
    );
    return this.segment.ingest(batch, receivedAt);
  }
}
