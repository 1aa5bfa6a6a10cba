import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createValidationPipe } from '@greenlight/common';
import { AppConfig } from '@greenlight/config';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { Logger } from 'pino';
import { AppModule } from './app.module';

/** Builds the HTTP application (not yet listening): shared by the server and the tests. */
export async function createApp(config: AppConfig, databaseUrl: string, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl, logger }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.useGlobalPipes(createValidationPipe());
  app.useBodyParser('json', { limit: '1mb' });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  return app;
}
