import { ApiKeys } from '@greenlight/identity';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ENTITLEMENTS_CACHE_CONTROL, entityTagOf, ifNoneMatchHolds, STALE_WARNING } from './entitlements.http';
import { Entitlements, EntitlementsService, subjectOf } from './entitlements.service';

/** The generator's question on its sign-in path: what may this user or organisation use? */
@Controller('v1/entitlements')
export class EntitlementsController {
  constructor(private readonly entitlements: EntitlementsService) {}

  /**
   * `?email=…` or `?orgId=…` (the identities usage events carry): the ACTIVE grants that apply,
   * with credits used and left. `ETag` is the answer's version; `If-None-Match` with it answers
   * 304. While PostgreSQL cannot be reached the last answer is served with `stale: true` and a
   * `Warning: 110` header. Repeat callers are mostly answered before this by `EntitlementsEdge`.
   */
  @ApiKeys('entitlements:read')
  @Get()
  async get(
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Entitlements | undefined> {
    const answer = await this.entitlements.answer(subjectOf(query));
    const etag = entityTagOf(answer);
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', ENTITLEMENTS_CACHE_CONTROL);
    if (answer.stale) response.setHeader('Warning', STALE_WARNING);
    if (ifNoneMatchHolds(request.headers['if-none-match'], etag)) {
      response.status(304);
      return undefined;
    }
    return answer;
  }
}
