import { POLL_JOB, parseCalendar, windowAround } from '@greenlight/capture';
import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { DataSource, QueryRunner } from 'typeorm';
import { identityServices } from '../support/identity-context';
import { freePort, ServerProcess, spawnServer, waitUntilReady } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';
import { connect } from '../telemetry/fault-support';
import { FeedServer, materialize, startFeedServer, until } from './support';

const PASSWORD = 'restart mid poll 2026';

/** Meetings with a contact: 40 single events and a weekly series with an exception. */
function feed(now: Date): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN'];
  const attendees = ['ORGANIZER:mailto:admin@restart.example', 'ATTENDEE;CN=Dana:mailto:dana@northlight.example'];
  for (let i = 0; i < 40; i++)
    lines.push('BEGIN:VEVENT', `UID:single-${i}@restart.example`, `DTSTART:{{day${i < 20 ? '-' : '+'}${i + 1}}}T150000Z`,
      `DTEND:{{day${i < 20 ? '-' : '+'}${i + 1}}}T153000Z`, `SUMMARY:Call ${i}`, ...attendees, 'END:VEVENT'); // prettier-ignore
  lines.push('BEGIN:VEVENT', 'UID:weekly@restart.example', 'DTSTART:{{day-14}}T170000Z', 'DTEND:{{day-14}}T173000Z',
    'RRULE:FREQ=WEEKLY;COUNT=8', 'EXDATE:{{day-7}}T170000Z', 'SUMMARY:Weekly sync', ...attendees, 'END:VEVENT'); // prettier-ignore
  lines.push('END:VCALENDAR', '');
  return materialize(lines.join('\r\n'), now).replace(/\r?\n/g, '\r\n');
}

/**
 * The server process is killed while a poll is writing its import (its transaction waits on a lock
 * another session holds): nothing of that import is left behind, and once an instance runs again
 * the poll, and the killed job retried by the queue, log every meeting once.
 */
describe('a server restart in the middle of a calendar poll', () => {
  const now = new Date();
  const text = feed(now);
  const expected = parseCalendar(text, windowAround(now)).occurrences.length;
  let db: TestDatabase;
  let data: DataSource;
  let lockHolder: QueryRunner;
  let feeds: FeedServer;
  let server: ServerProcess;
  let restarted: TestApp | undefined;
  let workspaceId: string;

  const count = async (table: string) =>
    (await data.query(`SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1`, [workspaceId]))[0].n;
  const graphql = async (baseUrl: string, query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const signIn = async (baseUrl: string) =>
    (
      await graphql(baseUrl, 'mutation ($p: String!) { signIn(email: "admin@restart.example", password: $p) { accessToken } }', {
        p: PASSWORD,
      })
    ).signIn.accessToken as string;

  beforeAll(async () => {
    db = await createTestDatabase();
    data = await connect(db.url);
    const { workspaces } = await identityServices(data);
    const { workspace } = await workspaces.create({
      name: 'Restart',
      slug: 'restart',
      admin: { email: 'admin@restart.example', name: 'Restart Admin', password: PASSWORD },
    });
    workspaceId = workspace.id;
    const [stage] = await data.query(
      `INSERT INTO stage (workspace_id, key, name, position, category)
       VALUES ($1, 'lead', 'Lead', 0, (enum_range(NULL::stage_category))[1]) RETURNING id`,
      [workspaceId],
    );
    await data.query(
      `INSERT INTO account (workspace_id, name, kind, stage_id, stage_entered_at, domains)
       VALUES ($1, 'Northlight', 'studio', $2, now(), ARRAY['northlight.example'])`,
      [workspaceId, stage.id],
    );
    await data.query(
      `INSERT INTO contact (workspace_id, name, kind, emails) VALUES ($1, 'Dana Whitfield', 'executive', ARRAY['dana@northlight.example'])`,
      [workspaceId],
    );
    feeds = await startFeedServer();
    feeds.set('/calendar.ics', text);
    server = spawnServer(
      {
        DATABASE_URL: db.url,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'restart-mid-poll-secret-that-is-long-enough-0123456789',
        CAPTURE_ALLOW_PRIVATE_FEEDS: 'true', // the feed is served on 127.0.0.1
      },
      await freePort(),
    );
    await waitUntilReady(server, 120_000);
  }, 180_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await restarted?.close();
    await lockHolder?.query('ROLLBACK').catch(() => undefined);
    await lockHolder?.release().catch(() => undefined);
    await feeds?.close();
    await data?.destroy().catch(() => undefined);
    await db?.drop();
  });

  it('leaves nothing of the killed import, and after the restart logs every meeting once', async () => {
    // another session holds captured_item: the import writes its interactions, then waits
    lockHolder = data.createQueryRunner();
    await lockHolder.connect();
    await lockHolder.query('BEGIN');
    await lockHolder.query('LOCK TABLE captured_item IN SHARE MODE');
    const first = `http://127.0.0.1:${server.port}`;
    const token = await signIn(first);
    const { connectCalendar } = await graphql(
      first,
      'mutation ($url: String!) { connectCalendar(input: { name: "Work", url: $url }) { id } }',
      { url: feeds.url('/calendar.ics') },
      token,
    );
    const [importer] = await until('the import to wait on the lock', async () => {
      const rows = await data.query(
        `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO captured_item%'`,
      );
      return rows.length ? rows : null;
    });

    server.child.kill('SIGKILL');
    await server.exited;
    await lockHolder.query('ROLLBACK');
    await until('the killed import to end', async () => {
      const rows = await data.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [importer.pid]);
      return rows.length === 0;
    });
    expect({ interactions: await count('interaction'), captured: await count('captured_item') }).toEqual({
      interactions: 0,
      captured: 0,
    });
    const [killedJob] = await data.query(
      `SELECT id FROM pgboss.job WHERE name = $1 AND state = 'active' AND data->>'subscriptionId' = $2`,
      [POLL_JOB, connectCalendar.id],
    );
    expect(killedJob).toBeDefined();

    // the restart: the member polls again (or the schedule comes due)
    restarted = await startTestApp({ CAPTURE_ALLOW_PRIVATE_FEEDS: 'true' }, { db });
    const second = restarted.baseUrl;
    const again = await signIn(second);
    const subscription = async () =>
      (await graphql(second, '{ calendarSubscriptions { id status lastPolledAt eventsImported } }', {}, again))
        .calendarSubscriptions[0];
    await graphql(second, 'mutation ($id: ID!) { pollCalendar(id: $id) { id } }', { id: connectCalendar.id }, again);
    const polled = await until('the poll after the restart', async () => {
      const state = await subscription();
      return state.lastPolledAt ? state : null;
    });
    expect(polled).toMatchObject({ status: 'OK', eventsImported: expected });

    // the killed job expires and the queue retries it (its expiry brought forward): nothing twice
    feeds.set('/calendar.ics', text.replace('PRODID:-//Google Inc', 'PRODID:-//Google LLC'));
    await data.query(`UPDATE pgboss.job SET state = 'retry', start_after = now() WHERE id = $1`, [killedJob.id]);
    await until('the retried job', async () => {
      const [job] = await data.query(`SELECT state FROM pgboss.job WHERE id = $1`, [killedJob.id]);
      return job.state === 'completed';
    });
    const keys = await data.query(
      `SELECT external_id, recurrence_id, count(*)::int AS copies FROM captured_item WHERE workspace_id = $1
        GROUP BY external_id, recurrence_id HAVING count(*) > 1`,
      [workspaceId],
    );
    expect(keys).toEqual([]);
    expect({ interactions: await count('interaction'), captured: await count('captured_item') }).toEqual({
      interactions: expected,
      captured: expected,
    });
    expect((await subscription()).status).toBe('OK');
  });
});
