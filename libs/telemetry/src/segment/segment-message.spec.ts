import { EventRejection } from '../ingestion/usage-event';
import { kindOfEventName, mapSegmentMessage, MappedTrack } from './segment-message';

const receivedAt = new Date('2026-11-25T12:00:00.000Z');
const time = { receivedAt, sentAt: null };
const mapped = (message: Record<string, unknown>, context: Record<string, unknown> | null = null) =>
  mapSegmentMessage(
    { type: 'track', messageId: 'm1', event: 'Generation Completed', ...message },
    time,
    context,
  ) as MappedTrack;
const rejection = (message: unknown) => {
  try {
    mapSegmentMessage(message, time);
  } catch (error) {
    if (error instanceof EventRejection) return [error.code, error.field];
    throw error;
  }
  return null;
};

describe('Segment calls', () => {
  it('names usage kinds after the event name', () => {
    expect(kindOfEventName('Generation Completed')).toBe('generation.completed');
    expect(kindOfEventName(' generation_completed ')).toBe('generation.completed');
    expect(kindOfEventName('generation.completed')).toBe('generation.completed');
    expect(kindOfEventName('Video-Render  Failed')).toBe('video.render.failed');
    expect(kindOfEventName(' _ ')).toBe('');
  });

  it('maps a track call to a usage event, keeping the rest in properties', () => {
    const { event, sources } = mapped({
      userId: 'u-1',
      anonymousId: 'a-1',
      timestamp: '2026-11-25T10:00:00+01:00',
      properties: { model: 'vidgen-2', video_seconds: 4, costUsd: 0.2, prompt: 'dusk', orgId: 'o' },
      context: { traits: { email: 'ana@studio.example' } },
    });
    expect(event).toEqual({
      eventId: 'm1',
      kind: 'generation.completed',
      occurredAt: '2026-11-25T09:00:00.000Z',
      orgId: 'o',
      userEmail: 'ana@studio.example',
      model: 'vidgen-2',
      videoSeconds: 4,
      costUsd: 0.2,
      properties: {
        prompt: 'dusk',
        _segment: {
          userId: 'u-1',
          anonymousId: 'a-1',
          event: 'Generation Completed',
          context: { traits: { email: 'ana@studio.example' } },
        },
      },
    });
    expect(sources).toMatchObject({
      videoSeconds: 'properties.video_seconds',
      userEmail: 'context.traits.email',
    });
  });

  it('prefers the properties, then the context, then a user id that is an email', () => {
    expect(mapped({ properties: { orgId: 'p' }, context: { groupId: 'c' } }).event.orgId).toBe('p');
    expect(mapped({ context: { groupId: 'c', traits: { groupId: 't' } } }).event.orgId).toBe('c');
    expect(mapped({ context: { traits: { company: { id: 'co' } } } }).event.orgId).toBe('co');
    expect(mapped({}, { groupId: 'batch' }).event.orgId).toBe('batch');
    expect(mapped({ context: { groupId: 'own' } }, { groupId: 'batch' }).event.orgId).toBe('own');
    expect(mapped({ userId: 'ana@studio.example' }).event.userEmail).toBe('ana@studio.example');
    expect(mapped({ userId: 'u-1' }).event.userEmail).toBeUndefined();
    // traits that are not what a field needs are passed over, not rejected
    expect(mapped({ context: { groupId: 7, traits: { email: 'nope' } } }).event).not.toHaveProperty('orgId');
    expect(mapped({ context: { traits: { email: 'nope' } } }).event).not.toHaveProperty('userEmail');
  });

  it('corrects the time by the call own sentAt before the batch one', () => {
    const call = { timestamp: '2026-11-25T09:50:00Z', sentAt: '2026-11-25T10:00:00Z' };
    expect(mapSegmentMessage({ type: 'track', messageId: 'm', event: 'e', ...call }, time)).toMatchObject({
      event: { occurredAt: '2026-11-25T11:50:00.000Z' },
    });
    const batchSentAt = { receivedAt, sentAt: new Date('2026-11-25T11:00:00Z') };
    expect(
      mapSegmentMessage(
        { type: 'track', messageId: 'm', event: 'e', originalTimestamp: '2026-11-25T10:30:00Z' },
        batchSentAt,
      ),
    ).toMatchObject({ event: { occurredAt: '2026-11-25T11:30:00.000Z' } });
  });

  it('acknowledges other call types without mapping them', () => {
    expect(mapSegmentMessage({ type: 'identify', messageId: 'i', traits: {} }, time)).toEqual({
      outcome: 'ignored',
      type: 'identify',
      messageId: 'i',
    });
  });

  it('names the field of each problem', () => {
    expect(rejection([])).toEqual(['INVALID_EVENT', null]);
    expect(rejection({ type: 'Track' })).toEqual(['INVALID_FIELD', 'type']);
    expect(rejection({ type: 'track', event: 'e' })).toEqual(['MISSING_FIELD', 'messageId']);
    expect(rejection({ type: 'track', messageId: 1, event: 'e' })).toEqual(['INVALID_FIELD', 'messageId']);
    expect(rejection({ type: 'track', messageId: 'm' })).toEqual(['MISSING_FIELD', 'event']);
    expect(rejection({ type: 'track', messageId: 'm', event: '...' })).toEqual(['MISSING_FIELD', 'event']);
    expect(rejection({ type: 'track', messageId: 'm', event: 'e', properties: 'x' })).toEqual([
      'INVALID_FIELD',
      'properties',
    ]);
    expect(rejection({ type: 'track', messageId: 'm', event: 'e', context: [] })).toEqual([
      'INVALID_FIELD',
      'context',
    ]);
    expect(rejection({ type: 'track', messageId: 'm', event: 'e', userId: {} })).toEqual([
      'INVALID_FIELD',
      'userId',
    ]);
    expect(rejection({ type: 'track', messageId: 'm', event: 'e', timestamp: 17 })).toEqual([
      'INVALID_FIELD',
      'timestamp',
    ]);
    expect(rejection({ type: 'track', messageId: 'm', event: 'e', sentAt: 'now' })).toEqual([
      'INVALID_FIELD',
      'sentAt',
    ]);
    expect(
      rejection({
        type: 'track',
        messageId: 'm',
        event: 'e',
        timestamp: '2026-11-25T10:00:00Z',
        sentAt: '9999-01-01T00:00:00Z',
      }),
    ).toEqual(['INVALID_FIELD', 'sentAt']);
  });

  it('keeps a __proto__ key as data and never follows inherited properties', () => {
    const call = JSON.parse(
      '{"type":"track","messageId":"m","event":"e","properties":{"__proto__":{"orgId":"x"}},"context":{"__proto__":{"groupId":"y"}}}',
    );
    const { event } = mapSegmentMessage(call, time) as MappedTrack;
    expect(event).not.toHaveProperty('orgId');
    expect(Object.getPrototypeOf(event.properties)).toBe(Object.prototype);
    expect(Object.keys(event.properties as object)).toContain('__proto__');
    expect(({} as Record<string, unknown>).orgId).toBeUndefined();
  });
});
