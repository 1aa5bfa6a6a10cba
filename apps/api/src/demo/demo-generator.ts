/**
 * A stand-in for the video generator: signs in to the demo workspace over GraphQL, creates an API
 * key, and streams synthetic generation events for the demo accounts in pilot and beyond (by their
 * users' e-mail domains, so attribution happens as for a real generator) plus a freelancer nobody
 * has mapped, so dashboards, pilots and the unmatched queue move while someone watches.
 */
import { randomUUID } from 'node:crypto';

interface GeneratorOptions {
  url: string;
  email: string;
  password: string;
  workspace: string;
  /** Events per second, spread over one batch a second. */
  rate: number;
  /** Stop after this many seconds; 0 runs until interrupted. */
  seconds: number;
  log: (line: string) => void;
}

const LIVE_STAGES = new Set(['pilot', 'negotiation', 'adopted', 'expanding']);
const MODELS = ['veo-3', 'gen-4-turbo', 'kling-2.1', 'sora-2', 'lumiere-xl'];
const RESOLUTIONS = ['720p', '1080p', '1080p', '4k'];

async function graphql<T>(url: string, query: string, variables: object, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data as T;
}

interface AccountPage {
  accounts: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { domains: string[]; stage: { key: string } } }[];
  };
}

async function prepare(options: GeneratorOptions): Promise<{ key: string; domains: string[] }> {
  const { signIn } = await graphql<{ signIn: { accessToken: string } }>(
    options.url,
    'mutation ($e: String!, $p: String!, $w: String) { signIn(email: $e, password: $p, workspaceSlug: $w) { accessToken } }',
    { e: options.email, p: options.password, w: options.workspace },
  );
  const token = signIn.accessToken;
  const domains: string[] = [];
  for (let after: string | null = null; ;) {
    const { accounts }: AccountPage = await graphql<AccountPage>(
      options.url,
      'query ($after: String) { accounts(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { domains stage { key } } } } }',
      { after },
      token,
    );
    for (const { node } of accounts.edges)
      if (LIVE_STAGES.has(node.stage.key) && node.domains.length > 0) domains.push(node.domains[0]);
    if (!accounts.pageInfo.hasNextPage) break;
    after = accounts.pageInfo.endCursor;
  }
  if (domains.length === 0)
    throw new Error('no account in pilot or beyond has a domain: seed the demo first');
  const { createApiKey } = await graphql<{ createApiKey: { key: string } }>(
    options.url,
    'mutation ($n: String!) { createApiKey(name: $n, scopes: [USAGE_WRITE]) { key } }',
    { n: `Demo generator ${new Date().toISOString().slice(0, 16)}` },
    token,
  );
  return { key: createApiKey.key, domains };
}

function syntheticEvent(domains: string[]) {
  const pick = <T>(values: T[]) => values[Math.floor(Math.random() * values.length)];
  const failed = Math.random() < 0.04;
  // one event in fifty comes from a freelancer nobody has mapped to an account yet
  const domain = Math.random() < 0.02 ? 'freelance-motion.studio' : pick(domains);
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    kind: failed ? 'generation.failed' : 'generation.completed',
    userEmail: `user${1 + Math.floor(Math.random() * 12)}@${domain}`,
    model: pick(MODELS),
    videoSeconds: 4 + Math.floor(Math.random() * 16),
    resolution: pick(RESOLUTIONS),
    gpuSeconds: 20 + Math.floor(Math.random() * 240),
    costUsd: Math.round((0.15 + Math.random() * 1.2) * 100) / 100,
    status: failed ? 'failed' : 'succeeded',
    properties: { renderSeconds: 15 + Math.floor(Math.random() * 180) },
  };
}

/** Runs until `seconds` pass or the process is interrupted; resolves with the events accepted. */
export async function runDemoGenerator(options: GeneratorOptions, signal?: AbortSignal): Promise<number> {
  const { key, domains } = await prepare(options);
  options.log(
    `sending ${options.rate} events/s for ${domains.length} accounts to ${options.url}/v1/usage/batch`,
  );
  const started = Date.now();
  let accepted = 0;
  while (!signal?.aborted && (options.seconds === 0 || Date.now() - started < options.seconds * 1000)) {
    const tick = Date.now();
    const events = Array.from({ length: options.rate }, () => syntheticEvent(domains));
    const response = await fetch(`${options.url}/v1/usage/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ sentAt: new Date().toISOString(), events }),
    });
    const result = (await response.json()) as { accepted?: number; message?: string };
    if (response.ok) {
      accepted += result.accepted ?? 0;
      options.log(
        `${new Date().toISOString().slice(11, 19)}  accepted ${result.accepted}, ${accepted} in all`,
      );
    } else {
      options.log(`${response.status}: ${result.message ?? 'refused'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - tick))));
  }
  return accepted;
}
