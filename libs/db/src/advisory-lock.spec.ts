import { DataSource } from 'typeorm';
import { lockForTransaction, tryLockForTransaction, withAdvisoryLock, withAdvisoryLockIfFree } from './advisory-lock';
import { createDataSource } from './data-source';

describe('advisory locks', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    // advisory locks belong to the server, not a database: the run's server database will do
    dataSource = createDataSource({ url: process.env.GREENLIGHT_TEST_SERVER_URL!, entities: [], poolSize: 4 });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  it('holds a session lock while the work runs, releases it after, even when the work fails', async () => {
    const key = [101, 'advisory-lock.spec'] as const;
    await expect(
      withAdvisoryLock(dataSource, key, async () => {
        expect((await withAdvisoryLockIfFree(dataSource, key, async () => 'ran')).locked).toBe(false);
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await withAdvisoryLockIfFree(dataSource, key, async () => 'ran')).toEqual({ locked: true, result: 'ran' });
  });

  it('a waiting session gets the lock once the holder lets go', async () => {
    const order: string[] = [];
    let release!: () => void;
    const holding = withAdvisoryLock(dataSource, 4242, async () => {
      order.push('first');
      await new Promise<void>((resolve) => (release = resolve));
    });
    while (!release) await new Promise((resolve) => setTimeout(resolve, 10));
    const waiting = withAdvisoryLock(dataSource, 4242, async () => order.push('second'));
    order.push('released');
    release();
    await Promise.all([holding, waiting]);
    expect(order).toEqual(['first', 'released', 'second']);
  });

  it('a transaction lock lasts until the transaction ends', async () => {
    await dataSource.transaction(async (manager) => {
      await lockForTransaction(manager, 'advisory-lock.spec.transaction');
      await dataSource.transaction(async (other) =>
        expect(await tryLockForTransaction(other, 'advisory-lock.spec.transaction')).toBe(false),
      );
    });
    await dataSource.transaction(async (manager) =>
      expect(await tryLockForTransaction(manager, 'advisory-lock.spec.transaction')).toBe(true),
    );
  });
});
