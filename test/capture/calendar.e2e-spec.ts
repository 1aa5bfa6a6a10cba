import { CalendarService, POLL_JOB } from '@greenlight/capture';
import { JobQueue } from '@greenlight/jobs';
import { DataSource } from 'typeorm';
import { bearer, createWorkspace, signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { FeedServer, fixture, startFeedServer, until } from './support';

const SUBSCRIPTION = 'id name polled address status lastError lastPolledAt eventsImported';

describe('calendar capture', () => {
  let api: TestApp;
  let feeds: FeedServer;
  let auth: Record<string, string>;
  let db: DataSource;
  const accounts: Record<string, string> = {};
  const gql = async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await api.graphql<T>(query, variables, auth);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };
  const subscription = async (id: string) =>
    (
      await gql<{ calendarSubscriptions: any[] }>(`{ calendarSubscriptions { ${SUBSCRIPTION} } }`)
    ).calendarSubscriptions.find((s) => s.id === id);
  const captured = (uid: string) =>
    db.query(
      `SELECT c.recurrence_id, c.cancelled_at, c.sequence, i.summary, i.occurred_at, i.id AS interaction_id
         FROM captured_item c JOIN interaction i ON i.workspace_id = c.workspace_id AND i.id = c.interaction_id
        WHERE c.external_id = $1 ORDER BY i.occurred_at`,
      [uid],
    );
  /** Polls now and waits until that poll is recorded. */
  const pollNow = async (id: string) => {
    const before = (await subscription(id)).lastPolledAt;
    await gql(`mutation ($id: ID!) { pollCalendar(id: $id) { id } }`, { id });
    return until('the poll', async () => {
      const now = await subscription(id);
      return now.lastPolledAt !== before && now;
    });
  };

  beforeAll(async () => {
    api = await startTestApp({ CAPTURE_ALLOW_PRIVATE_FEEDS: 'true' }); // the feeds are served on 127.0.0.1
    db = api.app.get(DataSource);
    feeds = await startFeedServer();
    const workspace = await createWorkspace(api, 'Greenlight');
    auth = bearer((await signIn(api, workspace.members.PARTNERSHIPS.email)).accessToken);
    for (const [name, domain] of [
      ['Northlight', 'northlight.example'],
      ['Stellar Studios', 'stellar-studios.example'],
      ['Lumière Films', 'lumiere-films.example'],
    ]) {
      const { createAccount } = await gql(
        `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }`,
        {
          input: { name, kind: 'STUDIO', domains: [domain] },
        },
      );
      accounts[name] = createAccount.id;
    }
    for (const [name, email, account] of [
      ['Dana Whitfield', 'dana@northlight.example', 'Northlight'],
      ['Priya Raman', 'priya@stellar-studios.example', 'Stellar Studios'],
    ])
      await gql(`mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }`, {
        input: { name, kind: 'EXECUTIVE', emails: [email], accountId: accounts[account] },
      });
  });
  afterAll(async () => {
    await api?.close();
    await feeds?.close();
  });

  let google: string;

  it('imports a subscribed feed: meetings with outside contacts become interactions, internal and cancelled ones do not', async () => {
    feeds.set('/google.ics', fixture('google.ics'));
    const { connectCalendar } = await gql(
      `mutation ($input: ConnectCalendarInput!) { connectCalendar(input: $input) { ${SUBSCRIPTION} } }`,
      {
        input: { name: 'Work', url: feeds.url('/google.ics') },
      },
    );
    google = connectCalendar.id;
    expect(connectCalendar).toMatchObject({
      polled: true,
      status: 'PENDING',
      address: expect.stringMatching(/^127\.0\.0\.1:\d+\/google\.ics…$/),
    });
    const polled = await until('the first poll', async () => {
      const now = await subscription(google);
      return now.status !== 'PENDING' && now;
    });
    expect(polled).toMatchObject({ status: 'OK', lastError: null, eventsImported: 6 });

    const weekly = await captured('weekly-sync-7f3a9c@google.com');
    expect(weekly).toHaveLength(5);
    expect(weekly.map((row: any) => row.summary)).toContain('Northlight weekly pilot sync (moved)');
    expect(await captured('offsite-2026@google.com')).toHaveLength(1);
    expect(await captured('internal-standup@google.com')).toHaveLength(0);
    expect(await captured('cancelled-call@google.com')).toHaveLength(0);

    const { interaction } = await gql(
      `query ($id: ID!) { interaction(id: $id) { kind summary location durationMinutes accounts { name } contacts { name } capture { source cancelled notes } } }`,
      { id: weekly[0].interaction_id },
    );
    expect(interaction).toMatchObject({
      kind: 'MEETING',
      location: 'Google Meet',
      durationMinutes: 60,
      accounts: [{ name: 'Northlight' }],
      contacts: [{ name: 'Dana Whitfield' }],
      capture: {
        source: 'CALENDAR',
        cancelled: false,
        notes: expect.stringContaining('Weekly pilot sync with Northlight.'),
      },
    });
  });

  it('polls again with the ETag and changes nothing when the feed did not change', async () => {
    const count = (await db.query(`SELECT count(*)::int AS n FROM interaction`))[0].n;
    await pollNow(google);
    expect(feeds.requests.at(-1)).toMatchObject({ path: '/google.ics', ifNoneMatch: expect.any(String) });
    expect((await db.query(`SELECT count(*)::int AS n FROM interaction`))[0].n).toBe(count);
  });

  it('updates a changed event (higher SEQUENCE) and marks one removed from the feed cancelled, never deleting it', async () => {
    const changed = fixture('google.ics')
      .replace(
        'SUMMARY:Northlight weekly pilot sync (moved)',
        'SUMMARY:Northlight pilot sync: contract review',
      )
      .replace(/SEQUENCE:1\r\n/, 'SEQUENCE:2\r\n')
      .replace(/BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:[\s\S]*?END:VEVENT\r\n/, '');
    feeds.set('/google.ics', changed);
    const polled = await pollNow(google);
    expect(polled).toMatchObject({ status: 'OK', eventsImported: 2 });
    const weekly = await captured('weekly-sync-7f3a9c@google.com');
    expect(weekly.map((row: any) => row.summary)).toContain('Northlight pilot sync: contract review');
    expect(weekly).toHaveLength(5);
    const [offsite] = await captured('offsite-2026@google.com');
    expect(offsite.cancelled_at).not.toBeNull();
    const { interaction } = await gql(
      `query ($id: ID!) { interaction(id: $id) { summary capture { cancelled } } }`,
      {
        id: offsite.interaction_id,
      },
    );
    expect(interaction).toEqual({
      summary: 'Stellar Studios on-site workshop',
      capture: { cancelled: true },
    });
  });

  it('puts unknown addresses at known account domains in the review queue; accepting creates the contact and links its meetings', async () => {
    const { captureReviewQueue } = await gql(`{ captureReviewQueue { id kind label email accountId } }`);
    expect(captureReviewQueue).toEqual([
      {
        id: expect.any(String),
        kind: 'CONTACT',
        label: 'Sam Ortiz',
        email: 'sam.ortiz@northlight.example',
        accountId: accounts.Northlight,
      },
    ]);
    const { acceptCaptureSuggestions } = await gql(
      `mutation ($ids: [ID!]!) { acceptCaptureSuggestions(ids: $ids) { status contactId } }`,
      {
        ids: [captureReviewQueue[0].id],
      },
    );
    const [{ contactId }] = acceptCaptureSuggestions;
    const linked = await db.query(
      `SELECT count(*)::int AS n FROM interaction_contact WHERE contact_id = $1`,
      [contactId],
    );
    expect(linked[0].n).toBe(4); // every weekly occurrence but the moved one, which Sam was not invited to
    const { contact } = await gql(`query ($id: ID!) { contact(id: $id) { name emails } }`, { id: contactId });
    expect(contact).toEqual({ name: 'Sam Ortiz', emails: ['sam.ortiz@northlight.example'] });
    expect((await gql(`{ captureReviewQueue { id } }`)).captureReviewQueue).toEqual([]);
  });

  it('excludes a whole series: its interactions go and later polls leave it out', async () => {
    const [first] = await captured('weekly-sync-7f3a9c@google.com');
    const { excludeCapturedEvent } = await gql(
      `mutation ($id: ID!) { excludeCapturedEvent(interactionId: $id, wholeSeries: true) }`,
      {
        id: first.interaction_id,
      },
    );
    expect(excludeCapturedEvent).toBe(5);
    feeds.set(
      '/google.ics',
      fixture('google.ics').replace(
        'SUMMARY:Northlight weekly pilot sync\r\n',
        'SUMMARY:Northlight weekly sync\r\n',
      ),
    );
    await pollNow(google);
    expect(await captured('weekly-sync-7f3a9c@google.com')).toEqual([]);
  });

  it('lists the excluded series by title; including it again captures it at the next poll', async () => {
    const { captureExclusions } = await gql(`{ captureExclusions { id label wholeSeries occurrence } }`);
    expect(captureExclusions).toEqual([
      { id: expect.any(String), label: 'Northlight weekly pilot sync', wholeSeries: true, occurrence: null },
    ]);
    await gql(`mutation ($id: ID!) { includeCapturedEvent(id: $id) { id } }`, { id: captureExclusions[0].id });
    expect((await gql(`{ captureExclusions { id } }`)).captureExclusions).toEqual([]);
    await pollNow(google);
    expect((await captured('weekly-sync-7f3a9c@google.com')).length).toBe(5);
  });

  it('pauses a subscription: no poll is due while paused, and resuming polls at once', async () => {
    const { pauseCalendar } = await gql(`mutation ($id: ID!) { pauseCalendar(id: $id) { pausedAt nextPollAt } }`, {
      id: google,
    });
    expect(pauseCalendar).toEqual({ pausedAt: expect.any(String), nextPollAt: null });
    await db.query(`UPDATE calendar_subscription SET next_poll_at = now() - interval '1 minute' WHERE id = $1`, [google]);
    await api.app.get(CalendarService).sendDuePolls();
    const [{ due }] = await db.query(
      `SELECT count(*)::int AS due FROM calendar_subscription WHERE id = $1 AND next_poll_at <= now()`,
      [google],
    );
    expect(due).toBe(1); // the schedule left it alone
    const before = (await subscription(google)).lastPolledAt;
    await gql(`mutation ($id: ID!) { resumeCalendar(id: $id) { id } }`, { id: google });
    const resumed = await until('the poll on resuming', async () => {
      const now = await subscription(google);
      return now.lastPolledAt !== before && now;
    });
    expect(resumed.status).toBe('OK');
    const { calendarSubscriptions } = await gql(`{ calendarSubscriptions { id pausedAt } }`);
    expect(calendarSubscriptions.find((s: { id: string }) => s.id === google).pausedAt).toBeNull();
  });

  it('shows an unreachable feed as failing and retries it with backoff; a feed that is not ICS or too large is refused with the reason', async () => {
    feeds.set('/google.ics', 500);
    expect(await pollNow(google)).toMatchObject({
      status: 'FAILING',
      lastError: 'the calendar server answered 500',
    });
    // The poll is recorded before the handler throws; the queue marks the job for retry just after.
    const retries = await until('the job set for retry', async () => {
      const rows = await db.query(
        `SELECT DISTINCT retry_backoff, retry_limit FROM pgboss.job WHERE name = $1 AND state = 'retry' AND data->>'subscriptionId' = $2`,
        [POLL_JOB, google],
      );
      return rows.length > 0 && rows;
    });
    expect(retries).toEqual([{ retry_backoff: true, retry_limit: 3 }]);

    feeds.set('/google.ics', '<!doctype html><title>Sign in</title>');
    expect(await pollNow(google)).toMatchObject({
      status: 'REFUSED',
      lastError: expect.stringContaining('not an iCalendar feed'),
    });

    feeds.set('/google.ics', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/calendar' });
      const chunk = Buffer.alloc(1024 * 1024, 'X');
      let sent = 0;
      const write = () => {
        while (sent < 50 && response.write(chunk)) sent++;
        if (sent < 50) response.once('drain', write);
        else response.end();
      };
      write();
    });
    expect(await pollNow(google)).toMatchObject({
      status: 'REFUSED',
      lastError: expect.stringContaining('larger than 10 MB'),
    });
    const count = (
      await db.query(`SELECT count(*)::int AS n FROM captured_item WHERE subscription_id = $1`, [google])
    )[0].n;
    expect(count).toBeGreaterThan(0);
  });

  it('imports an uploaded Outlook export once, leaving its cancelled instance out', async () => {
    const { uploadCalendar } = await gql(
      `mutation ($input: UploadCalendarInput!) { uploadCalendar(input: $input) { ${SUBSCRIPTION} } }`,
      {
        input: { name: 'Outlook export', ics: fixture('outlook.ics') },
      },
    );
    expect(uploadCalendar).toMatchObject({ polled: false, address: null, status: 'OK', eventsImported: 19 });
    const rows = await captured('040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5');
    expect(rows).toHaveLength(19);
    expect(api.app.get(JobQueue)).toBeDefined();
  });
});
