import { Role } from '@greenlight/identity';
import { callerFor, Caller } from '../crm/support';
import { createWorkspace, signIn, WorkspaceFixture } from '../identity/fixtures';
import { TestApp } from '../support/test-app';

export const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes format enabled } }
}`;

export const DELIVERIES = `query($endpointId: ID!, $status: WebhookDeliveryStatus) {
  webhookDeliveries(endpointId: $endpointId, status: $status, first: 100) {
    totalCount
    edges { node { id eventId eventType status attempts lastStatusCode lastError payload
      attemptLog { attempt succeeded statusCode error durationMs manual } } }
  }
}`;

export interface WebhookWorld {
  workspace: WorkspaceFixture;
  admin: Caller;
  as: Record<Role, Caller>;
}

export async function webhookWorld(api: TestApp, label: string): Promise<WebhookWorld> {
  const workspace = await createWorkspace(api, label);
  const as = {} as Record<Role, Caller>;
  for (const role of Object.values(Role))
    as[role] = callerFor(
      api,
      (await signIn(api, workspace.members[role].email, undefined, workspace.slug)).accessToken,
    );
  return { workspace, admin: as.ADMIN, as };
}

export async function createEndpoint(
  admin: Caller,
  input: Record<string, unknown>,
): Promise<{ id: string; secret: string }> {
  const { createWebhookEndpoint } = await admin.data(CREATE_ENDPOINT, { input });
  return { id: createWebhookEndpoint.endpoint.id, secret: createWebhookEndpoint.secret };
}

export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
