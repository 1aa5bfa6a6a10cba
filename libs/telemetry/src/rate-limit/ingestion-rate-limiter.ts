import { ErrorCode } from '@greenlight/common';
import { AppConfig } from '@greenlight/config';
import { TenantContext } from '@greenlight/identity';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

export type IngestLimits = AppConfig['ingestLimits'];

/** The statement's time, to the millisecond like the stored column. */
const NOW = `date_trunc('milliseconds', statement_timestamp())`;
/** Seconds since the bucket was last refilled (never negative: a statement may wait for the row lock). */
const ELAPSED = `greatest(0, extract(epoch FROM ${NOW} - s.refilled_at))::double precision`;
const REQUESTS = `least($3::double precision, s.request_tokens + ${ELAPSED} * $4::double precision)`;
const EVENTS = `least($5::double precision, s.event_tokens + ${ELAPSED} * $6::double precision)`;
/** A batch larger than the whole event burst passes once the bucket is full, leaving it in debt. */
const ADMIT = `(${REQUESTS} >= 1 AND ${EVENTS} >= least($7::double precision, $5::double precision))`;

/**
 * Two token buckets per API key in one row (requests and events), refilled from the time elapsed
 * and spent only when the request is admitted. One atomic upsert per request; times come from the
 * database clock, so every instance agrees.
 */
const TAKE = `
  INSERT INTO ingest_rate_limit AS s (api_key_id, workspace_id, request_tokens, event_tokens, refilled_at, admitted)
  VALUES ($1, $2, $3::double precision - 1, $5::double precision - $7::double precision, ${NOW}, true)
  ON CONFLICT (workspace_id, api_key_id) DO UPDATE SET
    request_tokens = CASE WHEN ${ADMIT} THEN ${REQUESTS} - 1 ELSE ${REQUESTS} END,
    event_tokens = CASE WHEN ${ADMIT} THEN ${EVENTS} - $7::double precision ELSE ${EVENTS} END,
    refilled_at = greatest(s.refilled_at, ${NOW}),
    admitted = ${ADMIT}
  RETURNING admitted, request_tokens, event_tokens`;

interface TakeRow {
  admitted: boolean;
  request_tokens: number;
  event_tokens: number;
}

export type RateLimitName = 'requests' | 'events';

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

export class IngestRateLimitedException extends HttpException {
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
    private readonly dataSource: DataSource,
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
    const [row] = (await this.dataSource.query(TAKE, [
      principal.apiKeyId,
      principal.workspaceId,
      requestBurst,
      requestsPerSecond,
      eventBurst,
      eventsPerSecond,
      events,
    ])) as TakeRow[];
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
