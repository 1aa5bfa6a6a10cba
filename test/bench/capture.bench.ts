/**
 * `npm run bench:capture`: (A) a calendar feed of 5,000 events (single ones and weekly series with
 * exceptions) imported through a subscription poll of the running server, then polled again with
 * changed bytes but the same events; (B) BCC messages sent by a real SMTP client (nodemailer, 4
 * pooled connections) to the server's listener, each committed as an interaction before its 250.
 * Targets: import ≤ 10 s, ≥ 50 messages/s. Writes the figures to docs/benchmarks.md.
 * `BENCH_PROFILE=<dir>` writes the server's CPU profile there (`--cpu-prof`, open it in Chrome DevTools).
 */
import { createDataSource, EmbeddedPostgres, runMigrations } from '@greenlight/db';
import { migrations } from '@greenlight/migrations';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTransport } from 'nodemailer';
import { ENTITIES } from '../../apps/api/src/database';
import { startFeedServer } from '../capture/support';
import { identityServices } from '../support/identity-context';
import { freePort, spawnServer, waitUntilReady } from '../support/server-process';
import { writeSection } from './support/report';

const EVENTS = 5_000;
const SERIES = 100;
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000);
const ACCOUNTS = 200;
const PASSWORD = 'benchmark password 2026';

const ymd = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, '');
const stamp = (date: Date) => `${ymd(date)}T${date.toISOString().slice(11, 19).replace(/:/g, '')}Z`;

/** A Google-style feed: EVENTS - SERIES single events and SERIES weekly series of 10 (one EXDATE, one moved). */
function feed(): string {
  const day = 86_400_000;
  const start = Date.now() - 60 * day;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Greenlight//capture bench//EN'];
  const attendees = (i: number) => [
    'ORGANIZER;CN=Bench Admin:mailto:admin@bench.example',
    `ATTENDEE;CN=Executive ${i % ACCOUNTS}:mailto:exec${i % ACCOUNTS}@studio${i % ACCOUNTS}.example`,
    `ATTENDEE;CN=Guest:mailto:guest${i}@studio${i % ACCOUNTS}.example`,
  ];
  for (let i = 0; i < EVENTS - SERIES; i++) {
    const at = new Date(start + (i % 200) * day + (9 + (i % 8)) * 3_600_000);
    lines.push('BEGIN:VEVENT', `UID:single-${i}@bench.example`, `DTSTAMP:${stamp(at)}`, `DTSTART:${stamp(at)}`,
      `DTEND:${stamp(new Date(at.getTime() + 1_800_000))}`, `SUMMARY:Meeting ${i}`, `DESCRIPTION:Agenda ${i}\\nSecond line`,
      ...attendees(i), 'END:VEVENT');
  }
  for (let i = 0; i < SERIES; i++) {
    const at = new Date(start + (i % 100) * day + 15 * 3_600_000);
    const second = new Date(at.getTime() + 7 * day);
    const third = new Date(at.getTime() + 14 * day);
    lines.push('BEGIN:VEVENT', `UID:series-${i}@bench.example`, `DTSTAMP:${stamp(at)}`, `DTSTART:${stamp(at)}`,
      `DTEND:${stamp(new Date(at.getTime() + 3_600_000))}`, 'RRULE:FREQ=WEEKLY;COUNT=10', `EXDATE:${stamp(second)}`,
      `SUMMARY:Weekly ${i}`, ...attendees(i), 'END:VEVENT');
    lines.push('BEGIN:VEVENT', `UID:series-${i}@bench.example`, `RECURRENCE-ID:${stamp(third)}`, `DTSTAMP:${stamp(at)}`,
      `DTSTART:${stamp(new Date(third.getTime() + 3_600_000))}`, `DTEND:${stamp(new Date(third.getTime() + 7_200_000))}`,
      'SEQUENCE:1', `SUMMARY:Weekly ${i} (moved)`, ...attendees(i), 'END:VEVENT');
  }
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-bench-capture-'));
  const pg = await EmbeddedPostgres.start({ dataDir, port: 0, ephemeral: true });
  const dataSource = createDataSource({ url: pg.url, entities: ENTITIES, migrations, poolSize: 4 });
  await dataSource.initialize();
  await runMigrations(dataSource);
  const { workspaces } = await identityServices(dataSource);
  const { workspace } = await workspaces.create({
    name: 'Capture bench',
    slug: 'capture-bench',
    admin: { email: 'admin@bench.example', name: 'Bench Admin', password: PASSWORD },
  });
  const [stage] = await dataSource.query(
    `INSERT INTO stage (workspace_id, key, name, position, category)
     VALUES ($1, 'lead', 'Lead', 0, (enum_range(NULL::stage_category))[1]) RETURNING id`,
    [workspace.id],
  );
  await dataSource.query(
    `INSERT INTO account (workspace_id, name, kind, stage_id, stage_entered_at, domains)
     SELECT $1, 'Studio ' || g, 'studio', $3, now(), ARRAY['studio' || g || '.example'] FROM generate_series(0, $2 - 1) g`,
    [workspace.id, ACCOUNTS, stage.id],
  );
  await dataSource.query(
    `INSERT INTO contact (workspace_id, name, kind, emails)
     SELECT $1, 'Executive ' || g, 'executive', ARRAY['exec' || g || '@studio' || g || '.example'] FROM generate_series(0, $2 - 1) g`,
    [workspace.id, ACCOUNTS],
  );

  const port = await freePort();
  const smtpPort = await freePort();
  const server = spawnServer(
    {
      NODE_ENV: 'production',
      DATABASE_URL: pg.url,
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'capture-benchmark-secret-that-is-long-enough-0123456789',
      SMTP_PORT: String(smtpPort),
      SMTP_HOST: '127.0.0.1',
      SMTP_DOMAIN: 'log.bench.example',
      CAPTURE_ALLOW_PRIVATE_FEEDS: 'true', // the feed is served on 127.0.0.1
    },
    port,
    process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [],
  );
  await waitUntilReady(server);
  process.on('exit', (code) => code !== 0 && console.error(server.output().slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const graphql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const token = (await graphql('mutation ($p: String!) { signIn(email: "admin@bench.example", password: $p) { accessToken } }', { p: PASSWORD }))
    .signIn.accessToken;
  const feeds = await startFeedServer();
  const text = feed();
  feeds.set('/bench.ics', text);

  const subscriptionState = async () => (await graphql('{ calendarSubscriptions { id status lastError lastPolledAt eventsImported } }', {}, token)).calendarSubscriptions[0];
  const waitForPoll = async (before: string | null) => {
    for (;;) {
      // a keep-alive connection the busy server closed is simply asked again
      const state = await subscriptionState().catch(() => null);
      if (state && state.lastPolledAt !== before) return state;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  console.log(`(A) calendar of ${EVENTS} events (${(text.length / 1024 / 1024).toFixed(1)} MB)…`);
  let started = performance.now();
  await graphql('mutation ($url: String!) { connectCalendar(input: { name: "Bench", url: $url }) { id } }', { url: feeds.url('/bench.ics') }, token);
  const first = await waitForPoll(null);
  const firstSeconds = (performance.now() - started) / 1000;
  if (first.status !== 'OK') throw new Error(`import failed: ${first.lastError}`);
  const [{ occurrences }] = await dataSource.query(`SELECT count(*)::int AS occurrences FROM captured_item WHERE source = 'calendar'`);
  console.log(`    first import: ${firstSeconds.toFixed(2)} s, ${occurrences} occurrences logged`);

  feeds.set('/bench.ics', text.replace('PRODID:-//Greenlight//capture bench//EN', 'PRODID:-//Greenlight//capture bench 2//EN'));
  started = performance.now();
  await graphql('mutation ($id: ID!) { pollCalendar(id: $id) { id } }', { id: first.id }, token);
  const second = await waitForPoll(first.lastPolledAt);
  const secondSeconds = (performance.now() - started) / 1000;
  console.log(`    re-import, nothing changed: ${secondSeconds.toFixed(2)} s (${second.eventsImported} changed)`);

  const bcc = (await graphql('{ captureSettings { bccAddress } }', {}, token)).captureSettings.bccAddress;
  const smtp = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 4, maxMessages: Infinity });
  console.log(`(B) ${MESSAGES} BCC messages over SMTP, 4 connections…`);
  started = performance.now();
  await Promise.all(
    Array.from({ length: MESSAGES }, (_, i) =>
      smtp.sendMail({
        from: 'Bench Admin <admin@bench.example>',
        to: `exec${i % ACCOUNTS}@studio${i % ACCOUNTS}.example`,
        bcc,
        subject: `Follow-up ${i}`,
        messageId: `<bench-${i}@bench.example>`,
        text: `Hello,\n\nfollowing up on our meeting ${i}.\n\nBest`,
      }),
    ),
  );
  const mailSeconds = (performance.now() - started) / 1000;
  smtp.close();
  const [{ mails }] = await dataSource.query(`SELECT count(*)::int AS mails FROM captured_item WHERE source = 'email'`);
  if (mails !== MESSAGES) throw new Error(`${mails} messages logged, expected ${MESSAGES}`);
  const rate = MESSAGES / mailSeconds;
  console.log(`    ${rate.toFixed(0)} messages/s`);

  server.child.kill('SIGTERM');
  await server.exited;
  await feeds.close();
  await dataSource.destroy();
  await pg.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });

  writeSection(
    'capture',
    `## Capture (\`npm run bench:capture\`)

(A) A calendar feed of ${EVENTS.toLocaleString('en-US')} events (${EVENTS - SERIES} single, ${SERIES} weekly series of 10 with an
EXDATE and a moved instance each; ${(text.length / 1024 / 1024).toFixed(1)} MB), every event with a contact of one of ${ACCOUNTS} accounts,
imported by the running server (\`NODE_ENV=production\`) from a local HTTP server: from \`connectCalendar\`
until the subscription shows the poll (fetch, parse, match, one transaction). Then the same events
with other bytes (no ETag match), so everything is parsed and compared and nothing changes.
(B) BCC messages sent by nodemailer over 4 pooled SMTP connections to the listener, each matched to
a contact and committed as an interaction before its 250. Targets: import ≤ 10 s, ≥ 50 messages/s.

| measure | result | target |
| --- | ---: | ---: |
| first import, ${occurrences.toLocaleString('en-US')} occurrences logged | ${firstSeconds.toFixed(2)} s | ≤ 10 s |
| import again, nothing changed | ${secondSeconds.toFixed(2)} s | |
| SMTP, ${MESSAGES.toLocaleString('en-US')} messages | ${rate.toFixed(0)} messages/s | ≥ 50 |

Load average when it ended: ${os.loadavg().map((load) => load.toFixed(1)).join(', ')} (1, 5, 15 minutes).`,
  );
  console.log('written to docs/benchmarks.md');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
