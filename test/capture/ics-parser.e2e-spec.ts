import { CalendarRefused, IcsParser, windowAround } from '@greenlight/capture';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { fixture, materialize } from './support';

const now = new Date();
const window = windowAround(now);

/** A large feed: single events and daily series without an end, each with a few attendees. */
function largeFeed(events: number): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0'];
  for (let i = 0; i < events; i++)
    lines.push(
      'BEGIN:VEVENT',
      `UID:event-${i}@large.example`,
      `DTSTART:{{day${i % 2 ? '-' : '+'}${i % 80}}}T0${i % 10}0000Z`,
      `DTEND:{{day${i % 2 ? '-' : '+'}${i % 80}}}T0${i % 10}3000Z`,
      ...(i % 50 === 0 ? ['RRULE:FREQ=DAILY'] : []),
      `SUMMARY:Meeting ${i}`,
      `ATTENDEE;CN=Guest ${i}:mailto:guest${i}@studio${i % 40}.example`,
      `ATTENDEE:mailto:exec${i % 40}@studio${i % 40}.example`,
      'END:VEVENT',
    );
  lines.push('END:VCALENDAR', '');
  return materialize(lines.join('\r\n'), now);
}

describe('iCalendar parsing off the main thread', () => {
  const parser = new IcsParser();
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('pong'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await parser.onModuleDestroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads the same occurrences as before, in a worker thread', async () => {
    const { occurrences, notes } = await parser.parse(fixture('google.ics', now), window);
    expect(notes).toEqual([]);
    const weekly = occurrences.filter((o) => o.uid === 'weekly-sync-7f3a9c@google.com');
    expect(weekly.length).toBeGreaterThan(1);
    expect(weekly[0].start).toBeInstanceOf(Date);
  });

  it('answers other requests while a large feed is being parsed', async () => {
    let parsed = false;
    let answered = 0;
    let answeredWhileParsing = -1;
    const parsing = parser.parse(largeFeed(6000), window).then((result) => {
      parsed = true;
      answeredWhileParsing = answered;
      return result;
    });
    while (!parsed) {
      const response = await fetch(url);
      expect(await response.text()).toBe('pong');
      answered++;
    }
    const { occurrences } = await parsing;
    // 120 daily series without an end are expanded over the bounded window only
    expect(occurrences.length).toBeGreaterThan(6000);
    expect(occurrences.every((o) => o.start >= new Date(window.from.getTime() - 86_400_000))).toBe(true);
    expect(answeredWhileParsing).toBeGreaterThan(0);
  });

  it('keeps the limits: refuses what is not iCalendar and cuts 10,000 attendees to 200, with reasons', async () => {
    await expect(parser.parse('<html><body>Sign in</body></html>', window)).rejects.toThrow(CalendarRefused);
    await expect(parser.parse('<html><body>Sign in</body></html>', window)).rejects.toThrow(
      'this is not an iCalendar feed',
    );
    const attendees = Array.from({ length: 10_000 }, (_, i) => `ATTENDEE:mailto:guest${i}@crowd.example`);
    const text = materialize(
      `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:town-hall\r\nDTSTART:{{day+1}}T170000Z\r\nDTEND:{{day+1}}T180000Z\r\nSUMMARY:Town hall\r\n${attendees.join('\r\n')}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
      now,
    );
    const { occurrences, notes } = await parser.parse(text, window);
    expect(occurrences[0].attendees).toHaveLength(200);
    expect(notes).toEqual(['"Town hall" has 10000 attendees: the first 200 were kept']);
  });
});
