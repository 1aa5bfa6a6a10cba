import { Role } from '@greenlight/identity';
import { Caller, createAccount, crmWorld, CrmWorld } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { TestApp } from '../support/test-app';
import { createApiKey, postUsage, usageEvent } from '../telemetry/support';

const DAY = 86_400_000;

export const daysAgo = (days: number, from = Date.now()) => new Date(from - days * DAY);

export interface HealthWorld extends CrmWorld {
  rep: Caller;
  usageKey: string;
}

/** A workspace with a caller per role and a generator API key. */
export async function healthWorld(api: TestApp, label: string): Promise<HealthWorld> {
  const world = await crmWorld(api, label);
  const admin = await signIn(api, world.workspace.members[Role.ADMIN].email, undefined, world.workspace.slug);
  return { ...world, rep: world.as[Role.PARTNERSHIPS], usageKey: await createApiKey(api, admin.accessToken) };
}

/** An account whose usage events are matched by its e-mail domain. */
export async function accountWithDomain(caller: Caller, name: string): Promise<{ id: string; domain: string }> {
  const domain = `${name.toLowerCase().replace(/\W+/g, '-')}.example`;
  const account = await createAccount(caller, { name, domains: [domain] });
  return { id: account.id, domain };
}

/** Posts `count` generation events of the domain's users, `daysBack` days ago. */
export async function ingest(
  api: TestApp,
  key: string,
  domain: string,
  count: number,
  daysBack: number,
  overrides: Record<string, unknown> = {},
): Promise<void> {
  const events = Array.from({ length: count }, () =>
    usageEvent({ userEmail: `editor@${domain}`, orgId: `org-${domain}`, occurredAt: daysAgo(daysBack).toISOString(), ...overrides }),
  );
  const answer = await postUsage(api, key, { sentAt: new Date().toISOString(), events });
  if (answer.status !== 200 || answer.body.accepted !== count) throw new Error(JSON.stringify(answer.body));
}

export async function logInteraction(caller: Caller, accountId: string, occurredAt: Date): Promise<void> {
  await caller.data(`mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }`, {
    input: { kind: 'MEETING', occurredAt: occurredAt.toISOString(), summary: 'check-in', accountIds: [accountId] },
  });
}

export async function moveToStage(caller: Caller, accountId: string, stageId: string): Promise<void> {
  await caller.data(`mutation($input: MoveAccountStageInput!) { moveAccountStage(input: $input) { id } }`, {
    input: { accountId, stageId },
  });
}

export const HEALTH = `query($id: ID!) { account(id: $id) { health { score level computedAt reasons { code message impact } } } }`;

export interface Health {
  score: number;
  level: string;
  computedAt: string;
  reasons: { code: string; message: string; impact: number }[];
}

/** Waits (the rollups fill within seconds of ingestion) until the account's health satisfies `done`. */
export async function healthWhen(caller: Caller, accountId: string, done: (health: Health) => boolean): Promise<Health> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { account } = await caller.data<{ account: { health: Health } }>(HEALTH, { id: accountId });
    if (done(account.health) || Date.now() > deadline) return account.health;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const EVALUATE = 'mutation { evaluateAlerts { accountsEvaluated raised resolved unresolved evaluatedAt } }';

export const ALERTS = `query($status: AlertStatus, $kind: AlertKind, $accountId: ID, $first: Int, $after: String) {
  alerts(status: $status, kind: $kind, accountId: $accountId, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id kind status severity message firstRaisedAt lastEvaluatedAt acknowledgedAt acknowledgementNote resolvedAt
      account { id name } pilot { id name } acknowledgedBy { id }
    } }
  }
}`;

export interface AlertNode {
  id: string;
  kind: string;
  status: string;
  severity: string;
  message: string;
  firstRaisedAt: string;
  lastEvaluatedAt: string;
  acknowledgedAt: string | null;
  acknowledgementNote: string | null;
  resolvedAt: string | null;
  account: { id: string; name: string };
  pilot: { id: string; name: string } | null;
  acknowledgedBy: { id: string } | null;
}

export async function alertsOf(caller: Caller, variables: Record<string, unknown>): Promise<AlertNode[]> {
  const { alerts } = await caller.data<{ alerts: { edges: { node: AlertNode }[] } }>(ALERTS, { first: 100, ...variables });
  return alerts.edges.map((edge) => edge.node);
}
