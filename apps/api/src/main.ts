import 'reflect-metadata';
import { AppConfig, ConfigError } from '@greenlight/config';
import { DatabaseHandle, EmbeddedPostgresError, startDatabase } from '@greenlight/db';
import { NestExpressApplication } from '@nestjs/platform-express';
import { performance } from 'node:perf_hooks';
import { Logger } from 'pino';
import { createApp } from './bootstrap';
import { createLogger } from './logger';
import { prepareDatabase } from './migrate';
import { seedDemoUsageOnFirstRun, startupBanner } from './seed';

/** What is running so far; a signal at any moment stops exactly that, in order. */
interface Running {
  database?: DatabaseHandle;
  app?: NestExpressApplication;
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const running: Running = {};
  handleSignals(running, config, logger);
  try {
    running.database = await startDatabase(config, (level, message) => logger[level](message));
    await prepareDatabase(running.database.url, config, logger);

    running.app = await createApp(config, running.database.url, logger);
    await running.app.listen(config.port, config.host);

    logger.info(`Greenlight is ready in ${Math.round(performance.now())} ms`);
    const url = `http://localhost:${config.port}`;
    process.stdout.write(
      `\n  Greenlight is running at ${url}\n  GraphQL: ${url}/graphql   Health: ${url}/health/ready\n` +
        (await startupBanner(running.app)) +
        `  Press Ctrl-C to stop.\n\n`,
    );
    void seedDemoUsageOnFirstRun(running.app, config, logger).catch((error) =>
      logger.warn({ err: error }, 'demo usage not finished: it resumes at the next start'),
    );
  } catch (error) {
    const known = error instanceof EmbeddedPostgresError;
    if (known) logger.fatal((error as Error).message);
    else logger.fatal({ err: error }, 'Greenlight could not start');
    await running.app?.close().catch(() => undefined);
    await running.database?.stop().catch(() => undefined);
    logger.flush();
    process.exit(1);
  }
}

/** SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the pool, stop the embedded server. */
function handleSignals(running: Running, config: AppConfig, logger: Logger): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: finishing in-flight requests`);
    const deadline = setTimeout(() => {
      logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms: exiting anyway`);
      void (running.database?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
    }, config.shutdownTimeoutMs);
    deadline.unref();
    try {
      const app = running.app;
      if (app) {
        await new Promise<void>((resolve) => app.getHttpServer().close(() => resolve()));
        await app.close();
      }
      await running.database?.stop();
      logger.info('stopped cleanly');
      logger.flush();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      await running.database?.stop().catch(() => undefined);
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}

void main();
