import { GrantStatus } from '../enums';
import { assertGrantTransition, GRANT_TRANSITIONS } from './grant-status-machine';

describe('grant status machine', () => {
  it('lets an offer be taken up, an active grant be paused and resumed, and any live grant be revoked', () => {
    expect(() => assertGrantTransition(GrantStatus.OFFERED, GrantStatus.ACTIVE)).not.toThrow();
    expect(() => assertGrantTransition(GrantStatus.ACTIVE, GrantStatus.PAUSED)).not.toThrow();
    expect(() => assertGrantTransition(GrantStatus.PAUSED, GrantStatus.ACTIVE)).not.toThrow();
    for (const from of [GrantStatus.OFFERED, GrantStatus.ACTIVE, GrantStatus.PAUSED, GrantStatus.EXPIRED])
      expect(() => assertGrantTransition(from, GrantStatus.REVOKED)).not.toThrow();
  });

  it('leaves expiry to the scheduler and keeps revocation final', () => {
    for (const from of Object.values(GrantStatus))
      expect(GRANT_TRANSITIONS[from]).not.toContain(GrantStatus.EXPIRED);
    expect(() => assertGrantTransition(GrantStatus.ACTIVE, GrantStatus.EXPIRED)).toThrow(
      /grants expire on their own/,
    );
    expect(() => assertGrantTransition(GrantStatus.REVOKED, GrantStatus.ACTIVE)).toThrow(/REVOKED is final/);
    expect(() => assertGrantTransition(GrantStatus.ACTIVE, GrantStatus.ACTIVE)).toThrow(/already ACTIVE/);
  });
});
