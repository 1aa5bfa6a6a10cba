import { ErrorCode } from '@greenlight/common';
import { AppConfig } from '@greenlight/config';
import { TenantContext, TenantSql } from '@greenlight/identity';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { rateLimitSql } from '../sql/rate-limit.sql';

type IngestLimits = AppConfig['ingestLimits'];

interface TakeRow {
  admitted: boolean;
  request_tokens: number;
  event_tokens: number;
}

type RateLimitName = 'requests' | 'events';

/** Whole seconds until a refused request would be admitted, and which limit refused it. */
export function retryAfter(
  limits: IngestLimits,
  events: number,
  tokens: { requests: number; events: number },
): { seconds: number; limit: RateLimitName } {
  const requestWait = Math.max(0, (1 - tokens.requests) / limits.requestsPerSecond);
  const eventWait = Math.max(
    0,
    (Math.min(events, limits.eventBurst) - tokens.events) / limits.eventsPerSecond,
  );
  return {
    seconds: Math.max(1, Math.ceil(Math.max(requestWait, eventWait))),
    limit: eventWait > requestWait ? 'events' : 'requests',
  };
}

class IngestRateLimitedException extends HttpException {
  constructor(
    readonly limit: RateLimitName,
    readonly retryAfter: number,
    limits: IngestLimits,
  ) {
    const message =
      limit === 'requests'
        ? `Too many requests for this API key: at most ${limits.requestsPerSecond} requests per second (bursts of ${limits.requestBurst}); retry after ${retryAfter} s`
        : `Too many events for this API key: at most ${limits.eventsPerSecond} events per second (bursts of ${limits.eventBurst}); retry after ${retryAfter} s`;
    super(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, code: ErrorCode.RATE_LIMITED, limit, message, retryAfter },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Per API key limits of the ingestion routes, shared by every instance through PostgreSQL. */
@Injectable()
export class IngestionRateLimiter {
  private readonly limits: IngestLimits;

  constructor(
    private readonly db: TenantSql,
    private readonly context: TenantContext,
    config: AppConfig,
  ) {
    this.limits = config.ingestLimits;
  }

  /**
   * Counts one request of `events` events against the caller's API key; refuses it with 429 and
   * `Retry-After` when a limit is reached (a refused request spends nothing). Callers other than
   * API keys are not limited here (the routes refuse them anyway).
   */
  async take(events: number, response: Response | undefined): Promise<void> {
    const principal = this.context.principal();
    if (principal?.kind !== 'api_key') return;
    const { requestBurst, requestsPerSecond, eventBurst, eventsPerSecond } = this.limits;
    const row = (await this.db.first<TakeRow>(
      rateLimitSql.take({ apiKeyId: principal.apiKeyId, requestBurst, requestsPerSecond, eventBurst, eventsPerSecond, events }),
    ))!;
    if (row.admitted) return;
    const wait = retryAfter(this.limits, events, {
      requests: row.request_tokens,
      events: row.event_tokens,
    });
    response?.setHeader('Retry-After', String(wait.seconds));
    throw new IngestRateLimitedException(wait.limit, wait.seconds, this.limits);
  }

  /**
   * Reads a request with `read`, then counts it with the number of events it holds (none when it
   * was refused): a flood of bad requests is limited like a flood of good ones.
   */
  async admit<T>(
    response: Response | undefined,
    read: () => Promise<T> | T,
    countOf: (value: T) => number,
  ): Promise<T> {
    let value: T;
    try {
      value = await read();
    } catch (error) {
      await this.take(0, response);
      throw error;
    }
    await this.take(countOf(value), response);
    return value;
  }
}
