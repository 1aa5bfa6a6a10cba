import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SignInThrottle } from '../entities';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { ClsServiceManager } from 'nestjs-cls';
import { TenantContext } from '../context/tenant-context';
import { TenantSql } from '../sql/tenant-sql';

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgresThrottlerStorage', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let other: DataSource;
  let storage: PostgresThrottlerStorage;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await db.dataSource([SignInThrottle]);
    other = await db.dataSource([SignInThrottle]);
    storage = new PostgresThrottlerStorage(new TenantSql(dataSource, new TenantContext(ClsServiceManager.getClsService())));
  });
  afterAll(() => db.drop());

  const row = (key: string) => dataSource.getRepository(SignInThrottle).findOneBy({ key });

  it('counts hits in a window and reports the time left', async () => {
    const key = randomUUID();
    const first = await storage.increment(key, 15 * MINUTE, 5, 15 * MINUTE);
    expect(first).toEqual({ totalHits: 1, timeToExpire: 900, isBlocked: false, timeToBlockExpire: 0 });
    const second = await storage.increment(key, 15 * MINUTE, 5, 15 * MINUTE);
    expect(second.totalHits).toBe(2);
    expect(second.timeToExpire).toBeGreaterThan(890);
    expect(second.timeToExpire).toBeLessThanOrEqual(900);
  });

  it('counts concurrent hits from two connection pools exactly', async () => {
    const key = randomUUID();
    const stores = [storage, new PostgresThrottlerStorage(new TenantSql(other, new TenantContext(ClsServiceManager.getClsService())))];
    const records = await Promise.all(
      Array.from({ length: 60 }, (_, i) => stores[i % 2].increment(key, 15 * MINUTE, 1000, 15 * MINUTE)),
    );
    expect(records.map((record) => record.totalHits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    expect((await row(key))?.hits).toBe(60);
  });

  it('lets exactly `limit` concurrent hits through, blocks the rest and stops counting while blocked', async () => {
    const key = randomUUID();
    const records = await Promise.all(
      Array.from({ length: 30 }, () => storage.increment(key, 15 * MINUTE, 5, 10 * MINUTE)),
    );
    expect(records.filter((record) => !record.isBlocked)).toHaveLength(5);
    const blocked = records.filter((record) => record.isBlocked);
    expect(blocked).toHaveLength(25);
    for (const record of blocked) {
      expect(record.timeToBlockExpire).toBeGreaterThan(590);
      expect(record.timeToBlockExpire).toBeLessThanOrEqual(600);
    }
    expect((await row(key))?.hits).toBe(6);
  });

  it('starts over once the window has passed, and once a block has ended', async () => {
    const windowKey = randomUUID();
    await storage.increment(windowKey, 300, 5, 300);
    await storage.increment(windowKey, 300, 5, 300);
    await sleep(400);
    expect((await storage.increment(windowKey, 300, 5, 300)).totalHits).toBe(1);

    const blockKey = randomUUID();
    await storage.increment(blockKey, 15 * MINUTE, 1, 300);
    expect((await storage.increment(blockKey, 15 * MINUTE, 1, 300)).isBlocked).toBe(true);
    await sleep(400);
    expect(await storage.increment(blockKey, 15 * MINUTE, 1, 300)).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('takes back a refunded hit, but never lifts a block', async () => {
    const key = randomUUID();
    await storage.increment(key, 15 * MINUTE, 2, 15 * MINUTE);
    await storage.increment(key, 15 * MINUTE, 2, 15 * MINUTE);
    await storage.refund(key);
    expect((await row(key))?.hits).toBe(1);
    await storage.increment(key, 15 * MINUTE, 2, 15 * MINUTE);
    expect((await storage.increment(key, 15 * MINUTE, 2, 15 * MINUTE)).isBlocked).toBe(true);
    await storage.refund(key);
    expect((await storage.increment(key, 15 * MINUTE, 2, 15 * MINUTE)).isBlocked).toBe(true);
  });

  it('sweeps rows whose window and block are over, and keeps the others', async () => {
    const expired = randomUUID();
    const blocked = randomUUID();
    const live = randomUUID();
    await storage.increment(expired, 100, 5, 100);
    await storage.increment(blocked, 100, 0, 15 * MINUTE);
    await storage.increment(live, 15 * MINUTE, 5, 15 * MINUTE);
    await sleep(200);
    await storage.sweep();
    expect(await row(expired)).toBeNull();
    expect(await row(blocked)).not.toBeNull();
    expect(await row(live)).not.toBeNull();
  });
});
