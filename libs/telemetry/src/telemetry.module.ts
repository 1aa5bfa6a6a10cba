import { CrmModule } from '@greenlight/crm';
import { IdentityModule } from '@greenlight/identity';
import { Module } from '@nestjs/common';
import { GeneratorIdentityResolver } from './identities/generator-identity.resolver';
import { GeneratorIdentityService } from './identities/generator-identity.service';
import { IdentityMatcher } from './identities/identity-matcher';
import { UsageController } from './ingestion/usage.controller';
import { UsageIngestionService } from './ingestion/usage-ingestion.service';
import { UsagePartitions } from './storage/usage-partitions';

/** Usage telemetry: ingestion of generator events, their partitioned storage, identity mapping. */
@Module({
  imports: [IdentityModule, CrmModule],
  controllers: [UsageController],
  providers: [
    UsagePartitions,
    IdentityMatcher,
    UsageIngestionService,
    GeneratorIdentityService,
    GeneratorIdentityResolver,
  ],
  exports: [UsagePartitions, UsageIngestionService, GeneratorIdentityService],
})
export class TelemetryModule {}
