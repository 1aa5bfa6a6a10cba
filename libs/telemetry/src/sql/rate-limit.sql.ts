import { sql, sqlStatements } from '@greenlight/identity';

interface TakeTokens {
  apiKeyId: string;
  requestBurst: number;
  requestsPerSecond: number;
  eventBurst: number;
  eventsPerSecond: number;
  events: number;
}

export const rateLimitSql = sqlStatements('telemetry.rate-limit', {
  /**
   * Two token buckets per API key in one row (requests and events), refilled from the time elapsed
   * and spent only when the request is admitted. One atomic upsert per request; times come from the
   * database clock, so every instance agrees. A batch larger than the whole event burst passes once
   * the bucket is full, leaving it in debt.
   */
  take: {
    examples: [
      [
        {
          apiKeyId: '00000000-0000-4000-8000-0000000000a2',
          requestBurst: 20,
          requestsPerSecond: 10,
          eventBurst: 20_000,
          eventsPerSecond: 10_000,
          events: 500,
        },
      ],
    ],
    build: (take: TakeTokens) => {
      const now = sql`date_trunc('milliseconds', statement_timestamp())`;
      const requestBurst = sql`${take.requestBurst}::double precision`;
      const eventBurst = sql`${take.eventBurst}::double precision`;
      const events = sql`${take.events}::double precision`;
      // seconds since the bucket was last refilled (never negative: a statement may wait for the row lock)
      const elapsed = sql`greatest(0, extract(epoch FROM ${now} - s.refilled_at))::double precision`;
      const requests = sql`least(${requestBurst}, s.request_tokens + ${elapsed} * ${take.requestsPerSecond}::double precision)`;
      const eventTokens = sql`least(${eventBurst}, s.event_tokens + ${elapsed} * ${take.eventsPerSecond}::double precision)`;
      const admit = sql`(${requests} >= 1 AND ${eventTokens} >= least(${events}, ${eventBurst}))`;
      return sql`
        INSERT INTO ingest_rate_limit AS s (api_key_id, workspace_id, request_tokens, event_tokens, refilled_at, admitted)
        VALUES (${take.apiKeyId}, ${sql.workspace}, ${requestBurst} - 1, ${eventBurst} - ${events}, ${now}, true)
        ON CONFLICT (workspace_id, api_key_id) DO UPDATE SET
          request_tokens = CASE WHEN ${admit} THEN ${requests} - 1 ELSE ${requests} END,
          event_tokens = CASE WHEN ${admit} THEN ${eventTokens} - ${events} ELSE ${eventTokens} END,
          refilled_at = greatest(s.refilled_at, ${now}),
          admitted = ${admit}
        RETURNING admitted, request_tokens, event_tokens`;
    },
  },
});
