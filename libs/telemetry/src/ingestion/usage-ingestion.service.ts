import { TenantContext, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityMatcher } from '../identities/identity-matcher';
import { UsageRollupWorker } from '../rollups/usage-rollup.worker';
import { byEventId, eventColumns, ingestionSql } from '../sql/ingestion.sql';
import { ParsedBatch } from './request-body';
import { EventRejection, EventResult, IngestionResult, parseUsageEvent, UsageEvent } from './usage-event';

/** Deadlocks and serialization failures are retried: the batch is idempotent. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Stores batches of usage events. A batch whose generator identities all exist (the usual case) is
 * one statement (`ingestionSql.store`) on its own; otherwise one transaction creates the missing identities
 * first and then runs the same statement. Answers only after the commit, so every `accepted` event
 * is durable and will be rolled up exactly once; the rollup worker is woken right after.
 */
@Injectable()
export class UsageIngestionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly db: TenantSql,
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
    const sorted = byEventId(events);
    const columns = eventColumns(sorted);
    const identities = new Set(columns.identityKeys.filter((key) => key !== null)).size;
    type Stored = { complete: boolean; stored: string[] };
    for (let attempt = 1; ; attempt++) {
      try {
        const fast = (await this.db.first<Stored>(ingestionSql.store(receivedAt, columns, identities, apiKeyId)))!;
        if (fast.complete) return new Set(fast.stored);
        return await this.dataSource.transaction(async (manager) => {
          await this.matcher.createMissing(manager, workspaceId, sorted);
          const { stored } = (await this.db.first<Stored>(ingestionSql.store(receivedAt, columns, 0, apiKeyId), manager))!;
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
