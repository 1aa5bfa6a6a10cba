import { InvalidInputException } from '@greenlight/common';
import { PilotStatus } from '../enums';
import { allowedNextStatuses, assertTransition, isFinal, PILOT_TRANSITIONS } from './pilot-status-machine';

const { PROPOSED, SCOPING, ACTIVE, PAUSED, SUCCEEDED, FAILED, CONVERTED } = PilotStatus;

function refusal(from: PilotStatus, to: PilotStatus): InvalidInputException {
  try {
    assertTransition(from, to);
  } catch (error) {
    return error as InvalidInputException;
  }
  throw new Error(`${from} → ${to} was allowed`);
}

describe('pilot status machine', () => {
  it('lists a rule for every status', () => {
    expect(Object.keys(PILOT_TRANSITIONS).sort()).toEqual(Object.values(PilotStatus).sort());
  });

  it('allows the ordinary path and a pause', () => {
    for (const [from, to] of [
      [PROPOSED, SCOPING],
      [SCOPING, ACTIVE],
      [ACTIVE, PAUSED],
      [PAUSED, ACTIVE],
      [ACTIVE, SUCCEEDED],
      [SUCCEEDED, CONVERTED],
      [ACTIVE, CONVERTED],
      [PROPOSED, FAILED],
    ] as const)
      expect(() => assertTransition(from, to)).not.toThrow();
  });

  it('converts only from ACTIVE or SUCCEEDED', () => {
    const from = Object.values(PilotStatus).filter((status) => allowedNextStatuses(status).includes(CONVERTED));
    expect(from.sort()).toEqual([ACTIVE, SUCCEEDED].sort());
  });

  it('keeps FAILED and CONVERTED final and SUCCEEDED only convertible', () => {
    expect(isFinal(FAILED)).toBe(true);
    expect(isFinal(CONVERTED)).toBe(true);
    expect(allowedNextStatuses(SUCCEEDED)).toEqual([CONVERTED]);
    for (const to of Object.values(PilotStatus)) {
      expect(() => assertTransition(FAILED, to)).toThrow(InvalidInputException);
      expect(() => assertTransition(CONVERTED, to)).toThrow(InvalidInputException);
    }
  });

  it('names input.status and what is allowed when it refuses', () => {
    const error = refusal(ACTIVE, PROPOSED);
    expect(error.fields).toEqual([
      {
        path: 'input.status',
        message:
          'input.status cannot change from ACTIVE to PROPOSED: from ACTIVE a pilot can go to PAUSED, SUCCEEDED, FAILED, CONVERTED',
      },
    ]);
    expect(refusal(FAILED, ACTIVE).fields[0].message).toContain('FAILED is final');
    expect(refusal(ACTIVE, ACTIVE).fields[0].message).toContain('already ACTIVE');
    expect(refusal(PROPOSED, CONVERTED).fields[0].path).toBe('input.status');
  });
});
