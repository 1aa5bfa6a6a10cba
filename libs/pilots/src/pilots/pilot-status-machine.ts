import { InvalidInputException } from '@greenlight/common';
import { PilotStatus } from '../enums';

const { PROPOSED, SCOPING, ACTIVE, PAUSED, SUCCEEDED, FAILED, CONVERTED } = PilotStatus;

/**
 * Where a pilot may go from each status. FAILED and CONVERTED are final; SUCCEEDED can only be
 * converted into an agreement; conversion comes from ACTIVE or SUCCEEDED.
 */
export const PILOT_TRANSITIONS: Record<PilotStatus, readonly PilotStatus[]> = {
  [PROPOSED]: [SCOPING, ACTIVE, FAILED],
  [SCOPING]: [ACTIVE, PAUSED, FAILED],
  [ACTIVE]: [PAUSED, SUCCEEDED, FAILED, CONVERTED],
  [PAUSED]: [ACTIVE, SCOPING, FAILED],
  [SUCCEEDED]: [CONVERTED],
  [FAILED]: [],
  [CONVERTED]: [],
};

export function allowedNextStatuses(from: PilotStatus): readonly PilotStatus[] {
  return PILOT_TRANSITIONS[from];
}

export function isFinal(status: PilotStatus): boolean {
  return PILOT_TRANSITIONS[status].length === 0;
}

/** Refuses a move the state machine does not allow, naming `field` and what would be allowed. */
export function assertTransition(from: PilotStatus, to: PilotStatus, field = 'input.status'): void {
  if (PILOT_TRANSITIONS[from].includes(to)) return;
  const name = (status: PilotStatus) => status.toUpperCase();
  const next = PILOT_TRANSITIONS[from];
  const reason =
    from === to
      ? `the pilot is already ${name(to)}`
      : next.length === 0
        ? `${name(from)} is final`
        : `from ${name(from)} a pilot can go to ${next.map(name).join(', ')}`;
  throw InvalidInputException.field(field, `${field} cannot change from ${name(from)} to ${name(to)}: ${reason}`);
}
