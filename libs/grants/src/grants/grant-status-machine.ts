import { InvalidInputException } from '@greenlight/common';
import { GrantStatus } from '../enums';

const { OFFERED, ACTIVE, PAUSED, REVOKED, EXPIRED } = GrantStatus;

/**
 * Where a grant may go from each status by a member's hand. REVOKED is final; EXPIRED is set by
 * the scheduler only, and left by extending the grant.
 */
export const GRANT_TRANSITIONS: Record<GrantStatus, readonly GrantStatus[]> = {
  [OFFERED]: [ACTIVE, REVOKED],
  [ACTIVE]: [PAUSED, REVOKED],
  [PAUSED]: [ACTIVE, REVOKED],
  [REVOKED]: [],
  [EXPIRED]: [REVOKED],
};

/** Statuses the scheduler expires once the expiry day has passed. */
export const EXPIRING_STATUSES: readonly GrantStatus[] = [OFFERED, ACTIVE, PAUSED];

/** Refuses a move the state machine does not allow, naming `field` and what would be allowed. */
export function assertGrantTransition(from: GrantStatus, to: GrantStatus, field = 'input.status'): void {
  if (GRANT_TRANSITIONS[from].includes(to)) return;
  const name = (status: GrantStatus) => status.toUpperCase();
  const next = GRANT_TRANSITIONS[from];
  const reason =
    from === to
      ? `the grant is already ${name(to)}`
      : to === EXPIRED
        ? 'grants expire on their own once past their expiry day'
        : next.length === 0
          ? `${name(from)} is final`
          : `from ${name(from)} a grant can go to ${next.map(name).join(', ')}`;
  throw InvalidInputException.field(
    field,
    `${field} cannot change from ${name(from)} to ${name(to)}: ${reason}`,
  );
}
