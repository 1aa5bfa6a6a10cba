import { ApiKeys } from '@greenlight/identity';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { IngestionRateLimiter } from '../rate-limit/ingestion-rate-limiter';
import { bodyEncoding, bodyFormat, decodeBody, parseBatch, readBody } from './request-body';
import { UsageIngestionService } from './usage-ingestion.service';
import { IngestionResult, MAX_REQUEST_BYTES } from './usage-event';

/** REST ingestion for the generator (API keys with the `usage:write` scope). */
@Controller('v1/usage')
export class UsageController {
  constructor(
    private readonly ingestion: UsageIngestionService,
    private readonly limiter: IngestionRateLimiter,
  ) {}

  /**
   * A batch of usage events: JSON `{ sentAt, events: [...] }` or NDJSON (one event per line, the
   * send time in `X-Sent-At`), gzip-encoded or not; another content type is refused (415) before
   * the body is read. Answers per event, after the valid ones are committed; limited per API key.
   */
  @ApiKeys('usage:write')
  @Post('batch')
  @HttpCode(200)
  async batch(@Req() request: Request): Promise<IngestionResult> {
    const receivedAt = new Date();
    const batch = await this.limiter.admit(
      request.res,
      async () => {
        const format = bodyFormat(request.headers['content-type']);
        const encoding = bodyEncoding(request.headers['content-encoding']);
        const body = await decodeBody(await readBody(request), encoding, MAX_REQUEST_BYTES);
        const sentAt = request.headers['x-sent-at'];
        return parseBatch(body, format, Array.isArray(sentAt) ? sentAt[0] : sentAt);
      },
      (parsed) => parsed.events.length,
    );
    return this.ingestion.ingest(batch, receivedAt);
  }
}
