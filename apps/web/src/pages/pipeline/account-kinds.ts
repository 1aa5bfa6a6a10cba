import type { AccountKind } from '../../gql/graphql';

export const ACCOUNT_KINDS: AccountKind[] = [
  'STUDIO',
  'STREAMER',
  'NETWORK',
  'PRODUCTION_COMPANY',
  'TALENT_AGENCY',
  'VFX_POST_HOUSE',
  'AD_AGENCY',
  'INDEPENDENT_CREATOR',
  'OTHER',
];
