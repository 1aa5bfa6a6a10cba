import { DataSource } from 'typeorm';
import { ROLLUP_APPLY_BATCH, UsageRollupApplier } from './usage-rollup.applier';
import { UsageRollupRebuilder } from './usage-rollup.rebuild';
import { UsageRollupWorker } from './usage-rollup.worker';

/** An applier whose batches finish when the test says, with the number of deltas it says. */
function controlledApplier() {
  const waiting: ((claimed: number | null) => void)[] = [];
  const applier = {
    applyBatch: () => new Promise<number | null>((resolve) => waiting.push(resolve)),
  } as unknown as UsageRollupApplier;
  const finishBatch = async (claimed: number | null) => {
    while (waiting.length === 0) await new Promise((resolve) => setImmediate(resolve));
    (waiting.shift() as (claimed: number | null) => void)(claimed);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { applier, finishBatch };
}

describe('rollup worker back-pressure', () => {
  const workerWith = (applier: UsageRollupApplier) =>
    new UsageRollupWorker({} as DataSource, applier, {} as UsageRollupRebuilder);

  it('lets ingestion through at once while it keeps up', async () => {
    const { applier, finishBatch } = controlledApplier();
    const worker = workerWith(applier);
    worker.wake();
    await finishBatch(10);
    await expect(worker.caughtUp()).resolves.toBeUndefined();
    await worker.idle();
  });

  it('holds ingestion back while it claims full batches, until a batch comes back short', async () => {
    const { applier, finishBatch } = controlledApplier();
    const worker = workerWith(applier);
    worker.wake();
    await finishBatch(ROLLUP_APPLY_BATCH); // more waits than one transaction takes
    let released = false;
    const caughtUp = worker.caughtUp().then(() => (released = true));
    await finishBatch(ROLLUP_APPLY_BATCH);
    expect(released).toBe(false);
    await finishBatch(3);
    await caughtUp;
    expect(released).toBe(true);
    await worker.idle();
  });

  it('holds ingestion back no longer than its longest wait when the worker does not come back', async () => {
    const { applier, finishBatch } = controlledApplier();
    const worker = workerWith(applier);
    worker.wake();
    await finishBatch(ROLLUP_APPLY_BATCH);
    await expect(worker.caughtUp(20)).resolves.toBeUndefined(); // the next batch never finishes here
    await finishBatch(3);
    await worker.idle();
  });

  it('holds nobody back when another process holds the rollup lock', async () => {
    const { applier, finishBatch } = controlledApplier();
    const worker = workerWith(applier);
    worker.wake();
    await finishBatch(ROLLUP_APPLY_BATCH);
    await finishBatch(null);
    await expect(worker.caughtUp()).resolves.toBeUndefined();
    await worker.idle();
  });
});
