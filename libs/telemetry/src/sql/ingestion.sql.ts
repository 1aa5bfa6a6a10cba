import { sql, sqlStatements } from '@greenlight/identity';
import { identityKeyOf } from '../identities/identity-matcher';
import { UsageEvent } from '../ingestion/usage-event';
import { appendPending, bucketSums, EVENT_FACTS, foldDeltas } from '../rollups/rollup-sql';

/** A batch's events as parallel arrays, in one order (sorted by event id). */
export interface EventColumns {
  eventIds: string[];
  occurredAt: Date[];
  kinds: string[];
  orgIds: (string | null)[];
  projectIds: (string | null)[];
  userEmails: (string | null)[];
  models: (string | null)[];
  videoSeconds: (number | null)[];
  resolutions: (string | null)[];
  gpuSeconds: (number | null)[];
  costUsd: (number | null)[];
  statuses: (string | null)[];
  /** JSON text of each event's properties. */
  properties: string[];
  /** The generator identity key of each event (null without one). */
  identityKeys: (string | null)[];
}

/**
 * Events sorted by event id: one order for every batch, so concurrent batches with common event ids
 * (or new identities) lock them alike.
 */
export const byEventId = (events: UsageEvent[]): UsageEvent[] =>
  [...events].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));

/** Validated events (in `byEventId` order) as the store statement's columns. */
export function eventColumns(sorted: UsageEvent[]): EventColumns {
  return {
    eventIds: sorted.map((e) => e.eventId),
    occurredAt: sorted.map((e) => e.occurredAt),
    kinds: sorted.map((e) => e.kind),
    orgIds: sorted.map((e) => e.orgId),
    projectIds: sorted.map((e) => e.projectId),
    userEmails: sorted.map((e) => e.userEmail),
    models: sorted.map((e) => e.model),
    videoSeconds: sorted.map((e) => e.videoSeconds),
    resolutions: sorted.map((e) => e.resolution),
    gpuSeconds: sorted.map((e) => e.gpuSeconds),
    costUsd: sorted.map((e) => e.costUsd),
    statuses: sorted.map((e) => e.status),
    properties: sorted.map((e) => JSON.stringify(e.properties)),
    identityKeys: sorted.map(identityKeyOf),
  };
}

/** Each identity key once: the planner estimates a list of constants element by element. */
const distinct = (keys: (string | null)[]): string[] => [...new Set(keys.filter((key) => key !== null))];

const EXAMPLE_EVENTS: EventColumns = {
  eventIds: ['job-1'],
  occurredAt: [new Date('2026-01-15T10:00:00Z')],
  kinds: ['generation.completed'],
  orgIds: ['org-1'],
  projectIds: [null],
  userEmails: ['ana@northlight.example'],
  models: ['vidgen-2'],
  videoSeconds: [12.5],
  resolutions: ['1080p'],
  gpuSeconds: [140],
  costUsd: [1.75],
  statuses: ['succeeded'],
  properties: ['{"renderSeconds": 42}'],
  identityKeys: ['org-1||northlight.example'],
};

export const ingestionSql = sqlStatements('telemetry.ingestion', {
  /**
   * Stores a batch in one statement: reads and share-locks the batch's generator identities (a link
   * waits for the batch, and a batch waiting for a link reads the new account), records the new event
   * keys (ON CONFLICT DO NOTHING), inserts only the events whose key is new into the partitioned
   * table, and appends the identities' counts (one row) and the rollup deltas (one per account, day and model,
   * its users and render buckets inside) for the rollup worker. When fewer than `identities`
   * identities exist, it stores nothing and answers `complete = false`.
   */
  store: {
    examples: [[new Date('2026-01-15T10:00:05Z'), EXAMPLE_EVENTS, 1, null]],
    build: (receivedAt: Date, e: EventColumns, identities: number, apiKeyId: string | null) => sql`
      WITH input AS (
        SELECT * FROM unnest(
          ${e.eventIds}::text[], ${e.occurredAt}::timestamptz[], ${e.kinds}::text[], ${e.orgIds}::text[],
          ${e.projectIds}::text[], ${e.userEmails}::text[], ${e.models}::text[], ${e.videoSeconds}::float8[],
          ${e.resolutions}::text[], ${e.gpuSeconds}::float8[], ${e.costUsd}::numeric[], ${e.statuses}::text[],
          ${e.properties}::jsonb[], ${e.identityKeys}::text[]
        ) AS t(event_id, occurred_at, kind, org_id, project_id, user_email, model,
               video_seconds, resolution, gpu_seconds, cost_usd, status, properties, identity_key)
      ),
      identity AS (
        SELECT id, identity_key, account_id FROM generator_identity
        WHERE workspace_id = ${sql.workspace} AND identity_key IN (SELECT unnest(${distinct(e.identityKeys)}::text[]))
        FOR KEY SHARE
      ),
      complete AS (SELECT count(*) >= ${identities} AS ok FROM identity),
      fresh AS (
        INSERT INTO usage_event_key (workspace_id, event_id, received_at)
        SELECT ${sql.workspace}, event_id, ${receivedAt} FROM input WHERE (SELECT ok FROM complete)
        ON CONFLICT DO NOTHING
        RETURNING event_id
      ),
      stored AS (
        INSERT INTO usage_event (workspace_id, event_id, occurred_at, received_at, kind, org_id, project_id,
          user_email, model, video_seconds, resolution, gpu_seconds, cost_usd, status, properties,
          account_id, identity_id, api_key_id)
        SELECT ${sql.workspace}, i.event_id, i.occurred_at, ${receivedAt}, i.kind, i.org_id, i.project_id,
          i.user_email, i.model, i.video_seconds, i.resolution, i.gpu_seconds, i.cost_usd, i.status, i.properties,
          g.account_id, g.id, ${apiKeyId}::uuid
        FROM input i JOIN fresh f ON f.event_id = i.event_id LEFT JOIN identity g ON g.identity_key = i.identity_key
        RETURNING event_id, identity_id, occurred_at, account_id, kind, video_seconds, gpu_seconds, cost_usd,
          ${EVENT_FACTS}
      ),
      identity_pending AS (
        INSERT INTO generator_identity_pending (workspace_id, identity_ids, event_counts, first_seen_ats, last_seen_ats)
        SELECT ${sql.workspace}, array_agg(identity_id), array_agg(events), array_agg(first_seen), array_agg(last_seen)
        FROM (SELECT identity_id, count(*) AS events, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen
              FROM stored WHERE identity_id IS NOT NULL GROUP BY identity_id) AS counts
        HAVING count(*) > 0
        RETURNING 1
      ),
      rollup_buckets AS (${bucketSums(sql`account_id, day, model, user_key`, sql`stored`)}),
      rollup_pending AS (
        ${appendPending(sql`(${foldDeltas(sql`account_id, day, model`, sql`rollup_buckets`)}) AS folded`, true)}
        RETURNING 1
      )
      SELECT (SELECT ok FROM complete) AS complete, array(SELECT event_id FROM stored) AS stored`,
  },
});
