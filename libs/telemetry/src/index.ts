export * from './entities';
export * from './telemetry.module';
export { UsageIngestionService } from './ingestion/usage-ingestion.service';
export type { IngestionResult, EventResult } from './ingestion/usage-event';
export { UsagePartitions } from './storage/usage-partitions';
export { GeneratorIdentityService } from './identities/generator-identity.service';
export { UsageRollupReader, windowLength } from './rollups/usage-rollup.reader';
export type {
  UsageTotals,
  UsageDay,
  UsageByModel,
  RollupFreshness,
  QuarantinedRollupDelta,
} from './rollups/usage-rollup.reader';
export { UsageStatistics, bucketStarts, previousWindow, NO_USAGE } from './rollups/usage-statistics';
export type {
  AccountRanking,
  AccountUsageSums,
  AttributionFigures,
  DayWindow,
  UsageBucketSums,
  UsageGranularity,
  UsageMeasure,
  UsageScope,
  UsageSeries,
  UsageSums,
  UsersByBucket,
} from './rollups/usage-statistics';
export { bucketPeriods, coverOf } from './rollups/usage-periods';
export type { UsageGrain, UsagePeriod } from './rollups/usage-periods';
export { periodRollupsFromDays, ROLLUP_LOCK } from './rollups/rollup-sql';
export { UsageRollupRebuilder } from './rollups/usage-rollup.rebuild';
export type { RebuildProgress, RebuildResult } from './rollups/usage-rollup.rebuild';
export { UsageRollupWorker } from './rollups/usage-rollup.worker';
export { UsageRollupApplier } from './rollups/usage-rollup.applier';
export { RENDER_BUCKET_EDGES, RENDER_BUCKETS, medianFromHistogram, renderBucket } from './rollups/render-histogram';
