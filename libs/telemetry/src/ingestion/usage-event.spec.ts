import { correctTime, emailDomain, EventRejection, parseIsoDateTime, parseUsageEvent } from './usage-event';
import { parseBatch } from './request-body';
import { identityKeyOf } from '../identities/identity-matcher';

const receivedAt = new Date('2026-11-25T12:00:00.000Z');
const time = { receivedAt, sentAt: null };
const rejection = (raw: unknown) => {
  try {
    parseUsageEvent(raw, time);
  } catch (error) {
    if (error instanceof EventRejection) return [error.code, error.field, error.message];
    throw error;
  }
  return null;
};

describe('usage events', () => {
  it('accepts a complete event and lower-cases the email', () => {
    const event = parseUsageEvent(
      {
        eventId: 'e1',
        kind: 'generation.completed',
        occurredAt: '2026-11-25T11:00:00+01:00',
        userEmail: 'Ana@Studio.COM',
        costUsd: 0,
      },
      time,
    );
    expect(event).toMatchObject({ eventId: 'e1', userEmail: 'ana@studio.com', costUsd: 0, properties: {} });
    expect(event.occurredAt.toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  it('names the field of each problem', () => {
    expect(rejection({ kind: 'k' })).toEqual(['MISSING_FIELD', 'eventId', 'eventId is required']);
    expect(rejection({ eventId: 7, kind: 'k' })).toEqual([
      'INVALID_FIELD',
      'eventId',
      'eventId must be a string',
    ]);
    expect(rejection({ eventId: 'e', kind: 'k', gpuSeconds: Number.NaN })?.[1]).toBe('gpuSeconds');
    expect(rejection({ eventId: 'e', kind: 'k', occurredAt: '2026-11-25' })?.[1]).toBe('occurredAt');
    expect(rejection({ eventId: 'e', kind: 'k', model: 'a\u0000b' })?.[1]).toBe('model');
    expect(rejection({ eventId: 'e', kind: 'k', properties: { a: '\ud800' } })?.[1]).toBe('properties');
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 40; i++) deep = (deep.x = {}) as Record<string, unknown>;
    expect(rejection({ eventId: 'e', kind: 'k', properties: root })?.[2]).toContain('nest deeper');
    expect(rejection(null)?.[0]).toBe('INVALID_EVENT');
    expect(rejection({ eventId: 'e', kind: 'k', occurredAt: '1999-12-31T23:59:59Z' })?.[2]).toContain(
      'before 2000',
    );
    const wildClock = { receivedAt, sentAt: new Date('9999-01-01T00:00:00Z') };
    expect(() =>
      parseUsageEvent({ eventId: 'e', kind: 'k', occurredAt: '2026-11-25T10:00:00Z' }, wildClock),
    ).toThrow('check sentAt');
  });

  it('refuses NUL and unpaired surrogates in every text field, naming it', () => {
    const base = { eventId: 'e', kind: 'k' };
    for (const field of [
      'eventId',
      'kind',
      'orgId',
      'projectId',
      'userEmail',
      'model',
      'resolution',
      'status',
    ]) {
      const value = (bad: string) => (field === 'userEmail' ? `${bad}@a.example` : bad);
      expect(rejection({ ...base, [field]: value('a\u0000b') })).toEqual([
        'INVALID_FIELD',
        field,
        `${field} must not contain NUL characters`,
      ]);
      for (const bad of ['id\ud800', '\udc00x', 'x\udbff'])
        expect(rejection({ ...base, [field]: value(bad) })).toEqual([
          'INVALID_FIELD',
          field,
          `${field} must be valid Unicode text (it contains an unpaired UTF-16 surrogate)`,
        ]);
    }
    expect(rejection({ ...base, model: 'emoji 💥 pairs are fine' })).toBeNull();
  });

  it('refuses days and times that do not exist', () => {
    for (const occurredAt of [
      '2026-02-30T10:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-04-31T10:00:00Z',
      '2026-01-01T24:00:00Z',
    ])
      expect([occurredAt, rejection({ eventId: 'e', kind: 'k', occurredAt })?.[1]]).toEqual([
        occurredAt,
        'occurredAt',
      ]);
    expect(parseIsoDateTime('2028-02-29T10:00:00Z')?.toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(parseIsoDateTime('2026-02-30T10:00:00Z')).toBeNull();
  });

  it('refuses amounts too large for their columns, naming the field', () => {
    const base = { eventId: 'e1', kind: 'generation.completed' };
    expect(rejection({ ...base, costUsd: 1e12 })).toEqual([
      'INVALID_FIELD',
      'costUsd',
      'costUsd must be at most 1e+11',
    ]);
    expect(rejection({ ...base, costUsd: 99_999_999_999.5 })).toBeNull();
  });

  it('corrects clock skew like Segment and clamps the far future', () => {
    const sentAt = new Date('2026-11-25T10:00:00.000Z'); // client clock 2 h behind
    expect(correctTime(new Date('2026-11-25T09:50:00.000Z'), { receivedAt, sentAt }).toISOString()).toBe(
      '2026-11-25T11:50:00.000Z',
    );
    expect(correctTime(new Date('2026-11-27T12:00:01.000Z'), { receivedAt, sentAt: null })).toBe(receivedAt);
    expect(
      correctTime(new Date('2026-11-26T11:00:00.000Z'), { receivedAt, sentAt: null }).toISOString(),
    ).toBe('2026-11-26T11:00:00.000Z');
    expect(correctTime(null, { receivedAt, sentAt })).toBe(receivedAt);
  });

  it('parses ISO date-times with a zone only', () => {
    expect(parseIsoDateTime('2026-11-25T10:00:00Z')).toEqual(new Date('2026-11-25T10:00:00Z'));
    expect(parseIsoDateTime('2026-11-25 10:00')).toBeNull();
    expect(parseIsoDateTime(1700000000000)).toBeNull();
  });

  it('keys identities by organisation, project and email domain', () => {
    expect(emailDomain('a@B.example')).toBe('b.example');
    expect(identityKeyOf({ orgId: null, projectId: null, userEmail: null })).toBeNull();
    expect(identityKeyOf({ orgId: 'o', projectId: null, userEmail: 'x@d.example' })).toBe(
      '["o",null,"d.example"]',
    );
  });
});

describe('batch bodies', () => {
  it('reads NDJSON line by line, a bad line rejected alone', () => {
    const batch = parseBatch(Buffer.from('{"eventId":"a"}\n\nnot json\n'), 'ndjson', '2026-11-25T10:00:00Z');
    expect(batch.sentAt?.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(batch.events.map((event) => event.error?.code ?? 'ok')).toEqual(['ok', 'INVALID_JSON']);
  });

  it('refuses a JSON body that is not a batch', () => {
    expect(() => parseBatch(Buffer.from('[1]'), 'json', undefined)).toThrow('must be a JSON object');
    expect(() => parseBatch(Buffer.from('{"events":{}}'), 'json', undefined)).toThrow(
      'events must be an array',
    );
  });

  it('rejects an event nested too deeply to measure, alone', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const batch = parseBatch(Buffer.from(`{"events":[${deep},{"eventId":"a"}]}`), 'json', undefined);
    expect(batch.events.map((event) => event.error?.code ?? 'ok')).toEqual(['INVALID_EVENT', 'ok']);
  });
});
