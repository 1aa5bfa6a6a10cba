import { AppConfig } from '@greenlight/config';
import { CrmModule } from '@greenlight/crm';
import { IdentityModule, TenantContext, TenantSql } from '@greenlight/identity';
import { PilotsModule } from '@greenlight/pilots';
import { TelemetryModule } from '@greenlight/telemetry';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EntitlementsController } from './entitlements/entitlements.controller';
import { EntitlementsEdge } from './entitlements/entitlements.edge';
import { EntitlementsService } from './entitlements/entitlements.service';
import { GrantsCsvController } from './export/grants-csv.controller';
import { GRANT_EXPIRY_SETTINGS, GrantExpiry } from './expiry/grant-expiry';
import { GrantsLoaders } from './grants.loaders';
import { GrantChanges } from './grants/grant-changes';
import {
  AccessGrantChangeResolver,
  AccountGrantsResolver,
  ContactGrantsResolver,
  GrantResolver,
} from './grants/grant.resolver';
import { GrantsService } from './grants/grants.service';
import { BetaAccessStatistics } from './statistics/beta-access-statistics';
import { GrantUsageReader } from './usage/grant-usage';

/**
 * Access grants to the generator for accounts and contacts, their use from the usage rollups, and
 * the entitlements API the generator asks on sign-in (needs `ScheduleModule.forRoot()` and
 * `AppConfig` from the application).
 */
@Module({
  imports: [IdentityModule, CrmModule, TelemetryModule, PilotsModule],
  controllers: [EntitlementsController, GrantsCsvController],
  providers: [
    {
      provide: GRANT_EXPIRY_SETTINGS,
      useFactory: (config: AppConfig) => config.grantExpiry,
      inject: [AppConfig],
    },
    {
      provide: EntitlementsService,
      useFactory: (
        dataSource: DataSource,
        db: TenantSql,
        context: TenantContext,
        usage: GrantUsageReader,
        config: AppConfig,
        changes: GrantChanges,
      ) =>
        new EntitlementsService(dataSource, db, context, usage, config.entitlementsCacheSeconds * 1000, changes),
      inject: [DataSource, TenantSql, TenantContext, GrantUsageReader, AppConfig, GrantChanges],
    },
    EntitlementsEdge,
    GrantChanges,
    GrantsService,
    GrantsLoaders,
    GrantUsageReader,
    GrantExpiry,
    BetaAccessStatistics,
    GrantResolver,
    AccessGrantChangeResolver,
    AccountGrantsResolver,
    ContactGrantsResolver,
  ],
  exports: [GrantsService, GrantChanges, GrantUsageReader, GrantExpiry, EntitlementsService, EntitlementsEdge, GrantsLoaders],
})
export class GrantsModule {}
