import { Caller } from '../crm/support';

export const GRANT_FIELDS = `id subjectKind status seats creditUnit creditLimit modelTier models startsOn expiresOn notes
  accountId contactId pilotId approvedBy { id } allowedNextStatuses
  history { fromStatus toStatus expiresOn reason by { id } }
  usage { events creditsUsed creditsLeft creditsUsedPercent firstUseOn lastUseOn activated dormant }`;

export const CREATE_GRANT = `mutation($input: CreateGrantInput!) { createGrant(input: $input) { ${GRANT_FIELDS} } }`;

/** Today (UTC) moved by `offset` days, as YYYY-MM-DD. */
export function day(offset = 0, from = Date.now()): string {
  return new Date(from + offset * 86_400_000).toISOString().slice(0, 10);
}

export async function createGrant(
  caller: Caller,
  input: Record<string, unknown>,
): Promise<Record<string, any>> {
  const { createGrant: grant } = await caller.data(CREATE_GRANT, { input: { startsOn: day(-2), ...input } });
  return grant;
}

export async function changeGrantStatus(
  caller: Caller,
  id: string,
  status: string,
  reason = 'because',
): Promise<Record<string, any>> {
  const { changeGrantStatus: grant } = await caller.data(
    `mutation($input: ChangeGrantStatusInput!) { changeGrantStatus(input: $input) { ${GRANT_FIELDS} } }`,
    { input: { id, status, reason } },
  );
  return grant;
}

/** GET /v1/entitlements with an API key. */
export async function entitlements(
  baseUrl: string,
  key: string,
  query: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${baseUrl}/v1/entitlements?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${key}`, ...headers },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
