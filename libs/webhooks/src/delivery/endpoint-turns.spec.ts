import { EndpointTurns } from './endpoint-turns';

describe('EndpointTurns', () => {
  it('gives an endpoint at most its limit of turns, each endpoint on its own', () => {
    const turns = new EndpointTurns();
    const first = turns.tryTake('slow', 2);
    expect(first).not.toBeNull();
    expect(turns.tryTake('slow', 2)).not.toBeNull();
    expect(turns.tryTake('slow', 2)).toBeNull();
    expect(turns.tryTake('brisk', 2)).not.toBeNull();
    first!();
    first!(); // a second release gives nothing back twice
    expect(turns.tryTake('slow', 2)).not.toBeNull();
    expect(turns.tryTake('slow', 2)).toBeNull();
  });

  it('hands a turn given back to the first caller waiting for that endpoint, and none after the wait', async () => {
    const turns = new EndpointTurns();
    const held = turns.tryTake('endpoint', 1)!;
    const waiting = turns.take('endpoint', 1, 60_000);
    const late = turns.take('endpoint', 1, 1);
    expect(await late).toBeNull();
    held();
    const handed = await waiting;
    expect(handed).not.toBeNull();
    expect(turns.tryTake('endpoint', 1)).toBeNull();
    handed!();
    expect(turns.busyForMs('endpoint')).toBe(0);
  });
});
