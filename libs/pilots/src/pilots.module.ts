import { AppConfig } from '@greenlight/config';
import { CrmModule, TimelineSources } from '@greenlight/crm';
import { IdentityModule } from '@greenlight/identity';
import { TelemetryModule } from '@greenlight/telemetry';
import { Module } from '@nestjs/common';
import { CriteriaService } from './criteria/criteria.service';
import { PilotCriterionResolver } from './criteria/criterion.resolver';
import { CriteriaMetRecorder } from './criteria/criteria-met';
import { PILOT_RISK_SETTINGS, PilotEvaluator } from './evaluation/pilot-evaluator';
import { PilotsLoaders } from './pilots.loaders';
import { AccountPilotsResolver, PilotResolver, PilotStatusChangeResolver } from './pilots/pilot.resolver';
import { PilotsService } from './pilots/pilots.service';
import { PilotStatistics } from './statistics/pilot-statistics';
import { PilotTimelineSource } from './timeline/pilot-timeline.source';

/**
 * Pilots: time-boxed integrations with accounts, their status history and success criteria (needs
 * `AppConfig` from the application).
 */
@Module({
  imports: [IdentityModule, CrmModule, TelemetryModule],
  providers: [
    { provide: PILOT_RISK_SETTINGS, useFactory: (config: AppConfig) => config.pilotRisk, inject: [AppConfig] },
    PilotsService,
    CriteriaService,
    PilotsLoaders,
    PilotEvaluator,
    CriteriaMetRecorder,
    PilotStatistics,
    PilotTimelineSource,
    PilotResolver,
    PilotStatusChangeResolver,
    PilotCriterionResolver,
    AccountPilotsResolver,
  ],
  exports: [PilotsService, CriteriaService, CriteriaMetRecorder, PilotEvaluator, PilotsLoaders, PilotStatistics],
})
export class PilotsModule {
  // Registered while the module is built, so the GraphQL schema (built later) knows the item type.
  constructor(timeline: TimelineSources, source: PilotTimelineSource) {
    timeline.register(source);
  }
}
