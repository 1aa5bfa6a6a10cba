import { gzipSync } from 'node:zlib';
import { bodyEncoding, decodeBody } from '../ingestion/request-body';
import { parseSegmentBody } from './segment-body';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('Segment bodies', () => {
  it('reads a batch with its sentAt and context, rejecting an oversized call alone', () => {
    const batch = parseSegmentBody(
      json({
        batch: [{ type: 'track' }, { type: 'track', properties: { pad: 'x'.repeat(33 * 1024) } }],
        sentAt: '2026-11-25T10:00:00Z',
        context: { groupId: 'g' },
      }),
      'batch',
    );
    expect(batch.sentAt?.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(batch.context).toEqual({ groupId: 'g' });
    expect(batch.calls.map((call) => call.error?.code ?? 'ok')).toEqual(['ok', 'EVENT_TOO_LARGE']);
  });

  it('takes the type of a single call from its route', () => {
    expect(parseSegmentBody(json({ event: 'e' }), 'track').calls[0].value).toEqual({
      event: 'e',
      type: 'track',
    });
    expect(() => parseSegmentBody(json({ type: 'page' }), 'track')).toThrow('type must be track');
    expect(() => parseSegmentBody(json({ pad: 'x'.repeat(33 * 1024) }), 'track')).toThrow('32 KB');
  });

  it('refuses bodies that are not a batch', () => {
    expect(() => parseSegmentBody(Buffer.from('{'), 'batch')).toThrow('not valid JSON');
    expect(() => parseSegmentBody(json([]), 'batch')).toThrow('must be a JSON object');
    expect(() => parseSegmentBody(json({ batch: 'x' }), 'batch')).toThrow('batch must be an array');
    expect(() => parseSegmentBody(json({ batch: [] }), 'batch')).toThrow('at least one call');
    expect(() => parseSegmentBody(json({ batch: Array(2501).fill({}) }), 'batch')).toThrow('at most 2500');
    expect(() => parseSegmentBody(json({ batch: [{}], sentAt: 5 }), 'batch')).toThrow('sentAt');
    expect(() => parseSegmentBody(json({ batch: [{}], context: [] }), 'batch')).toThrow('context');
  });

  it('inflates gzip within a limit', async () => {
    const body = json({ batch: [] });
    expect(await decodeBody(gzipSync(body), 'gzip', 1024)).toEqual(body);
    expect(await decodeBody(body, 'identity', 1024)).toBe(body);
    await expect(decodeBody(gzipSync(Buffer.alloc(4096)), 'gzip', 1024)).rejects.toThrow(
      'inflates to more than 1 KB',
    );
    await expect(decodeBody(body, 'gzip', 1024)).rejects.toThrow('could not be inflated');
  });

  it('knows gzip and no encoding only', () => {
    expect(bodyEncoding(undefined)).toBe('identity');
    expect(bodyEncoding(' GZIP ')).toBe('gzip');
    expect(bodyEncoding('x-gzip')).toBe('gzip');
    expect(() => bodyEncoding('br')).toThrow('send gzip');
  });
});
