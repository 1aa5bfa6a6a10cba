import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createValidationPipe, DatabaseUnavailableFilter } from '@greenlight/common';
import { AppConfig } from '@greenlight/config';
import { EntitlementsEdge } from '@greenlight/grants';
import cors from 'cors';
import helmet from 'helmet';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'pino';
import { AppModule } from './app.module';
import { GRAPHQL_PATH } from './graphql/graphql.options';
import { NestPinoLogger } from './http/nest-logger';
import { answerAtEdge } from './http/edge';
import { beginRequest, requestContext } from './http/request-context';
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
      // body parsers only where a parsed body is read: see parsesJsonBody
      bodyParser: false,
    },
  );
  app.useLogger(new NestPinoLogger(logger));
  // first: every later middleware, guard and resolver runs in the request's context
  app.use(requestContext(logger));
  app.useGlobalPipes(createValidationPipe());
  // PostgreSQL away (restarting, failing over): 503 with Retry-After, not an internal error
  app.useGlobalFilters(new DatabaseUnavailableFilter(app.get(HttpAdapterHost).httpAdapter));
  app.useBodyParser('json', { limit: '1mb', type: parsesJsonBody });
  app.use(securityHeaders(config));
  serveWebApp(app);
  app.enableCors(corsOptions(config));
  // repeat entitlements callers answered from memory, ahead of Express
  if (config.entitlementsEdge)
    answerAtEdge(app.getHttpServer(), app.get(EntitlementsEdge), beginRequest(logger), [
      securityHeaders(config),
      cors(corsOptions(config)),
    ]);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Express would hash every answer for an ETag: GraphQL answers are never cached (no-store), and
  // the routes whose answers have versions send their own (entitlements)
  app.set('etag', false);
  return app;
}

const GRAPHQL_ROUTE = new RegExp(`^${GRAPHQL_PATH}(/|\\?|$)`, 'i');

/**
 * Only GraphQL takes a parsed body; REST routes read their own request streams (ingestion, CSV),
 * so no parser ever consumes a body that a handler then waits for. Paths match without regard to
 * case, as the router matches them.
 */
function parsesJsonBody(request: IncomingMessage): boolean {
  return (
    GRAPHQL_ROUTE.test(request.url ?? '') &&
    /^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')
  );
}

function corsOptions(config: AppConfig) {
  return {
    origin: config.corsOrigins,
    credentials: true,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'apollo-require-preflight'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  };
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
