import { AccountKind } from '../enums';
import { AccountScope } from './account-scope';
import { Interval } from './statistics.types';

/** The arguments the statistics statements are rendered with in queries/*.sql. */
export const EXAMPLE_SCOPES = {
  all: {} as AccountScope,
  narrowed: {
    ownerIds: ['00000000-0000-4000-8000-0000000000b1'],
    kinds: [AccountKind.STUDIO],
    regions: ['emea'],
    excludeLost: true,
  } as AccountScope,
};

export const EXAMPLE_PERIOD: Interval = {
  from: new Date('2026-01-01T00:00:00Z'),
  to: new Date('2026-04-01T00:00:00Z'),
};
