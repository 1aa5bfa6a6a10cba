import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { QueueDatabase } from './queue-database';

/** The schema pg-boss keeps its tables in, beside the application's `public` schema. */
export const JOBS_SCHEMA = 'pgboss';

/** What a job of a queue carries: JSON, usually naming the workspace it works for. */
export type JobData = Record<string, unknown>;

export interface JobRun {
  id: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborted when the queue stops and the run is past the stop timeout: give up, it is retried. */
  signal: AbortSignal;
}

export interface JobDefinition<T extends JobData = JobData> {
  /** The queue's name: letters, digits and `.-_`, e.g. `capture.poll-calendar`. */
  name: string;
  /** Does the work; a throw (or a run past `expireInSeconds`) fails this attempt only. */
  handle(data: T, run: JobRun): Promise<void>;
  /** Attempts after the first (default 5); then the job is set aside as failed. */
  retryLimit?: number;
  /** Seconds before the first retry (default 30). */
  retryDelaySeconds?: number;
  /** Doubles the delay after each failed attempt (default true). */
  retryBackoff?: boolean;
  /** An attempt still running after this long counts as failed (default 15 minutes). */
  expireInSeconds?: number;
  /** Jobs of this queue this process runs at once (default 2). */
  concurrency?: number;
  /** Sends `{}` on this cron schedule (UTC), once across all instances. */
  cron?: string;
}

export interface SendOptions {
  /** Runs no earlier than this (a date, or seconds from now). */
  startAfter?: Date | number;
  /** At most one queued (not yet started) job with this key per queue. */
  singletonKey?: string;
}

export interface FailedJob {
  id: string;
  data: JobData;
  retryCount: number;
  error: string;
  failedAt: Date;
}

export interface JobQueueOptions {
  /** Runs the registered jobs in this process (default true); false only sends (commands). */
  work?: boolean;
  /** How often an idle worker looks for jobs sent by other instances (default 2 s). */
  pollingIntervalSeconds?: number;
  /**
   * How long stopping waits for running jobs before aborting their signal (default 10 s); a run
   * that ignores it is failed 2 s later. Either way the job is retried.
   */
  stopTimeoutMs?: number;
}

export const JOB_QUEUE_OPTIONS = 'JOB_QUEUE_OPTIONS';

const ABANDON_AFTER_ABORT_MS = 2000;
/** How long stopping waits, after pg-boss has given up on them, for runs that ignore their abort. */
const ABANDONED_RUNS_WAIT_MS = 10_000;
/**
 * After a run that ignored its abort ends, its worker still records the job's end (a statement on the
 * queue's connections) before its loop stops; pg-boss looks for stopped workers once a second.
 */
const WORKER_REMOVAL_TICK_MS = 1100;

/**
 * The durable job queue (pg-boss, in its own schema of the application's database). Features
 * `register` their jobs while the application initialises (`onModuleInit`); the queue starts with
 * the application and stops with it: workers stop fetching, running jobs get `stopTimeoutMs` to
 * finish, and any still running are failed so another instance (or the next start) retries them.
 * Each job is retried and set aside on its own, so one workspace's failing job never holds up
 * another's.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly workers = new Map<string, string[]>();
  private readonly boss: PgBoss;
  private readonly database: QueueDatabase;
  private started?: Promise<void>;
  private stopped?: Promise<void>;
  private lastError?: string;
  /** The running jobs: their abort and their end. */
  private readonly runs = new Map<AbortController, Promise<unknown>>();

  constructor(
    dataSource: DataSource,
    @Optional() @Inject(JOB_QUEUE_OPTIONS) private readonly options: JobQueueOptions = {},
  ) {
    const { url } = dataSource.options as { url?: string };
    if (!url) throw new Error('The job queue needs the database URL of the data source');
    this.database = new QueueDatabase(url, 3, (error) => this.reportError(error));
    this.boss = new PgBoss({
      db: this.database,
      schema: JOBS_SCHEMA,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    });
    this.boss.on('error', (error) => this.reportError(error));
  }

  /** Declares a job; call it from `onModuleInit` (or any time before `send`). */
  register<T extends JobData>(definition: JobDefinition<T>): void {
    if (this.definitions.has(definition.name)) throw new Error(`job ${definition.name} is registered twice`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition);
    if (this.started) void this.started.then(() => this.attach(definition as unknown as JobDefinition));
  }

  /** Queues a job; resolves to its id, or null when `singletonKey` found one already queued. */
  async send(name: string, data: JobData, options: SendOptions = {}): Promise<string | null> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`job ${name} is not registered`);
    await this.start();
    const startAfter = options.startAfter;
    const id = await this.boss.send(name, data, {
      ...(startAfter === undefined ? {} : { startAfter }),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    });
    if (id && startAfter === undefined)
      for (const worker of this.workers.get(name) ?? []) this.boss.notifyWorker(worker);
    return id;
  }

  /** Queues many jobs of one queue in one statement, to run as soon as a worker is free. */
  async sendMany(name: string, data: readonly JobData[]): Promise<void> {
    if (!this.definitions.has(name)) throw new Error(`job ${name} is not registered`);
    if (data.length === 0) return;
    await this.start();
    await this.boss.insert(data.map((item) => ({ name, data: item })));
    for (const worker of this.workers.get(name) ?? []) this.boss.notifyWorker(worker);
  }

  /** The jobs of a queue that used up their retries, newest first. */
  async failed(name: string, limit = 100): Promise<FailedJob[]> {
    await this.start();
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT id, data, retry_count, output, completed_on
         FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND state = 'failed'
        ORDER BY completed_on DESC LIMIT $2`,
      [name, limit],
    );
    return rows.map(
      (row: { id: string; data: JobData; retry_count: number; output: unknown; completed_on: Date }) => ({
        id: row.id,
        data: row.data,
        retryCount: row.retry_count,
        error: errorText(row.output),
        failedAt: row.completed_on,
      }),
    );
  }

  /** Counts of a queue's jobs by state (created, retry, active, completed, failed, cancelled). */
  async counts(name: string): Promise<Record<string, number>> {
    await this.start();
    const { rows } = await this.boss
      .getDb()
      .executeSql(
        `SELECT state, count(*)::int AS count FROM ${JOBS_SCHEMA}.job WHERE name = $1 GROUP BY state`,
        [name],
      );
    return Object.fromEntries(rows.map((row: { state: string; count: number }) => [row.state, row.count]));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.definitions.size > 0) await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Creates the schema on first use (under pg-boss's own lock), the queues, and their workers. */
  start(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the job queue is stopped'));
    this.started ??= (async () => {
      await this.boss.start();
      for (const definition of this.definitions.values()) await this.attach(definition);
    })();
    return this.started;
  }

  /** Stops fetching, lets running jobs finish within `stopTimeoutMs`, then aborts them for a retry. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      if (!this.started) return;
      await this.started.catch(() => undefined);
      const timeout = this.options.stopTimeoutMs ?? 10_000;
      const abort = setTimeout(() => {
        for (const run of this.runs.keys()) run.abort(new Error('the job queue is stopping'));
      }, timeout);
      try {
        await this.boss.stop({ graceful: true, wait: true, timeout: timeout + ABANDON_AFTER_ABORT_MS });
      } finally {
        clearTimeout(abort);
      }
      // pg-boss stops waiting for a run that ignores its abort (the job is failed for a retry), but
      // its worker loop keeps polling until that run ends: wait for both, so nothing of the queue
      // outlives the application.
      const abandoned = [...this.runs.values()];
      if (abandoned.length > 0) {
        await Promise.race([Promise.all(abandoned), sleep(ABANDONED_RUNS_WAIT_MS)]);
        await sleep(WORKER_REMOVAL_TICK_MS);
      }
      // the workers' last fetches are answered (a job handed over now is left for a retry), so every
      // worker loop ends and pg-boss's look for stopped workers finds them all stopped
      await this.database.close(ABANDONED_RUNS_WAIT_MS);
    })();
    return this.stopped;
  }

  private async attach(definition: JobDefinition): Promise<void> {
    const { name } = definition;
    await this.boss.createQueue(name, {
      name,
      retryLimit: definition.retryLimit ?? 5,
      retryDelay: definition.retryDelaySeconds ?? 30,
      retryBackoff: definition.retryBackoff ?? true,
      expireInSeconds: definition.expireInSeconds ?? 15 * 60,
    });
    if (definition.cron) await this.boss.schedule(name, definition.cron, {}, { tz: 'UTC' });
    if (this.options.work === false) return;
    const ids: string[] = [];
    for (let i = 0; i < (definition.concurrency ?? 2); i++) {
      let worker = '';
      worker = await this.boss.work<JobData>(name, { includeMetadata: true, batchSize: 1 }, async ([job]) => {
          // a fetch in flight when stopping began can still hand over a job: leave it for a retry
          if (this.stopped) throw new Error('the job queue is stopping');
          const run = new AbortController();
          const handled = (async () =>
            definition.handle(job.data, { id: job.id, retryCount: job.retryCount, signal: run.signal }))();
          this.runs.set(run, handled.catch(() => undefined));
          try {
            await handled;
          } catch (error) {
            const attempts = `attempt ${job.retryCount + 1} of ${job.retryLimit + 1}`;
            this.logger.warn(
              `job ${name} ${job.id}${workspaceOf(job.data)} failed (${attempts}): ${(error as Error).message}`,
            );
            throw error;
          } finally {
            this.runs.delete(run);
            // a worker that found a job looks for the next at once instead of after the polling interval
            if (worker) this.boss.notifyWorker(worker);
          }
        });
      ids.push(worker);
    }
    this.workers.set(name, ids);
  }

  /** The database may be away for a while: say each distinct problem once. */
  private reportError(error: Error): void {
    if (error.message === this.lastError) return;
    this.lastError = error.message;
    this.logger.warn(`job queue: ${error.message}`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function workspaceOf(data: JobData): string {
  return typeof data.workspaceId === 'string' ? ` (workspace ${data.workspaceId})` : '';
}

function errorText(output: unknown): string {
  if (output && typeof output === 'object' && 'message' in output) return String(output.message);
  return output === null || output === undefined ? '' : JSON.stringify(output);
}
