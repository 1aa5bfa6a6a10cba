import { TenantContext } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityMatcher, identityKeyOf } from '../identities/identity-matcher';
import {
  appendPendingSql,
  bucketSumsSql,
  eventFactsSql,
  foldBucketsSql,
  histogramParameters,
} from '../rollups/rollup-sql';
import { UsageRollupWorker } from '../rollups/usage-rollup.worker';
import { ParsedBatch } from './request-body';
import { EventRejection, EventResult, IngestionResult, parseUsageEvent, UsageEvent } from './usage-event';

/** Deadlocks and serialization failures are retried: the batch is idempotent. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Stores a batch in one statement: reads and share-locks the batch's generator identities (a link
 * waits for the batch, and a batch waiting for a link reads the new account), records the new event
 * keys (ON CONFLICT DO NOTHING), inserts only the events whose key is new into the partitioned table,
 * and appends the identities' counts and the rollup deltas (grouped by account, day, model and user)
 * for the rollup worker. When fewer identities exist than the batch names ($17), it stores nothing
 * and answers `complete = false`.
 */
const STORE_SQL = `
  WITH input AS (
    SELECT * FROM unnest(
      $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
      $10::float8[], $11::text[], $12::float8[], $13::numeric[], $14::text[], $15::jsonb[], $16::text[]
    ) AS t(event_id, occurred_at, kind, org_id, project_id, user_email, model,
           video_seconds, resolution, gpu_seconds, cost_usd, status, properties, identity_key)
  ),
  identity AS (
    SELECT id, identity_key, account_id FROM generator_identity
    WHERE workspace_id = $1 AND identity_key = ANY($16::text[])
    FOR KEY SHARE
  ),
  complete AS (SELECT count(*) >= $17 AS ok FROM identity),
  fresh AS (
    INSERT INTO usage_event_key (workspace_id, event_id, received_at)
    SELECT $1, event_id, $2 FROM input WHERE (SELECT ok FROM complete)
    ON CONFLICT DO NOTHING
    RETURNING event_id
  ),
  stored AS (
    INSERT INTO usage_event (workspace_id, event_id, occurred_at, received_at, kind, org_id, project_id,
      user_email, model, video_seconds, resolution, gpu_seconds, cost_usd, status, properties,
      account_id, identity_id, api_key_id)
    SELECT $1, i.event_id, i.occurred_at, $2, i.kind, i.org_id, i.project_id, i.user_email, i.model,
      i.video_seconds, i.resolution, i.gpu_seconds, i.cost_usd, i.status, i.properties,
      g.account_id, g.id, $18
    FROM input i JOIN fresh f ON f.event_id = i.event_id LEFT JOIN identity g ON g.identity_key = i.identity_key
    RETURNING event_id, identity_id, occurred_at, account_id, kind, video_seconds, gpu_seconds, cost_usd,
      ${eventFactsSql('$19')}
  ),
  identity_pending AS (
    INSERT INTO generator_identity_pending (workspace_id, identity_id, events, first_seen_at, last_seen_at)
    SELECT $1, identity_id, count(*), min(occurred_at), max(occurred_at)
    FROM stored WHERE identity_id IS NOT NULL GROUP BY identity_id
    RETURNING 1
  ),
  rollup_buckets AS (${bucketSumsSql('account_id, day, model, user_key', 'stored')}),
  rollup_pending AS (
    ${appendPendingSql('$1', `(${foldBucketsSql('account_id, day, model, user_key', 'rollup_buckets', '$20')}) AS folded`, true)}
    RETURNING 1
  )
  SELECT (SELECT ok FROM complete) AS complete, array(SELECT event_id FROM stored) AS stored`;

/**
 * Stores batches of usage events. A batch whose generator identities all exist (the usual case) is
 * one statement (STORE_SQL) on its own; otherwise one transaction creates the missing identities
 * first and then runs the same statement. Answers only after the commit, so every `accepted` event
 * is durable and will be rolled up exactly once; the rollup worker is woken right after.
 */
@Injectable()
export class UsageIngestionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
    private readonly matcher: IdentityMatcher,
    private readonly rollups: UsageRollupWorker,
  ) {}

  async ingest(batch: ParsedBatch, receivedAt: Date): Promise<IngestionResult> {
    const workspaceId = this.context.currentWorkspaceId();
    const principal = this.context.principal();
    const apiKeyId = principal?.kind === 'api_key' ? principal.apiKeyId : null;
    const time = { receivedAt, sentAt: batch.sentAt };

    const results: EventResult[] = [];
    const valid: { index: number; event: UsageEvent }[] = [];
    const firstIndex = new Map<string, number>();
    for (const raw of batch.events) {
      const eventId =
        typeof (raw.value as { eventId?: unknown } | undefined)?.eventId === 'string'
          ? ((raw.value as { eventId: string }).eventId.slice(0, 200) as string)
          : null;
      const reject = (code: string, field: string | null, message: string) =>
        results.push({ index: raw.index, eventId, status: 'rejected', code, field, message });
      if (raw.error) {
        reject(raw.error.code, null, raw.error.message);
        continue;
      }
      let event: UsageEvent;
      try {
        event = parseUsageEvent(raw.value, time);
      } catch (error) {
        if (!(error instanceof EventRejection)) throw error;
        reject(error.code, error.field, error.message);
        continue;
      }
      const earlier = firstIndex.get(event.eventId);
      if (earlier !== undefined) {
        results.push({
          index: raw.index,
          eventId: event.eventId,
          status: 'duplicate',
          code: 'DUPLICATE_IN_BATCH',
          field: 'eventId',
          message: `eventId repeats the event at index ${earlier}`,
        });
        continue;
      }
      firstIndex.set(event.eventId, raw.index);
      valid.push({ index: raw.index, event });
    }

    if (valid.length) await this.rollups.caughtUp();
    const stored = valid.length
      ? await this.store(
          workspaceId,
          apiKeyId,
          receivedAt,
          valid.map((v) => v.event),
        )
      : new Set();
    if (stored.size) this.rollups.wake();
    for (const { index, event } of valid) {
      results.push(
        stored.has(event.eventId)
          ? { index, eventId: event.eventId, status: 'accepted', code: null, field: null, message: null }
          : {
              index,
              eventId: event.eventId,
              status: 'duplicate',
              code: 'DUPLICATE',
              field: 'eventId',
              message: 'An event with this eventId is already stored: ignored',
            },
      );
    }
    results.sort((a, b) => a.index - b.index);
    return {
      accepted: results.filter((result) => result.status === 'accepted').length,
      duplicates: results.filter((result) => result.status === 'duplicate').length,
      rejected: results.filter((result) => result.status === 'rejected').length,
      results,
    };
  }

  private async store(
    workspaceId: string,
    apiKeyId: string | null,
    receivedAt: Date,
    events: UsageEvent[],
  ): Promise<Set<string>> {
    // one order for every batch, so concurrent batches with common event ids lock keys alike
    const sorted = [...events].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
    const identityKeys = sorted.map(identityKeyOf);
    const identities = new Set(identityKeys.filter((key) => key !== null)).size;
    const parameters = (required: number) => [
      workspaceId,
      receivedAt,
      sorted.map((e) => e.eventId),
      sorted.map((e) => e.occurredAt),
      sorted.map((e) => e.kind),
      sorted.map((e) => e.orgId),
      sorted.map((e) => e.projectId),
      sorted.map((e) => e.userEmail),
      sorted.map((e) => e.model),
      sorted.map((e) => e.videoSeconds),
      sorted.map((e) => e.resolution),
      sorted.map((e) => e.gpuSeconds),
      sorted.map((e) => e.costUsd),
      sorted.map((e) => e.status),
      sorted.map((e) => JSON.stringify(e.properties)),
      identityKeys,
      required,
      apiKeyId,
      ...histogramParameters(),
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        const [fast]: { complete: boolean; stored: string[] }[] = await this.dataSource.query(
          STORE_SQL,
          parameters(identities),
        );
        if (fast.complete) return new Set(fast.stored);
        return await this.dataSource.transaction(async (manager) => {
          await this.matcher.createMissing(manager, workspaceId, sorted);
          const [{ stored }]: { stored: string[] }[] = await manager.query(STORE_SQL, parameters(0));
          return new Set(stored);
        });
      } catch (error) {
        const code =
          (error as { driverError?: { code?: string }; code?: string }).driverError?.code ??
          (error as { code?: string }).code;
        if (attempt < ATTEMPTS && code && RETRYABLE.has(code)) continue;
        throw error;
      }
    }
  }
}
