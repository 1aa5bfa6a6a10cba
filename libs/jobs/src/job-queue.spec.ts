import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import * as timersPromises from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { JOB_QUEUE_OPTIONS, JobData, JobDefinition, JobQueue, JobQueueOptions } from './job-queue';

let db: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = await db.dataSource([]);
});
afterAll(() => db.drop());

/** An application with one job, started like the API starts (module init, then bootstrap). */
async function appWith(definition: JobDefinition, options: JobQueueOptions = {}) {
  @Injectable()
  class Registrar implements OnModuleInit {
    constructor(readonly jobs: JobQueue) {}
    onModuleInit() {
      this.jobs.register(definition);
    }
  }
  const module = await Test.createTestingModule({
    providers: [
      { provide: DataSource, useValue: dataSource },
      { provide: JOB_QUEUE_OPTIONS, useValue: { pollingIntervalSeconds: 0.5, ...options } },
      JobQueue,
      Registrar,
    ],
  }).compile();
  const app = module.createNestApplication({ logger: false });
  await app.init();
  return { app, jobs: app.get(JobQueue) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

/** No worker loop of a closed queue is left: pg-boss looks for a running one every second through this timer. */
async function expectNoWorkerLoopLeft(): Promise<void> {
  const timers = jest.spyOn(timersPromises, 'setTimeout');
  try {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(timers).not.toHaveBeenCalled();
  } finally {
    timers.mockRestore();
  }
}

describe('JobQueue', () => {
  it('retries a failing workspace job with backoff and sets it aside, while the other workspaces are served', async () => {
    const attempts: Record<string, number[]> = {};
    const { app, jobs } = await appWith({
      name: 'test.deliver',
      retryLimit: 2,
      retryDelaySeconds: 1,
      handle: async (data: JobData, run) => {
        const workspace = String(data.workspaceId);
        (attempts[workspace] ??= []).push(run.retryCount);
        if (workspace === 'A') throw new Error('receiver answered 500');
      },
    });
    try {
      await jobs.send('test.deliver', { workspaceId: 'A' });
      await jobs.send('test.deliver', { workspaceId: 'B' });
      await jobs.send('test.deliver', { workspaceId: 'C' });

      const [failed] = await until('the failing job to be set aside', async () => {
        const found = await jobs.failed('test.deliver');
        return found.length ? found : undefined;
      });
      expect(failed).toMatchObject({
        data: { workspaceId: 'A' },
        retryCount: 2,
        error: 'receiver answered 500',
      });
      expect(attempts).toEqual({ A: [0, 1, 2], B: [0], C: [0] });
      expect(await jobs.counts('test.deliver')).toEqual({ completed: 2, failed: 1 });

      const [stored] = await dataSource.query(
        `SELECT retry_delay, retry_backoff FROM pgboss.job WHERE id = $1`,
        [failed.id],
      );
      expect(stored).toEqual({ retry_delay: 1, retry_backoff: true });
    } finally {
      await app.close();
    }
  });

  it('on stop finishes the running job and leaves the queued one to the next start, which runs it once', async () => {
    const finished: string[] = [];
    const running = gate();
    const release = gate();
    const definition: JobDefinition = {
      name: 'test.ordered',
      concurrency: 1,
      handle: async (data) => {
        if (data.step === 'first') {
          running.open();
          await release.opened;
        }
        finished.push(String(data.step));
      },
    };
    const first = await appWith(definition);
    await first.jobs.send('test.ordered', { step: 'first' });
    await running.opened;
    await first.jobs.send('test.ordered', { step: 'second' });
    const closing = first.app.close();
    setTimeout(release.open, 300);
    await closing;
    expect(finished).toEqual(['first']);

    const second = await appWith(definition);
    try {
      await until('the queued job to run after the restart', () =>
        finished.length === 2 ? true : undefined,
      );
      expect(finished).toEqual(['first', 'second']);
      expect(await second.jobs.counts('test.ordered')).toEqual({ completed: 2 });
    } finally {
      await second.app.close();
    }
  });

  it('aborts a job still running when the stop timeout is over, and the next start retries it', async () => {
    const runs: number[] = [];
    const definition: JobDefinition = {
      name: 'test.interrupted',
      retryDelaySeconds: 0,
      handle: async (_data, run) => {
        runs.push(run.retryCount);
        if (run.retryCount > 0) return;
        await new Promise((resolve) => run.signal.addEventListener('abort', resolve));
        throw run.signal.reason;
      },
    };
    const first = await appWith(definition, { stopTimeoutMs: 1000 });
    await first.jobs.send('test.interrupted', { workspaceId: 'A' });
    await until('the first attempt', () => (runs.length ? true : undefined));
    await first.app.close();

    const second = await appWith(definition);
    try {
      await until('the retry after the restart', async () =>
        (await second.jobs.counts('test.interrupted')).completed === 1 ? true : undefined,
      );
      expect(runs).toEqual([0, 1]);
    } finally {
      await second.app.close();
    }
  });

  it('closes only once a run that ignores its abort has ended, leaving no worker of the queue behind', async () => {
    let ended = false;
    const started = gate();
    const definition: JobDefinition = {
      name: 'test.stubborn',
      retryDelaySeconds: 0,
      handle: async (_data, run) => {
        if (run.retryCount > 0) return;
        started.open();
        await new Promise((resolve) => run.signal.addEventListener('abort', resolve));
        await new Promise((resolve) => setTimeout(resolve, 3000)); // past the 2 s pg-boss gives it
        ended = true;
      },
    };
    const first = await appWith(definition, { stopTimeoutMs: 1000 });
    await first.jobs.send('test.stubborn', { workspaceId: 'A' });
    // the run itself has begun (a job only fetched when stopping begins is left for a retry instead)
    await started.opened;
    await first.app.close();
    expect(ended).toBe(true);
    await expectNoWorkerLoopLeft();
  });

  it('closes with workers that were waiting for a connection: each of their loops ends', async () => {
    // twelve workers on the queue's three connections: while the job table is locked, three fetches
    // wait on the lock and nine for a connection
    const { app, jobs } = await appWith({ name: 'test.crowded', concurrency: 12, handle: async () => undefined });
    await jobs.counts('test.crowded');
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query('LOCK TABLE pgboss.job IN ACCESS EXCLUSIVE MODE');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const closed = app.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await lock.rollbackTransaction();
    await lock.release();
    await closed;
    await expectNoWorkerLoopLeft();
  });

  it('refuses a job that is not registered', async () => {
    const { app, jobs } = await appWith({ name: 'test.known', handle: async () => undefined });
    try {
      await expect(jobs.send('test.unknown', {})).rejects.toThrow('job test.unknown is not registered');
    } finally {
      await app.close();
    }
  });
});
