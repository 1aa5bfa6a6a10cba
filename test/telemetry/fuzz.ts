import { createWorkspace, signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { UNLIMITED } from './fuzz-segment';
import { createApiKey, usageEvent } from './support';

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick };
}

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '💥',
  'a'.repeat(300),
  '../../etc/passwd',
  "'; DROP TABLE usage_event; --",
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e400',
  'null',
  '2026-13-45T99:99:99Z',
  '\u202e',
  '\\',
  '"',
];
const NASTY_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1e308,
  -1e308,
  0.1,
  2 ** 53 + 1,
  [],
  {},
  [[[[]]]],
  { __proto__: { polluted: 1 } },
  ...NASTY_STRINGS,
];
const FIELDS = [
  'eventId',
  'occurredAt',
  'kind',
  'orgId',
  'projectId',
  'userEmail',
  'model',
  'videoSeconds',
  'resolution',
  'gpuSeconds',
  'costUsd',
  'status',
  'properties',
  'extra',
];

export function hostileBody(seed: number): {
  body: string;
  contentType: string;
  headers: Record<string, string>;
} {
  const r = random(seed);
  const value = () => r.pick(NASTY_VALUES);
  const event = () => {
    const base: Record<string, unknown> = r.next() < 0.5 ? usageEvent() : {};
    for (let i = r.int(4); i > 0; i--) base[r.pick(FIELDS)] = value();
    if (r.next() < 0.1) base.eventId = `fuzz-${seed}-${r.int(5)}`;
    return base;
  };
  const events = () => Array.from({ length: r.int(6) }, () => (r.next() < 0.9 ? event() : value()));
  const headers: Record<string, string> =
    r.next() < 0.1
      ? {
          'x-sent-at': r.pick([
            'now',
            '',
            '2026-11-25T10:00:00Z',
            '1e400',
            'null',
            '9999-12-31T23:59:59Z',
            '0000-01-01T00:00:00Z',
          ]),
        }
      : {};
  switch (r.int(8)) {
    case 0:
      return {
        body: JSON.stringify({ sentAt: value(), events: events() }),
        contentType: 'application/json',
        headers,
      };
    case 1:
      return {
        body: JSON.stringify(r.next() < 0.5 ? value() : events()),
        contentType: 'application/json',
        headers,
      };
    case 2: {
      const text = JSON.stringify({ events: events() });
      const cut = r.int(text.length + 1);
      return { body: text.slice(0, cut) + r.pick(NASTY_STRINGS), contentType: 'application/json', headers };
    }
    case 3:
      return {
        body: events()
          .map((e) => (r.next() < 0.2 ? r.pick(NASTY_STRINGS) : JSON.stringify(e)))
          .join(r.pick(['\n', '\r\n', '\n\n'])),
        contentType: 'application/x-ndjson',
        headers,
      };
    case 4:
      return {
        body: r.pick(NASTY_STRINGS),
        contentType: r.pick([
          'text/plain',
          'application/xml',
          '',
          'application/json; charset=utf-16',
          'multipart/form-data',
        ]),
        headers,
      };
    case 5:
      return {
        body: Buffer.from(Array.from({ length: r.int(200) }, () => r.int(256))).toString('latin1'),
        contentType: r.pick(['application/json', 'application/x-ndjson']),
        headers,
      };
    case 6:
      return {
        body: JSON.stringify({
          events: [{ ...usageEvent(), properties: JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) }],
        }),
        contentType: 'application/json',
        headers,
      };
    default:
      return {
        body: JSON.stringify({ events: events(), sentAt: new Date(r.next() * 4e12).toISOString() }),
        contentType: 'application/json',
        headers,
      };
  }
}

/**
 * Posts the hostile bodies of seeds [from, to) to /v1/usage/batch from 8 clients, then checks that
 * no answer was a 5xx and that the server still answers. Split over several files to keep each short.
 */
export function describeIngestionFuzz(from: number, to: number): void {
  describe(`ingestion fuzz, seeds ${from} to ${to - 1}`, () => {
    let api: TestApp;
    let key: string;

    beforeAll(async () => {
      api = await startTestApp({ LOG_LEVEL: 'warn', ...UNLIMITED });
      const a = await createWorkspace(api, 'Fuzz');
      key = await createApiKey(api, (await signIn(api, a.members.ADMIN.email)).accessToken);
    });
    afterAll(() => api.close());

    it('answers every malformed or hostile body below 500, and stays up', async () => {
      const failures: { seed: number; status: number; body: string }[] = [];
      let next = from;
      const client = async () => {
        while (next < to) {
          const seed = next++;
          const { body, contentType, headers } = hostileBody(seed);
          const response = await fetch(`${api.baseUrl}/v1/usage/batch`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${key}`,
              ...(contentType ? { 'content-type': contentType } : {}),
              ...headers,
            },
            body,
          });
          const text = await response.text();
          if (response.status >= 500)
            failures.push({ seed, status: response.status, body: text.slice(0, 300) });
        }
      };
      await Promise.all(Array.from({ length: 8 }, client));
      expect(failures.slice(0, 5)).toEqual([]);
      expect((await fetch(`${api.baseUrl}/health/live`)).status).toBe(200);
    }, 240_000);
  });
}
