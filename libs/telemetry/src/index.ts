export * from './entities';
export * from './telemetry.module';
export { readsOwnBody } from './ingestion/request-body';
export { UsageIngestionService } from './ingestion/usage-ingestion.service';
export type { IngestionResult, EventResult } from './ingestion/usage-event';
export { UsagePartitions } from './storage/usage-partitions';
export { GeneratorIdentityService } from './identities/generator-identity.service';
