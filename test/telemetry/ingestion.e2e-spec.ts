import { UsagePartitions } from '@greenlight/telemetry';
import { DataSource } from 'typeorm';
import { bearer, createWorkspace, signIn, WorkspaceFixture } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey, postUsage, usageEvent } from './support';

describe('POST /v1/usage/batch', () => {
  let api: TestApp;
  let a: WorkspaceFixture;
  let key: string;
  let adminToken: string;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApp();
    a = await createWorkspace(api, 'Ingest');
    adminToken = (await signIn(api, a.members.ADMIN.email)).accessToken;
    key = await createApiKey(api, adminToken);
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const stored = async (eventIds: string[]) =>
    db.query(
      `SELECT event_id, occurred_at, received_at, kind, org_id, project_id, user_email, model, video_seconds,
              resolution, gpu_seconds, cost_usd::float8 AS cost_usd, status, properties, account_id
       FROM usage_event WHERE workspace_id = $1 AND event_id = ANY($2) ORDER BY event_id`,
      [a.id, eventIds],
    );

  it('stores a batch once: the same batch again answers every event as a duplicate', async () => {
    const events = [usageEvent(), usageEvent(), usageEvent({ occurredAt: '2020-01-15T10:00:00Z' })];
    const first = await postUsage(api, key, { sentAt: new Date().toISOString(), events });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0 });
    expect(first.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);

    // a retry, even with other times (another partition), is still recognised
    const retried = events.map((event, i) =>
      i === 0 ? { ...event, occurredAt: '2021-06-01T00:00:00Z' } : event,
    );
    const second = await postUsage(api, key, { sentAt: new Date().toISOString(), events: retried });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ accepted: 0, duplicates: 3, rejected: 0 });
    expect(second.body.results.every((r) => r.status === 'duplicate' && r.code === 'DUPLICATE')).toBe(true);
    expect(await stored(events.map((e) => e.eventId as string))).toHaveLength(3);
  });

  it('stores the valid events of a partly invalid batch and names the field of each rejection', async () => {
    const good = usageEvent();
    const events = [
      good,
      usageEvent({ eventId: undefined }),
      usageEvent({ eventId: 'x'.repeat(201) }),
      usageEvent({ occurredAt: 'yesterday' }),
      usageEvent({ videoSeconds: -1 }),
      usageEvent({ costUsd: '3' }),
      usageEvent({ userEmail: 'not-an-email' }),
      usageEvent({ properties: [1, 2] }),
      usageEvent({ kind: '' }),
      'not an object',
      { ...good },
      usageEvent({ properties: { blob: 'y'.repeat(33 * 1024) } }),
    ];
    const answer = await postUsage(api, key, { events });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 1, duplicates: 1, rejected: 10 });
    expect(answer.body.results.map((r) => [r.index, r.status, r.code, r.field])).toEqual([
      [0, 'accepted', null, null],
      [1, 'rejected', 'MISSING_FIELD', 'eventId'],
      [2, 'rejected', 'INVALID_FIELD', 'eventId'],
      [3, 'rejected', 'INVALID_FIELD', 'occurredAt'],
      [4, 'rejected', 'INVALID_FIELD', 'videoSeconds'],
      [5, 'rejected', 'INVALID_FIELD', 'costUsd'],
      [6, 'rejected', 'INVALID_FIELD', 'userEmail'],
      [7, 'rejected', 'INVALID_FIELD', 'properties'],
      [8, 'rejected', 'MISSING_FIELD', 'kind'],
      [9, 'rejected', 'INVALID_EVENT', null],
      [10, 'duplicate', 'DUPLICATE_IN_BATCH', 'eventId'],
      [11, 'rejected', 'EVENT_TOO_LARGE', null],
    ]);
    expect(answer.body.results[4].message).toBe('videoSeconds must not be negative');
    expect(answer.body.results[3].eventId).toBe(events[3] && (events[3] as { eventId: string }).eventId);
    expect(await stored([good.eventId as string])).toHaveLength(1);
  });

  it('refuses unpaired surrogates and NUL in every text field, and days that do not exist', async () => {
    const prefix = `surrogate-${Date.now()}-`;
    const events = [
      usageEvent({ eventId: `${prefix}\ud800` }),
      usageEvent({ eventId: `${prefix}\ud801` }),
      usageEvent({ kind: 'generation\udc00' }),
      usageEvent({ orgId: 'org\u0000' }),
      usageEvent({ userEmail: 'ana\ud800@studio.example' }),
      usageEvent({ status: '\udfff' }),
      usageEvent({ occurredAt: '2026-02-30T10:00:00Z' }),
      usageEvent({ model: 'vidgen 💥' }),
    ];
    const answer = await postUsage(api, key, { events });
    expect(answer.body).toMatchObject({ accepted: 1, duplicates: 0, rejected: 7 });
    expect(answer.body.results.map((r) => [r.status, r.field])).toEqual([
      ['rejected', 'eventId'],
      ['rejected', 'eventId'],
      ['rejected', 'kind'],
      ['rejected', 'orgId'],
      ['rejected', 'userEmail'],
      ['rejected', 'status'],
      ['rejected', 'occurredAt'],
      ['accepted', null],
    ]);
    expect(answer.body.results[0].message).toBe(
      'eventId must be valid Unicode text (it contains an unpaired UTF-16 surrogate)',
    );
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM usage_event WHERE workspace_id = $1 AND (event_id LIKE $2 OR kind LIKE 'generation%' AND kind <> 'generation.completed')`,
      [a.id, `${prefix}%`],
    );
    expect(count).toBe(0);
    expect(await stored(events.slice(2).map((e) => e.eventId as string))).toHaveLength(1);
  });

  it('stores the same rows from NDJSON as from JSON', async () => {
    const sentAt = new Date(Date.now() - 60_000).toISOString();
    const make = (prefix: string) => [
      usageEvent({ eventId: `${prefix}-1`, occurredAt: new Date(Date.now() - 120_000).toISOString() }),
      usageEvent({ eventId: `${prefix}-2`, kind: 'generation.failed', status: 'failed', videoSeconds: null }),
      usageEvent({ eventId: `${prefix}-3`, properties: { nested: { a: [1, 'two', null] } } }),
    ];
    const asJson = await postUsage(api, key, { sentAt, events: make('json') });
    const ndjson =
      make('nd')
        .map((event) => JSON.stringify(event))
        .join('\n') + '\n';
    const asNdjson = await postUsage(api, key, ndjson, { 'x-sent-at': sentAt });
    expect(asNdjson.status).toBe(200);
    const strip = (body: typeof asJson.body) => ({
      ...body,
      results: body.results.map((r) => ({ ...r, eventId: r.eventId?.replace(/^(json|nd)-/, '') })),
    });
    expect(strip(asNdjson.body)).toEqual(strip(asJson.body));
    const rows = (prefix: string, list: Record<string, unknown>[]) =>
      list.map(({ event_id, occurred_at, received_at: _r, ...rest }) => ({
        id: String(event_id).replace(`${prefix}-`, ''),
        // same skew correction relative to each request's receive time
        ...rest,
        occurred: typeof occurred_at,
      }));
    const jsonRows = await stored(['json-1', 'json-2', 'json-3']);
    const ndRows = await stored(['nd-1', 'nd-2', 'nd-3']);
    expect(rows('nd', ndRows)).toEqual(rows('json', jsonRows));
    expect(ndRows).toHaveLength(3);
  });

  it('rejects a bad NDJSON line alone', async () => {
    const ok = usageEvent();
    const answer = await postUsage(api, key, `${JSON.stringify(ok)}\n{"eventId": "broken"\n`);
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r) => [r.status, r.code])).toEqual([
      ['accepted', null],
      ['rejected', 'INVALID_JSON'],
    ]);
  });

  it('corrects clock skew from sentAt and clamps events too far in the future', async () => {
    // the client's clock runs 2 hours behind ours
    const skew = 2 * 3600_000;
    const clientNow = Date.now() - skew;
    const skewed = usageEvent({ occurredAt: new Date(clientNow - 10 * 60_000).toISOString() });
    const future = usageEvent({ occurredAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString() });
    const noTime = usageEvent({ occurredAt: undefined });
    const before = Date.now();
    const answer = await postUsage(api, key, {
      sentAt: new Date(clientNow).toISOString(),
      events: [skewed, future, noTime],
    });
    const after = Date.now();
    expect(answer.body.accepted).toBe(3);
    const rows = await stored([skewed.eventId, future.eventId, noTime.eventId] as string[]);
    const byId = Object.fromEntries(rows.map((row: { event_id: string }) => [row.event_id, row]));
    const corrected = byId[skewed.eventId as string].occurred_at.getTime();
    // about ten minutes before the receive time, in our clock
    expect(corrected).toBeGreaterThanOrEqual(before - 10 * 60_000 - 1000);
    expect(corrected).toBeLessThanOrEqual(after - 10 * 60_000 + 1000);
    const clamped = byId[future.eventId as string];
    expect(clamped.occurred_at.getTime()).toBe(clamped.received_at.getTime());
    const untimed = byId[noTime.eventId as string];
    expect(untimed.occurred_at.getTime()).toBe(untimed.received_at.getTime());
  });

  it('answers 4xx for every refused request', async () => {
    const body = { events: [usageEvent()] };
    const missing = await postUsage(api, null, body);
    expect(missing.status).toBe(401);
    const wrong = await postUsage(api, 'glk_nothing_at_all', body);
    expect(wrong.status).toBe(401);
    const readKey = await createApiKey(api, adminToken, ['READ']);
    const unscoped = await postUsage(api, readKey, body);
    expect(unscoped.status).toBe(403);
    expect(unscoped.body.message).toContain('usage:write');
    const member = await fetch(`${api.baseUrl}/v1/usage/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(adminToken) },
      body: JSON.stringify(body),
    });
    expect(member.status).toBe(403);

    const asText = await postUsage(api, key, JSON.stringify(body), { 'content-type': 'text/plain' });
    expect(asText.status).toBe(415);
    expect(asText.body.message).toContain('application/x-ndjson');

    const badJson = await postUsage(api, key, '{"events": [', { 'content-type': 'application/json' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.message).toContain('not valid JSON');
    expect((await postUsage(api, key, { nope: [] })).status).toBe(400);
    expect((await postUsage(api, key, { events: [] })).status).toBe(400);
    const badSentAt = await postUsage(api, key, { sentAt: 'now', events: [usageEvent()] });
    expect(badSentAt.status).toBe(400);
    expect(badSentAt.body.message).toContain('sentAt');

    const tooMany = await postUsage(api, key, {
      events: Array.from({ length: 5001 }, () => ({ eventId: 'x' })),
    });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.message).toContain('5000');
    const huge = await postUsage(api, key, {
      events: [usageEvent({ properties: { pad: 'z'.repeat(5 * 1024 * 1024) } })],
    });
    expect(huge.status).toBe(413);
    expect(huge.body.message).toContain('5 MB');

    // nothing of those refused requests was stored
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM usage_event WHERE event_id = $1`, [
      (body.events[0] as { eventId: string }).eventId,
    ]);
    expect(count).toBe(0);
  });

  it('accepts a body between 1 MB and 5 MB (larger than the JSON limit of the rest of the API)', async () => {
    const events = Array.from({ length: 150 }, () => usageEvent({ properties: { pad: 'p'.repeat(20_000) } }));
    const answer = await postUsage(api, key, { events });
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(150);
  });

  it('keeps monthly partitions ahead, with the events in them, and a default one for other times', async () => {
    const partitions: { relname: string }[] = await db.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'usage_event'::regclass ORDER BY 1`,
    );
    const names = partitions.map((p) => p.relname);
    const month = (offset: number) => {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() + offset);
      return `usage_event_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    expect(names).toEqual(expect.arrayContaining(['usage_event_default', month(0), month(1), month(3)]));
    const [{ relname }] = await db.query(
      `SELECT tableoid::regclass::text AS relname FROM usage_event WHERE workspace_id = $1 AND occurred_at > now() - interval '1 day' LIMIT 1`,
      [a.id],
    );
    expect(relname).toBe(month(0));

    // a month without a partition waits in the default one, and moves when its partition is made
    const old = new Date();
    old.setUTCDate(15);
    old.setUTCMonth(old.getUTCMonth() - 3);
    const early = usageEvent({ occurredAt: old.toISOString() });
    expect((await postUsage(api, key, { events: [early] })).body.accepted).toBe(1);
    const where = async () =>
      (
        await db.query('SELECT tableoid::regclass::text AS name FROM usage_event WHERE event_id = $1', [
          early.eventId,
        ])
      )[0].name;
    expect(await where()).toBe('usage_event_default');
    expect(await api.app.get(UsagePartitions).ensure(3, 3)).toBe(2);
    expect(await where()).toBe(month(-3));
    expect(await api.app.get(UsagePartitions).ensure(3, 3)).toBe(0);

    // retention: keep last month and this one; the older partitions go, their ids stay known
    expect(await api.app.get(UsagePartitions).detachOlderThan(1)).toEqual([month(-3), month(-2)]);
    expect((await postUsage(api, key, { events: [early] })).body.duplicates).toBe(1);
    const left = (await api.app.get(UsagePartitions).list()).map((p) => p.name);
    expect(left).toEqual(expect.arrayContaining([month(-1), month(0), 'usage_event_default']));
    expect(left).not.toContain(month(-2));
  });

  it('keeps each workspace apart: the same eventId in two workspaces is stored twice', async () => {
    const b = await createWorkspace(api, 'Other');
    const bKey = await createApiKey(api, (await signIn(api, b.members.ADMIN.email)).accessToken);
    const event = usageEvent({ eventId: 'shared-id-1' });
    expect((await postUsage(api, key, { events: [event] })).body.accepted).toBe(1);
    expect((await postUsage(api, bKey, { events: [event] })).body.accepted).toBe(1);
    expect((await postUsage(api, bKey, { events: [event] })).body.duplicates).toBe(1);
    const rows = await db.query(
      `SELECT workspace_id FROM usage_event WHERE event_id = 'shared-id-1' ORDER BY 1`,
    );
    expect(rows.map((row: { workspace_id: string }) => row.workspace_id).sort()).toEqual([a.id, b.id].sort());
  });

  it('stores concurrent retries of the same batch exactly once', async () => {
    const events = Array.from({ length: 200 }, () => usageEvent());
    const answers = await Promise.all(Array.from({ length: 4 }, () => postUsage(api, key, { events })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers.reduce((sum, answer) => sum + answer.body.accepted, 0)).toBe(200);
    expect(await stored(events.map((e) => e.eventId as string))).toHaveLength(200);
  });
});
