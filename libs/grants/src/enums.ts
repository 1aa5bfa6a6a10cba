import { registerEnumType } from '@nestjs/graphql';

/** Who a grant gives access to. */
export enum GrantSubjectKind {
  ACCOUNT = 'account',
  CONTACT = 'contact',
}

export enum GrantStatus {
  OFFERED = 'offered',
  ACTIVE = 'active',
  PAUSED = 'paused',
  REVOKED = 'revoked',
  EXPIRED = 'expired',
}

/** What a grant's credits count: spend in USD (the unit of `costUsd`) or completed generations. */
export enum CreditUnit {
  USD = 'usd',
  GENERATIONS = 'generations',
}

registerEnumType(GrantSubjectKind, { name: 'GrantSubjectKind' });
registerEnumType(GrantStatus, {
  name: 'GrantStatus',
  valuesMap: {
    OFFERED: { description: 'Offered, not yet taken up: no access yet.' },
    ACTIVE: { description: 'Gives access from its start day to its expiry day.' },
    PAUSED: { description: 'Held: no access until made active again.' },
    REVOKED: { description: 'Withdrawn for good.' },
    EXPIRED: {
      description: 'Past its expiry day (set by the scheduler); extending it makes it active again.',
    },
  },
});
registerEnumType(CreditUnit, {
  name: 'CreditUnit',
  valuesMap: {
    USD: { description: 'Spend in USD, as usage events report it in costUsd.' },
    GENERATIONS: { description: 'Completed generations.' },
  },
});
