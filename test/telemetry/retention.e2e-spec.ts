import { AppConfig } from '@greenlight/config';
import { systemPrincipal, TenantContext } from '@greenlight/identity';
import { UsagePartitions, UsageRollupReader, UsageRollupRebuilder } from '@greenlight/telemetry';
import { DataSource } from 'typeorm';
import { createWorkspace, signIn, WorkspaceFixture } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey, postUsage } from './support';
import { rollupSnapshot, waitForRollups } from './rollup-support';

/** The first day of the month `offset` months from this one (UTC), and its partition's name. */
function month(offset: number) {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCMonth(d.getUTCMonth() + offset);
  const name = `usage_event_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  return {
    first: d.toISOString().slice(0, 10),
    mid: new Date(d.getTime() + 14 * 86_400_000).toISOString(),
    name,
  };
}

describe('usage retention (USAGE_RETENTION_MONTHS)', () => {
  let api: TestApp;
  let a: WorkspaceFixture;
  let key: string;
  let db: DataSource;

  const event = (eventId: string, offset: number, extra: Record<string, unknown> = {}) => ({
    eventId,
    occurredAt: month(offset).mid,
    kind: 'generation.completed',
    userEmail: `${eventId}@retention.example`,
    model: 'vidgen-2',
    videoSeconds: 4,
    costUsd: 0.5,
    properties: { renderSeconds: 6 },
    ...extra,
  });
  /** The last day whose raw events retention (2 months besides this one) removes. */
  const lastDropped = () =>
    new Date(Date.parse(`${month(-2).first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const rawCount = async () =>
    (await db.query('SELECT count(*)::int AS n FROM usage_event WHERE workspace_id = $1', [a.id]))[0].n;

  beforeAll(async () => {
    api = await startTestApp({ USAGE_RETENTION_MONTHS: '2' });
    a = await createWorkspace(api, 'Retention');
    key = await createApiKey(api, (await signIn(api, a.members.ADMIN.email)).accessToken);
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  it('drops the raw events of months older than the setting, keeps their rollups, and a rebuild leaves them', async () => {
    const partitions = api.app.get(UsagePartitions);
    await partitions.ensure(3, 6);
    const events = [
      event('m5', -5),
      event('m4a', -4),
      event('m4b', -4, { kind: 'generation.failed' }),
      event('m3', -3),
      event('m2', -2),
      event('m1', -1),
      event('m0', 0, { occurredAt: new Date().toISOString() }),
      event('ancient', 0, { occurredAt: '2020-02-10T00:00:00Z' }), // waits in the default partition
    ];
    expect((await postUsage(api, key, { events })).body.accepted).toBe(events.length);
    await waitForRollups(db);
    const before = await rollupSnapshot(db, a.id);
    const reader = () => api.app.get(UsageRollupReader);
    const asWorkspace = <T>(work: () => Promise<T>) =>
      api.app.get(TenantContext).run(systemPrincipal(a.id), work);
    const oldTotals = await asWorkspace(() => reader().totalsForWorkspace('2020-01-01', lastDropped()));
    expect(oldTotals).toMatchObject({ events: 5, generations: 4, failures: 1, activeUsers: 5 });

    // without the setting nothing goes
    await new UsagePartitions(db, AppConfig.fromEnv({})).upkeep();
    expect(await rawCount()).toBe(events.length);

    // the schedule's run: two months kept besides this one
    await partitions.upkeep();
    const left = (await partitions.list()).map((p) => p.name);
    for (const offset of [-6, -5, -4, -3]) expect(left).not.toContain(month(offset).name);
    expect(left).toEqual(
      expect.arrayContaining([month(-2).name, month(-1).name, month(0).name, 'usage_event_default']),
    );
    expect(await rawCount()).toBe(3);
    const [{ value }] = await db.query(
      `SELECT value FROM app_metadata WHERE key = 'telemetry.usageRetainedFrom'`,
    );
    expect(value).toBe(month(-2).first);

    // rollups stay, through a rebuild too
    expect(await rollupSnapshot(db, a.id)).toEqual(before);
    await api.app.get(UsageRollupRebuilder).rebuild({ workspaceId: a.id });
    expect(await rollupSnapshot(db, a.id)).toEqual(before);
    expect(await asWorkspace(() => reader().totalsForWorkspace('2020-01-01', lastDropped()))).toEqual(
      oldTotals,
    );

    // a retry of a dropped event is still a duplicate; a late event of a dropped month still counts
    expect((await postUsage(api, key, { events: [event('m4a', -4)] })).body.duplicates).toBe(1);
    expect((await postUsage(api, key, { events: [event('m4-late', -4)] })).body.accepted).toBe(1);
    await waitForRollups(db);
    const late = await rollupSnapshot(db, a.id);
    await api.app.get(UsageRollupRebuilder).rebuild({ workspaceId: a.id });
    expect(await rollupSnapshot(db, a.id)).toEqual(late);
    expect((await asWorkspace(() => reader().totalsForWorkspace('2020-01-01', lastDropped()))).events).toBe(
      6,
    );

    // the next run removes that straggler from the raw events too, and keeps its rollup
    await partitions.upkeep();
    expect(await rawCount()).toBe(3);
    expect(await rollupSnapshot(db, a.id)).toEqual(late);
  });
});
