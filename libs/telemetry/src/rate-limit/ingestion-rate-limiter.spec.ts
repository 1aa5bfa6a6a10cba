import { retryAfter } from './ingestion-rate-limiter';

const limits = { requestsPerSecond: 2, requestBurst: 4, eventsPerSecond: 100, eventBurst: 1000 };

describe('retryAfter', () => {
  it('waits for the scarcer bucket, in whole seconds, at least one', () => {
    expect(retryAfter(limits, 10, { requests: 0.5, events: 1000 })).toEqual({
      seconds: 1,
      limit: 'requests',
    });
    expect(retryAfter(limits, 10, { requests: -3, events: 1000 })).toEqual({ seconds: 2, limit: 'requests' });
    expect(retryAfter(limits, 500, { requests: 4, events: -250 })).toEqual({ seconds: 8, limit: 'events' });
  });

  it('waits for a full event bucket at most, for a batch larger than the burst', () => {
    expect(retryAfter(limits, 5000, { requests: 4, events: 0 })).toEqual({ seconds: 10, limit: 'events' });
  });
});
