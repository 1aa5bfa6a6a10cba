/**
 * `npm run bench:entitlements`: 2,000 accounts, 10,000 contacts with positions, 4,000 grants and
 * 90 days of usage rollups, then p50/p95 of `GET /v1/entitlements` at 1 and 8 clients: repeat
 * callers (answers from memory, as on the generator's sign-in path) and first-time callers (every
 * answer computed from PostgreSQL). Writes docs/benchmarks.md.
 */
import * as os from 'node:os';
import { measure, startBenchServer } from './support/bench-server';
import { percentile, writeSection } from './support/report';

const SIZES = { accounts: 2_000, contacts: 10_000, accountGrants: 2_000, contactGrants: 2_000, days: 90 };
const RUNS = Number(process.env.BENCH_RUNS ?? 2000);

async function generate(server: Awaited<ReturnType<typeof startBenchServer>>): Promise<void> {
  const ds = server.dataSource;
  const ws = server.workspaceId;
  const member = server.memberIds[0];
  await server.graphql('{ stages { id } }'); // creates the default pipeline
  await ds.query(
    `INSERT INTO account (workspace_id, name, kind, owner_id, domains, tier, stage_id, stage_entered_at)
     SELECT $1, 'Studio ' || g, (enum_range(NULL::account_kind))[1 + g % 9], $2, ARRAY['acct' || g || '.example'],
            CASE WHEN g % 10 = 0 THEN 'strategic' END, (SELECT id FROM stage WHERE workspace_id = $1 ORDER BY position LIMIT 1), now()
       FROM generate_series(1, $3) g`,
    [ws, member, SIZES.accounts],
  );
  await ds.query(
    `CREATE TEMP TABLE bench_accounts AS SELECT id, row_number() OVER (ORDER BY name) AS n FROM account WHERE workspace_id = '${ws}'`,
  );
  await ds.query(
    `INSERT INTO contact (workspace_id, name, kind, emails, owner_id)
     SELECT $1, 'Person ' || g, (enum_range(NULL::contact_kind))[1 + g % 8], ARRAY['person' || g || '@mail' || g || '.example'], $2
       FROM generate_series(1, $3) g`,
    [ws, member, SIZES.contacts],
  );
  await ds.query(
    `INSERT INTO position (workspace_id, contact_id, account_id, title, started_on)
     SELECT c.workspace_id, c.id, a.id, 'Producer', current_date - 400
       FROM (SELECT id, workspace_id, row_number() OVER (ORDER BY name) AS n FROM contact WHERE workspace_id = $1) c
       JOIN bench_accounts a ON a.n = 1 + c.n % $2`,
    [ws, SIZES.accounts],
  );
  await ds.query(
    `INSERT INTO generator_identity (workspace_id, identity_key, org_id, status, matched_by, account_id, first_seen_at, last_seen_at)
     SELECT $1, json_build_array('org-' || a.n, null, null)::text, 'org-' || a.n, 'matched', 'org_mapping', a.id, now(), now()
       FROM bench_accounts a`,
    [ws],
  );
  await ds.query(
    `INSERT INTO access_grant (workspace_id, subject_kind, account_id, seats, credit_unit, credit_limit, models, starts_on, expires_on,
                               approved_by_id, status, status_changed_at)
     SELECT $1, 'account', a.id, 10, 'usd', 5000, CASE WHEN a.n % 3 = 0 THEN ARRAY['vidgen-2'] ELSE '{}' END,
            current_date - 60, current_date + (30 + a.n % 60)::int, $2, (CASE WHEN a.n % 7 = 0 THEN 'paused' ELSE 'active' END)::grant_status, now()
       FROM bench_accounts a WHERE a.n <= $3`,
    [ws, member, SIZES.accountGrants],
  );
  await ds.query(
    `INSERT INTO access_grant (workspace_id, subject_kind, contact_id, credit_unit, credit_limit, starts_on, approved_by_id, status, status_changed_at)
     SELECT $1, 'contact', c.id, 'generations', 500, current_date - 30, $2, 'active', now()
       FROM (SELECT id, row_number() OVER (ORDER BY name) AS n FROM contact WHERE workspace_id = $1) c WHERE c.n % 5 = 0 LIMIT $3`,
    [ws, member, SIZES.contactGrants],
  );
  await ds.query(
    `INSERT INTO usage_rollup_account_day (workspace_id, account_id, day, model, events, generations, failures, video_seconds,
                                           gpu_seconds, cost_usd, render_histogram)
     SELECT $1, a.id, current_date - d, m, 20, 18, 2, 200, 2000, 35.5, '{}'::integer[]
       FROM bench_accounts a, generate_series(0, $2 - 1) d, unnest(ARRAY['vidgen-1', 'vidgen-2']) m`,
    [ws, SIZES.days],
  );
  await ds.query(
    `INSERT INTO usage_rollup_workspace_user (workspace_id, day, model, user_key, events)
     SELECT $1, current_date - d, 'vidgen-2', 'person' || g || '@mail' || g || '.example', 3
       FROM generate_series(1, $2, 5) g, generate_series(0, 29) d`,
    [ws, SIZES.contacts],
  );
  await server.dataSource.query('ANALYZE');
}

async function main(): Promise<void> {
  const server = await startBenchServer();
  try {
    await generate(server);
    const { createApiKey } = await server.graphql(
      'mutation { createApiKey(name: "generator sign-in", scopes: [ENTITLEMENTS_READ]) { key } }',
    );
    const headers = { authorization: `Bearer ${createApiKey.key}` };
    const ask = async (query: string) => {
      const response = await fetch(`${server.baseUrl}/v1/entitlements?${query}`, { headers });
      const body = (await response.json()) as { grants?: unknown[] };
      if (response.status !== 200 || !body.grants)
        throw new Error(`${response.status} ${JSON.stringify(body)}`);
    };
    const repeat = (i: number) =>
      i % 2
        ? `email=person${1 + (i % 200) * 5}%40mail${1 + (i % 200) * 5}.example`
        : `orgId=org-${1 + (i % 200)}`;
    let fresh = 0;
    const firstTime = () => {
      const n = ++fresh;
      return n % 2 ? `email=person${n}%40mail${n}.example` : `orgId=org-${1 + (n % SIZES.accounts)}-${n}`;
    };
    const results: [string, number[]][] = [];
    await measure(200, 1, (i) => ask(repeat(i))); // warm-up
    results.push(['repeat callers, 1 client', await measure(RUNS, 1, (i) => ask(repeat(i)))]);
    results.push(['repeat callers, 8 clients', await measure(RUNS, 8, (i) => ask(repeat(i)))]);
    results.push([
      'first-time callers (computed), 1 client',
      await measure(RUNS / 4, 1, () => ask(firstTime())),
    ]);
    results.push([
      'first-time callers (computed), 8 clients',
      await measure(RUNS / 4, 8, () => ask(firstTime())),
    ]);
    const rows = results.map(([name, latencies]) => {
      const line = `| ${name} | ${latencies.length} | ${percentile(latencies, 50).toFixed(2)} | ${percentile(latencies, 95).toFixed(2)} |`;
      console.log(line);
      return line;
    });
    writeSection(
      'entitlements',
      `## Entitlements (\`npm run bench:entitlements\`)

${SIZES.accounts.toLocaleString('en-US')} accounts, ${SIZES.contacts.toLocaleString('en-US')} contacts with positions,
${(SIZES.accountGrants + SIZES.contactGrants).toLocaleString('en-US')} grants and ${SIZES.days} days of usage rollups;
\`GET /v1/entitlements\` with an \`entitlements:read\` key over HTTP on one instance, \`?email=\` and \`?orgId=\` in turn.
Repeat callers: 200 users and organisations asked again and again (answers from memory, ENTITLEMENTS_CACHE_SECONDS=10,
the key still checked against PostgreSQL on every request). First-time callers: every answer computed (grants,
contacts, positions, generator identities and the rollups). Target: p95 ≤ 5 ms at 8 clients for repeat callers.

| case | requests | p50 (ms) | p95 (ms) |
| --- | ---: | ---: | ---: |
${rows.join('\n')}

Load average of the machine when the measurements ended: ${os.loadavg()[0].toFixed(1)} (1 min).`,
    );
  } finally {
    await server.close();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
