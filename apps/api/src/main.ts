import 'reflect-metadata';
import { AppConfig, ConfigError } from '@greenlight/config';
import { DatabaseHandle, EmbeddedPostgresError, startDatabase } from '@greenlight/db';
import { JobQueue } from '@greenlight/jobs';
import { NestExpressApplication } from '@nestjs/platform-express';
import { performance } from 'node:perf_hooks';
import { Logger } from 'pino';
import { createApp } from './bootstrap';
import { HttpDrain } from './http-drain';
import { createLogger } from './logger';
import { prepareDatabase } from './migrate';
import { seedDemoUsageOnFirstRun, seedOnFirstRun, startupBanner } from './demo/seed';

/** What is running so far; a signal at any moment stops exactly that, in order. */
interface Running {
  database?: DatabaseHandle;
  app?: NestExpressApplication;
  http?: HttpDrain;
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
  const stop = stopper(running, config, logger);
  process.on('SIGTERM', (signal) => void stop(`${signal} received`, 0));
  process.on('SIGINT', (signal) => void stop(`${signal} received`, 0));
  try {
    running.database = await startDatabase(config, (level, message) => logger[level](message));
    // the embedded PostgreSQL died and could not be started again: exit non-zero for a supervisor
    void running.database.lost?.then((error) => stop(error.message, 1));
    await prepareDatabase(running.database.url, logger);

    running.app = await createApp(config, running.database.url, logger);
    await seedOnFirstRun(running.app, config, logger);
    running.http = new HttpDrain(running.app.getHttpServer());
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

/**
 * Stops exactly what is running, in order: stop accepting, finish the requests in flight (closing
 * their keep-alive connections, refusing later requests on them) and the running jobs, close the pool, stop the embedded
 * server; then exit with `exitCode`, or 1 past SHUTDOWN_TIMEOUT_MS.
 */
function stopper(running: Running, config: AppConfig, logger: Logger) {
  let stopping = false;
  return async (reason: string, exitCode: 0 | 1) => {
    if (stopping) return;
    stopping = true;
    const log = exitCode === 0 ? logger.info.bind(logger) : logger.fatal.bind(logger);
    log(`${reason}: finishing ${running.http?.requestsInFlight ?? 0} requests in flight and stopping`);
    const deadline = setTimeout(() => {
      logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms: exiting anyway`);
      void (running.database?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
    }, config.shutdownTimeoutMs);
    deadline.unref();
    try {
      // background jobs stop fetching at once and finish beside the requests in flight
      await Promise.all([running.http?.drain(), running.app?.get(JobQueue).stop()]);
      await running.app?.close();
      await running.database?.stop();
      logger.info(exitCode === 0 ? 'stopped cleanly' : 'stopped');
      logger.flush();
      process.exit(exitCode);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      await running.database?.stop().catch(() => undefined);
      process.exit(1);
    }
  };
}

void main();
