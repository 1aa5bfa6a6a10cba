import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createValidationPipe, DatabaseUnavailableFilter } from '@greenlight/common';
import { AppConfig } from '@greenlight/config';
import { readsOwnBody } from '@greenlight/telemetry';
import helmet from 'helmet';
import type { IncomingMessage } from 'node:http';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { Logger } from 'pino';
import { AppModule } from './app.module';
import { serveWebApp } from './web/serve-web-app';

/** Builds the HTTP application (not yet listening): shared by the server and the tests. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  logger: Logger,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl, logger }),
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(PinoNestLogger));
  app.useGlobalPipes(createValidationPipe());
  // PostgreSQL away (restarting, failing over): 503 with Retry-After, not an internal error
  app.useGlobalFilters(new DatabaseUnavailableFilter(app.get(HttpAdapterHost).httpAdapter));
  app.useBodyParser('json', {
    limit: '1mb',
    // ingestion routes read their own bodies (5 MB, NDJSON)
    type: (req: IncomingMessage) =>
      !readsOwnBody(req.url) && /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? ''),
  });
  app.use(securityHeaders(config));
  serveWebApp(app);
  app.enableCors({
    origin: config.corsOrigins,
    credentials: true,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'apollo-require-preflight'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  return app;
}

/**
 * Helmet's headers. In production a strict same-origin content policy; in development the policy is
 * relaxed so the GraphQL landing page (scripts from Apollo's CDN) and Vite's dev client work.
 */
function securityHeaders(config: AppConfig) {
  return helmet({
    contentSecurityPolicy: config.isProduction
      ? { useDefaults: true, directives: { 'img-src': ["'self'", 'data:'], 'connect-src': ["'self'"] } }
      : false,
    crossOriginEmbedderPolicy: false,
    hsts: config.isProduction,
  });
}
