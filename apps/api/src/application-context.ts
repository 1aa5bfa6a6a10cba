import { DynamicModule, INestApplicationContext, LoggerService, LogLevel, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@greenlight/config';
import { DataSource } from 'typeorm';

/** A connected data source and the configuration, given to the modules of an application context. */
@Module({})
class ConnectedDatabaseModule {
  static of(dataSource: DataSource, config: AppConfig): DynamicModule {
    return {
      module: ConnectedDatabaseModule,
      global: true,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: AppConfig, useValue: config },
      ],
      exports: [DataSource, AppConfig],
    };
  }
}

@Module({})
class ApplicationContextModule {}

interface ApplicationContextOptions {
  /** Nest's own logging (it is global to the process): left as it is when not given. */
  logger?: LoggerService | LogLevel[] | false;
}

/**
 * Runs `work` in a Nest application context (no HTTP server) of the application's own `modules` on a
 * connected `dataSource`: the command line and the demo seed get their services from the same
 * dependency graph as the server. The context is closed after `work`; the data source stays open.
 */
export async function withApplicationContext<T>(
  dataSource: DataSource,
  config: AppConfig,
  modules: (Type | DynamicModule)[],
  work: (context: INestApplicationContext) => Promise<T>,
  options: ApplicationContextOptions = {},
): Promise<T> {
  const context = await NestFactory.createApplicationContext(
    { module: ApplicationContextModule, imports: [ConnectedDatabaseModule.of(dataSource, config), ...modules] },
    { abortOnError: false, ...(options.logger === undefined ? {} : { logger: options.logger }) },
  );
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
