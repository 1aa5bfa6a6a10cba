import type { InteractionKind, Sentiment } from '../gql/graphql';

export const INTERACTION_KINDS: InteractionKind[] = ['MEETING', 'CALL', 'DEMO', 'SCREENING', 'EMAIL', 'EVENT'];
export const SENTIMENTS: Sentiment[] = ['POSITIVE', 'NEUTRAL', 'NEGATIVE'];
