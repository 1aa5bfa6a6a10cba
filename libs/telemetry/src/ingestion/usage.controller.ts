import { RequireScopes } from '@greenlight/identity';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { bodyFormat, parseBatch, readBody } from './request-body';
import { UsageIngestionService } from './usage-ingestion.service';
import { IngestionResult } from './usage-event';

/** REST ingestion for the generator (API keys with the `usage:write` scope). */
@Controller('v1/usage')
export class UsageController {
  constructor(private readonly ingestion: UsageIngestionService) {}

  /**
   * A batch of usage events: JSON `{ sentAt, events: [...] }` or NDJSON (one event per line, the
   * send time in `X-Sent-At`). Answers per event, after the valid ones are committed.
   */
  @RequireScopes('usage:write')
  @Post('batch')
  @HttpCode(200)
  async batch(@Req() request: Request): Promise<IngestionResult> {
    const receivedAt = new Date();
    const format = bodyFormat(request.headers['content-type']);
    const body = await readBody(request);
    const sentAt = request.headers['x-sent-at'];
    const batch = parseBatch(body, format, Array.isArray(sentAt) ? sentAt[0] : sentAt);
    return this.ingestion.ingest(batch, receivedAt);
  }
}
