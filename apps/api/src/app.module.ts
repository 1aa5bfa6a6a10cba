import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@greenlight/config';
import { dataSourceOptions } from '@greenlight/db';
import { AnalyticsModule } from '@greenlight/analytics';
import { CaptureModule } from '@greenlight/capture';
import { CrmModule } from '@greenlight/crm';
import { GrantsModule } from '@greenlight/grants';
import { AccountHealthModule } from '@greenlight/health';
import { IdentityModule } from '@greenlight/identity';
import { JOB_QUEUE_OPTIONS, JobQueueOptions, JobsModule } from '@greenlight/jobs';
import { PilotsModule } from '@greenlight/pilots';
import { TelemetryModule } from '@greenlight/telemetry';
import { WebhooksModule } from '@greenlight/webhooks';
import { Logger } from 'pino';
import { databaseOptions } from './database';
import { graphqlOptions } from './graphql/graphql.options';
import { ProbesModule } from './probes/probes.module';
import { SystemResolver } from './system/system.resolver';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  logger: Logger;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, logger }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions(
            databaseOptions(databaseUrl, config.databasePoolSize, config.requestDatabaseLimits),
          ),
        ),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          ...graphqlOptions(config, logger),
        }),
        ProbesModule,
        JobsModule,
        IdentityModule,
        CrmModule,
        TelemetryModule,
        PilotsModule,
        GrantsModule,
        ScheduleModule.forRoot(),
        AccountHealthModule,
        AnalyticsModule,
        CaptureModule,
        WebhooksModule,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: JOB_QUEUE_OPTIONS, useValue: jobQueueOptions(config) },
        SystemResolver,
      ],
      exports: [AppConfig, JOB_QUEUE_OPTIONS],
    };
  }
}

/** Running jobs get two thirds of the shutdown time before they are aborted (and retried later). */
function jobQueueOptions(config: AppConfig): JobQueueOptions {
  return { stopTimeoutMs: Math.max(1000, Math.round((config.shutdownTimeoutMs * 2) / 3) - 2000) };
}
