import { AccountKind, ContactKind, InteractionKind, Sentiment } from '../enums';

export type ImportKind = 'accounts' | 'contacts' | 'interactions';
export const IMPORT_KINDS: ImportKind[] = ['accounts', 'contacts', 'interactions'];

/**
 * Our field for each header a CRM export may use (HubSpot and Salesforce names included),
 * compared lower case with spaces, dashes and underscores removed.
 */
const SYNONYMS: Record<ImportKind, Record<string, string[]>> = {
  accounts: {
    name: ['name', 'account name', 'company name', 'company', 'account', 'organization', 'organisation'],
    kind: ['kind', 'type', 'account type', 'company type'],
    domains: ['domains', 'domain', 'company domain name', 'website domain', 'email domain'],
    website: ['website', 'website url', 'company website'],
    region: ['region', 'city', 'state/region', 'billing city', 'billing state/province', 'territory'],
    tier: ['tier', 'account tier', 'segment'],
    expectedAnnualValue: ['expected annual value', 'annual value', 'annual revenue', 'arr', 'amount'],
    currency: ['currency', 'currency code', 'currency iso code'],
    tags: ['tags', 'labels'],
    owner: ['owner', 'owner email', 'account owner', 'company owner', 'hubspot owner', 'account owner email'],
    stage: ['stage', 'adoption stage', 'lifecycle stage', 'pipeline stage'],
    parent: ['parent', 'parent account', 'parent company'],
  },
  contacts: {
    name: ['name', 'full name', 'contact name'],
    firstName: ['first name', 'firstname', 'given name'],
    lastName: ['last name', 'lastname', 'surname', 'family name'],
    email: ['email', 'email address', 'e-mail', 'primary email', 'work email'],
    phone: ['phone', 'phone number', 'mobile phone', 'mobile', 'business phone'],
    title: ['title', 'job title', 'position'],
    kind: ['kind', 'contact type', 'persona', 'type'],
    company: ['company', 'company name', 'account name', 'account', 'associated company'],
    owner: ['owner', 'contact owner', 'owner email', 'hubspot owner'],
    notes: ['notes', 'description'],
    relationshipStrength: ['relationship strength', 'strength'],
  },
  interactions: {
    kind: ['kind', 'type', 'activity type', 'interaction type', 'task subtype'],
    occurredAt: ['occurred at', 'date', 'activity date', 'timestamp', 'start time', 'meeting start time'],
    subject: ['subject', 'title'],
    summary: ['summary', 'notes', 'description', 'body', 'comments'],
    account: ['account', 'account name', 'company', 'company name', 'associated company'],
    contacts: ['contacts', 'contact emails', 'attendees', 'email', 'contact email', 'associated contacts'],
    durationMinutes: ['duration', 'duration minutes', 'duration (minutes)'],
    location: ['location'],
    sentiment: ['sentiment', 'outcome'],
    nextSteps: ['next steps', 'next step'],
    timeZone: ['time zone', 'timezone'],
  },
};

const squash = (header: string) => header.toLowerCase().replace(/[\s_\-().]+/g, '');

/** Maps the file's headers to our fields; unknown columns are ignored (and listed). */
export function mapHeaders(
  kind: ImportKind,
  headers: string[],
): { fields: (string | undefined)[]; ignored: string[] } {
  const lookup = new Map<string, string>();
  for (const [field, names] of Object.entries(SYNONYMS[kind]))
    for (const name of names) lookup.set(squash(name), field);
  const taken = new Set<string>();
  const fields = headers.map((header) => {
    const field = lookup.get(squash(header));
    if (!field || taken.has(field)) return undefined;
    taken.add(field);
    return field;
  });
  return { fields, ignored: headers.filter((_, index) => fields[index] === undefined) };
}

const enumFrom =
  <T extends string>(values: Record<string, T>, synonyms: Record<string, T>) =>
  (raw: string): T | undefined => {
    const key = raw.toLowerCase().replace(/[^a-z]/g, '');
    return synonyms[key] ?? Object.values(values).find((value) => value.replace(/_/g, '') === key);
  };

export const parseAccountKind = enumFrom(AccountKind as Record<string, AccountKind>, {
  film: AccountKind.STUDIO,
  filmstudio: AccountKind.STUDIO,
  streaming: AccountKind.STREAMER,
  streamingservice: AccountKind.STREAMER,
  broadcaster: AccountKind.NETWORK,
  tv: AccountKind.NETWORK,
  production: AccountKind.PRODUCTION_COMPANY,
  producer: AccountKind.PRODUCTION_COMPANY,
  agency: AccountKind.TALENT_AGENCY,
  vfx: AccountKind.VFX_POST_HOUSE,
  post: AccountKind.VFX_POST_HOUSE,
  vfxpost: AccountKind.VFX_POST_HOUSE,
  postproduction: AccountKind.VFX_POST_HOUSE,
  advertising: AccountKind.AD_AGENCY,
  creator: AccountKind.INDEPENDENT_CREATOR,
});

export const parseContactKind = enumFrom(ContactKind as Record<string, ContactKind>, {
  exec: ContactKind.EXECUTIVE,
  actor: ContactKind.TALENT,
  creative: ContactKind.CREATIVE_TECHNOLOGIST,
  technologist: ContactKind.CREATIVE_TECHNOLOGIST,
  lawyer: ContactKind.LEGAL,
  counsel: ContactKind.LEGAL,
  businessaffairs: ContactKind.LEGAL,
});

export const parseInteractionKind = enumFrom(InteractionKind as Record<string, InteractionKind>, {
  phonecall: InteractionKind.CALL,
  phone: InteractionKind.CALL,
  videocall: InteractionKind.MEETING,
  visit: InteractionKind.MEETING,
  presentation: InteractionKind.DEMO,
  conference: InteractionKind.EVENT,
  festival: InteractionKind.EVENT,
  mail: InteractionKind.EMAIL,
});

export const parseSentiment = enumFrom(Sentiment as Record<string, Sentiment>, {
  good: Sentiment.POSITIVE,
  bad: Sentiment.NEGATIVE,
  ok: Sentiment.NEUTRAL,
});

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Splits a multi-value cell ("a; b, c"). */
export const list = (cell: string | undefined) =>
  (cell ?? '')
    .split(/[;,|]/)
    .map((part) => part.trim())
    .filter(Boolean);

/** Reads a domain from a domain, an URL or an e-mail address. */
export function domainOf(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^[^@]*@/, '')
    .replace(/^www\./, '')
    .replace(/[/:?#].*$/, '');
}
