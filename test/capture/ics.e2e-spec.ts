import { parseCalendar, windowAround } from '@greenlight/capture';
import { dayAt, fixture, materialize } from './support';

const now = new Date();
const window = windowAround(now);
const parse = (name: string) => parseCalendar(fixture(name, now), window);

describe('iCalendar feeds', () => {
  it('reads a Google export: VTIMEZONE, weekly rule with EXDATE and a moved instance, all-day, cancellation', () => {
    const { occurrences, notes } = parse('google.ics');
    expect(notes).toEqual([]);
    const weekly = occurrences.filter((o) => o.uid === 'weekly-sync-7f3a9c@google.com');
    // six by COUNT, one excluded; Los Angeles is on PST (UTC-8) in this fixture's weeks or PDT (UTC-7)
    expect(weekly).toHaveLength(5);
    const offsetHours = (date: Date) => (date.getUTCHours() - 10 + 24) % 24;
    expect(weekly.every((o) => [7, 8].includes(offsetHours(o.start)) || o.summary.endsWith('(moved)'))).toBe(
      true,
    );
    const moved = weekly.find((o) => o.summary.endsWith('(moved)'))!;
    expect(moved).toMatchObject({ sequence: 1, durationMinutes: 60, timeZone: 'America/Los_Angeles' });
    expect(moved.recurrenceId).toBe(
      weekly.find((o) => o.recurrenceId.startsWith(dayAt(7, '00:00', now).toISOString().slice(0, 10)))!
        .recurrenceId,
    );
    expect(
      weekly
        .map((o) => o.recurrenceId)
        .filter((id) => id.startsWith(dayAt(-7, '00:00', now).toISOString().slice(0, 10))),
    ).toEqual([]);
    expect(weekly[0].attendees.map((a) => a.email)).toEqual([
      'maya@greenlight.test',
      'dana@northlight.example',
      'sam.ortiz@northlight.example',
    ]);
    expect(weekly[0].notes).toBe(
      'Weekly pilot sync with Northlight.\nAgenda: render quotas, dubbing pilot.\nJoin with Google Meet: https://meet.google.com/abc-defg-hij',
    );

    const offsite = occurrences.find((o) => o.uid === 'offsite-2026@google.com')!;
    expect(offsite).toMatchObject({
      allDay: true,
      durationMinutes: 2 * 1440,
      start: dayAt(3, '00:00', now),
      recurrenceId: '',
    });
    expect(occurrences.find((o) => o.uid === 'cancelled-call@google.com')).toMatchObject({
      cancelled: true,
      sequence: 2,
    });
  });

  it('reads an Outlook export: Windows zone names with their VTIMEZONE, UNTIL, EXDATE lists, RDATE, a cancelled instance', () => {
    const { occurrences } = parse('outlook.ics');
    // day 0..20 daily, less two EXDATEs, plus one RDATE
    expect(occurrences).toHaveLength(21 - 2 + 1);
    const starts = occurrences.map((o) => o.start.getTime());
    expect(starts).not.toContain(dayAt(1, '10:00', now).getTime() - gmtOffset(dayAt(1, '10:00', now)));
    const extra = occurrences.find((o) =>
      o.recurrenceId.startsWith(dayAt(30, '00:00', now).toISOString().slice(0, 10)),
    )!;
    expect(extra.durationMinutes).toBe(30);
    const cancelled = occurrences.filter((o) => o.cancelled);
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0].start.toISOString().slice(0, 10)).toBe(
      dayAt(3, '00:00', now).toISOString().slice(0, 10),
    );
    expect(occurrences[0].attendees.map((a) => a.email)).toEqual([
      'priya@stellar-studios.example',
      'maya@greenlight.test',
      'jordan.lee@stellar-studios.example',
    ]);
  });

  it('reads an Apple export: IANA time zone without VTIMEZONE, and bounds a rule without end to the window', () => {
    const { occurrences } = parse('apple.ics');
    const lunch = occurrences.find((o) => o.uid === '5D6B3A1E-8C2F-4F6B-9E0D-2A1B3C4D5E6F')!;
    const paris = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    expect(paris.format(lunch.start)).toBe('10:00');
    expect(lunch).toMatchObject({
      timeZone: 'Europe/Paris',
      durationMinutes: 90,
      location: 'Café de Flore\n172 Bd Saint-Germain, 75006 Paris',
    });
    const daily = occurrences.filter((o) => o.uid === 'B7C8D9E0-1111-2222-3333-444455556666');
    expect(daily.length).toBeGreaterThanOrEqual(269);
    expect(daily.length).toBeLessThanOrEqual(272);
    expect(Math.min(...daily.map((o) => o.start.getTime()))).toBeGreaterThanOrEqual(
      window.from.getTime() - 86_400_000,
    );
    expect(Math.max(...daily.map((o) => o.start.getTime()))).toBeLessThanOrEqual(window.to.getTime());
  });

  it('refuses what is not iCalendar, with the reason', () => {
    expect(() => parseCalendar('<html><body>Sign in</body></html>', window)).toThrow(
      'this is not an iCalendar feed',
    );
    expect(() => parseCalendar('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense', window)).toThrow(
      'cannot be read',
    );
  });

  it('keeps the first 200 of 10,000 attendees and says so', () => {
    const attendees = Array.from(
      { length: 10_000 },
      (_, i) => `ATTENDEE;CN=Guest ${i}:mailto:guest${i}@crowd.example`,
    ).join('\r\n');
    const text = materialize(
      `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:town-hall\r\nDTSTART:{{day+1}}T170000Z\r\nDTEND:{{day+1}}T180000Z\r\nSUMMARY:Town hall\r\n${attendees}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
      now,
    );
    const { occurrences, notes } = parseCalendar(text, window);
    expect(occurrences[0].attendees).toHaveLength(200);
    expect(notes).toEqual(['"Town hall" has 10000 attendees: the first 200 were kept']);
  });
});

/** Europe/London's offset at an instant, in ms (GMT Standard Time in the Outlook fixture). */
function gmtOffset(date: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return ((Number(parts) - date.getUTCHours() + 24) % 24) * 3_600_000;
}
