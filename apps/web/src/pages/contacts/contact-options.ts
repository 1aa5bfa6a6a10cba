import type { ContactKind } from '../../gql/graphql';

export const CONTACT_KINDS: ContactKind[] = [
  'EXECUTIVE',
  'PRODUCER',
  'DIRECTOR',
  'CREATIVE_TECHNOLOGIST',
  'LEGAL',
  'AGENT',
  'TALENT',
  'OTHER',
];

/** What each relationship strength means, in words. */
export const RELATIONSHIP_WORDS: Record<number, string> = {
  1: 'Cold: no real conversation yet',
  2: 'Acquainted: met, but no regular contact',
  3: 'Working: regular contact on a project',
  4: 'Warm: trusts us and takes our calls',
  5: 'Close: a champion who vouches for us',
};

export function describeRelationship(strength: number | null | undefined): string | null {
  return strength ? `Relationship ${strength}/5 · ${RELATIONSHIP_WORDS[strength]}` : null;
}
