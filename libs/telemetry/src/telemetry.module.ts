import { CrmModule } from '@greenlight/crm';
import { IdentityModule } from '@greenlight/identity';
import { Module } from '@nestjs/common';
import { GeneratorIdentityResolver } from './identities/generator-identity.resolver';
import { GeneratorIdentityService } from './identities/generator-identity.service';
import { IdentityMatcher } from './identities/identity-matcher';
import { UsageController } from './ingestion/usage.controller';
import { UsageIngestionService } from './ingestion/usage-ingestion.service';
import { IngestionRateLimiter } from './rate-limit/ingestion-rate-limiter';
import { SegmentController } from './segment/segment.controller';
import { SegmentIngestionService } from './segment/segment-ingestion.service';
import { UsagePartitions } from './storage/usage-partitions';
import { UsageRollupApplier } from './rollups/usage-rollup.applier';
import { UsageRollupReader } from './rollups/usage-rollup.reader';
import { UsageRollupRebuilder } from './rollups/usage-rollup.rebuild';
import { UsageRollupWorker } from './rollups/usage-rollup.worker';
import { UsageStatistics } from './rollups/usage-statistics';
import { UsageSummaryResolver, UsageUserResolver } from './rollups/usage-summary.resolver';

/**
 * Usage telemetry: ingestion of generator events, their partitioned storage, identity mapping, and
 * the usage rollups (kept by a worker, read through UsageRollupReader).
 */
@Module({
  imports: [IdentityModule, CrmModule],
  controllers: [UsageController, SegmentController],
  providers: [
    UsagePartitions,
    IdentityMatcher,
    UsageIngestionService,
    IngestionRateLimiter,
    SegmentIngestionService,
    GeneratorIdentityService,
    GeneratorIdentityResolver,
    UsageRollupApplier,
    UsageRollupWorker,
    UsageRollupRebuilder,
    UsageRollupReader,
    UsageStatistics,
    UsageSummaryResolver,
    UsageUserResolver,
  ],
  exports: [
    UsagePartitions,
    UsageIngestionService,
    GeneratorIdentityService,
    UsageRollupReader,
    UsageStatistics,
    UsageRollupRebuilder,
    UsageRollupWorker,
  ],
})
export class TelemetryModule {}
