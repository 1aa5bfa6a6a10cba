import { bearer } from '../identity/fixtures';
import { TestApp } from '../support/test-app';

const CREATE_KEY = `mutation ($name: String!, $scopes: [ApiKeyScope!]!) { createApiKey(name: $name, scopes: $scopes) { key } }`;

/** An API key of the admin's workspace, created through GraphQL. */
export async function createApiKey(
  api: TestApp,
  adminToken: string,
  scopes = ['USAGE_WRITE'],
): Promise<string> {
  const response = await api.graphql<{ createApiKey: { key: string } }>(
    CREATE_KEY,
    { name: `generator ${scopes.join('+')}`, scopes },
    bearer(adminToken),
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.createApiKey.key;
}

export interface EventResult {
  index: number;
  eventId: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  code: string | null;
  field: string | null;
  message: string | null;
}

export interface BatchAnswer {
  status: number;
  headers: Headers;
  body: { accepted: number; duplicates: number; rejected: number; results: EventResult[]; message?: string };
}

/** POSTs to /v1/usage/batch: an object is sent as JSON, a string as is. */
export async function postUsage(
  api: TestApp,
  key: string | null,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<BatchAnswer> {
  const response = await fetch(`${api.baseUrl}/v1/usage/batch`, {
    method: 'POST',
    headers: {
      'content-type': typeof body === 'string' ? 'application/x-ndjson' : 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? (body as string) : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: BatchAnswer['body'];
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`non-JSON answer ${response.status}: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

let counter = 0;

/** A valid generation event; override any field. */
export function usageEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    eventId: `evt-${process.pid}-${Date.now()}-${counter}`,
    occurredAt: new Date().toISOString(),
    kind: 'generation.completed',
    orgId: 'org-1',
    projectId: 'proj-1',
    userEmail: 'editor@studio.example',
    model: 'vidgen-2',
    videoSeconds: 12.5,
    resolution: '1080p',
    gpuSeconds: 140,
    costUsd: 1.75,
    status: 'succeeded',
    properties: { prompt_tokens: 42 },
    ...overrides,
  };
}
