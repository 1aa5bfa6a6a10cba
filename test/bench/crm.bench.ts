/**
 * `npm run bench:crm`: 10k accounts, 50k contacts and 200k interactions, then p50/p95 of the account
 * list (page 50 with nested fields), an account's timeline and search over GraphQL, and the
 * throughput of a 100k-row contact import through the upload endpoint. Writes docs/benchmarks.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { measure, startBenchServer } from './support/bench-server';
import { percentile, writeSection } from './support/report';

const SIZES = { accounts: 10_000, contacts: 50_000, interactions: 200_000, importRows: 100_000 };
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
/** Run only some phases while tuning, e.g. BENCH_PHASES=list,search (the report is written only for a full run). */
const PHASES = (process.env.BENCH_PHASES ?? 'baseline,list,timeline,search,import').split(',');

const WORDS = `'{Aurora,Meridian,Starling,Vela,Corvid,Lynx,Nimbus,Quartz,Helix,Harbor,Northlight,Cobalt,Ember,Juniper,Saltmarsh,Kestrel,Obsidian,Larkspur,Tidewater,Redwood,Bluefin,Copperline,Silverlake,Halcyon,Driftwood,Palisade,Sable,Marigold,Ironbark,Wildfern,Granite,Solstice,Fernhill,Moonrise,Westbrook,Glasshouse,Lantern,Parallax,Oakmont,Zephyr}'::text[]`;
const SUFFIXES = `'{Pictures,Studios,Films,Stream,Network,Productions,Entertainment,Media,Talent,Post,Digital,Creative,Collective,Labs,Group}'::text[]`;
const FIRST = `'{Dana,Priya,Marco,Ilse,Sam,Rae,Jonah,Mei,Tobias,Amara,Lena,Kofi,Hana,Diego,Noor,Elliot,Mateo,Yara,Felix,Ines,Omar,Camille,Rohan,Greta,Luca,Zara,Theo,Asha,Jules,Nadia}'::text[]`;
const LAST = `'{Whitfield,Natarajan,Bellini,Moreau,Okafor,Lindqvist,Tanaka,Castellanos,Haddad,Brennan,Osei,Kowalski,Ferreira,Nakamura,Adeyemi,Halvorsen,Rahman,Delacroix,Quintero,Ashford,Varga,Iyer,Lindgren,Mendez,Falk,Rossi,Novak,Park,Duarte,Kaur}'::text[]`;
const TOPICS = `'{previsualisation,storyboard,animatic,reshoots,background plates,title sequence,volumetric capture,rights,indemnity,render queue,conform,pricing,security review,credits,style consistency,character shots}'::text[]`;

async function generate(server: Awaited<ReturnType<typeof startBenchServer>>): Promise<void> {
  const ds = server.dataSource;
  const ws = server.workspaceId;
  const member = server.memberIds[0];
  await server.graphql('{ stages { id } }'); // creates the default pipeline
  await ds.query(
    `INSERT INTO account (workspace_id, name, kind, owner_id, stage_id, stage_entered_at, domains, region, expected_annual_value, tags, created_at)
     SELECT $1, (${WORDS})[1 + g % 40] || ' ' || (${WORDS})[1 + (g / 40) % 40] || ' ' || (${SUFFIXES})[1 + (g / 1600) % 15],
            (enum_range(NULL::account_kind))[1 + g % 9], $2,
            (SELECT id FROM stage WHERE workspace_id = $1 ORDER BY position OFFSET g % 10 LIMIT 1),
            now() - (g % 365) * interval '1 day', ARRAY['acct' || g || '.example'],
            (ARRAY['Los Angeles','New York','London','Vancouver'])[1 + g % 4], (g % 500) * 1000, ARRAY['t' || (g % 20)],
            now() - (g % 400) * interval '1 day'
       FROM generate_series(1, $3) g`,
    [ws, member, SIZES.accounts],
  );
  await ds.query(
    `INSERT INTO stage_transition (workspace_id, account_id, from_stage_id, to_stage_id, at, by_member_id, reason)
     SELECT a.workspace_id, a.id, NULL::uuid, a.stage_id, a.created_at, NULL::uuid, 'created' FROM account a WHERE a.workspace_id = $1
     UNION ALL
     SELECT a.workspace_id, a.id, a.stage_id, a.stage_id, a.created_at + interval '3 days', $2::uuid, 'reviewed' FROM account a WHERE a.workspace_id = $1`,
    [ws, member],
  );
  await ds.query(
    `INSERT INTO contact (workspace_id, name, title, kind, emails, owner_id, created_at)
     SELECT $1, (${FIRST})[1 + g % 30] || ' ' || chr(65 + (g / 30) % 26) || '. ' || (${LAST})[1 + (g / 780) % 30], 'Producer',
            (enum_range(NULL::contact_kind))[1 + g % 8], ARRAY['person' || g || '@acct' || (1 + g % $3) || '.example'], $2, now()
       FROM generate_series(1, $4) g`,
    [ws, member, SIZES.accounts, SIZES.contacts],
  );
  await ds.query(
    `INSERT INTO position (workspace_id, contact_id, account_id, title, started_on, ended_on)
     SELECT c.workspace_id, c.id, a.id, c.title, current_date - 400, NULL
       FROM (SELECT id, workspace_id, title, row_number() OVER (ORDER BY id) AS n FROM contact WHERE workspace_id = $1) c
       JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM account WHERE workspace_id = $1) a ON a.n = 1 + c.n % $2`,
    [ws, SIZES.accounts],
  );
  await ds.query(
    `CREATE TEMP TABLE bench_accounts AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM account WHERE workspace_id = $1;
     CREATE TEMP TABLE bench_contacts AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM contact WHERE workspace_id = $1;`.replace(
      /\$1/g,
      `'${ws}'`,
    ),
  );
  await ds.query(
    `INSERT INTO interaction (id, workspace_id, kind, occurred_at, summary, logged_by_id, created_at)
     SELECT md5('i' || g)::uuid, $1, (enum_range(NULL::interaction_kind))[1 + g % 6], now() - (g % 525600) * interval '1 minute',
            'Discussed ' || (${TOPICS})[1 + g % 16] || ' and ' || (${TOPICS})[1 + (g / 16) % 16] || ' for the next release.', $2, now()
       FROM generate_series(1, $3) g`,
    [ws, member, SIZES.interactions],
  );
  await ds.query(
    `INSERT INTO interaction_account (interaction_id, account_id, workspace_id, occurred_at)
     SELECT i.id, a.id, i.workspace_id, i.occurred_at
       FROM (SELECT id, workspace_id, occurred_at, row_number() OVER (ORDER BY id) AS n FROM interaction WHERE workspace_id = $1) i
       JOIN bench_accounts a ON a.n = 1 + (i.n * 7919) % $2`,
    [ws, SIZES.accounts],
  );
  await ds.query(
    `INSERT INTO interaction_contact (interaction_id, contact_id, workspace_id)
     SELECT i.id, c.id, i.workspace_id
       FROM (SELECT id, workspace_id, row_number() OVER (ORDER BY id) AS n FROM interaction WHERE workspace_id = $1) i
       JOIN bench_contacts c ON c.n = 1 + (i.n * 104729) % $2`,
    [ws, SIZES.contacts],
  );
  await ds.query(
    `INSERT INTO task (workspace_id, title, assignee_id, due_at, status, account_id, created_by_id, created_at)
     SELECT $1, 'Follow up ' || g, $2, now() + ((g % 30) - 10) * interval '1 day', (CASE WHEN g % 3 = 0 THEN 'done' ELSE 'open' END)::task_status,
            a.id, $2, now() - (g % 90) * interval '1 day'
       FROM generate_series(1, 20000) g JOIN bench_accounts a ON a.n = 1 + g % $3`,
    [ws, member, SIZES.accounts],
  );
  await ds.query('ANALYZE');
}

const LIST = `query($after: String) { accounts(first: 50, after: $after, sortBy: NAME) { edges { node {
  id name kind stage { key } owner { id } contacts { id name } lastInteraction { id occurredAt summary } openTasks { id title dueAt }
  stageHistory { at toStage { key } } } } pageInfo { endCursor } } }`;
const TIMELINE = `query($id: ID!) { account(id: $id) { timeline(first: 20) { edges { node { at kind item { __typename ... on Interaction { id summary } ... on Task { id title } ... on StageTransition { id reason } } } } } } }`;
const SEARCH = `query($q: String!) { search(query: $q, limit: 20) { kind id title snippet } }`;

async function main(): Promise<void> {
  const server = await startBenchServer();
  try {
    const started = performance.now();
    await generate(server);
    const generatedIn = (performance.now() - started) / 1000;
    console.log(`generated data in ${generatedIn.toFixed(1)} s`);
    if (process.env.BENCH_HOLD) {
      // Keeps the data for inspection (psql) for this many seconds.
      console.log(
        `holding: ${String((server.dataSource.options as { url?: string }).url)} workspace ${server.workspaceId}`,
      );
      await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_HOLD) * 1000));
    }
    const accountIds: string[] = (
      await server.dataSource.query('SELECT id FROM account ORDER BY random() LIMIT 200')
    ).map((r: { id: string }) => r.id);
    const cursors: (string | undefined)[] = [undefined];
    let page = await server.graphql(LIST);
    for (let i = 0; i < 10; i++) {
      cursors.push(page.accounts.pageInfo.endCursor);
      page = await server.graphql(LIST, { after: page.accounts.pageInfo.endCursor });
    }
    const misspelled = [
      'Auroa Pictures',
      'Meridan Studios',
      'Starlng Films',
      'Nimbis Media',
      'Quarz Talent',
      'Helx Post',
      'Kestral Labs',
      'Obsidan Group',
      'Dana Whitfeld',
      'Priya Natarjan',
    ];

    const results: [string, number[]][] = [];
    for (const [phase, name, work] of [
      ['baseline', 'signed-in { me } (baseline)', () => server.graphql('{ me { member { id role } } }')],
      [
        'list',
        'account list (50, nested)',
        (i: number) => server.graphql(LIST, { after: cursors[i % cursors.length] }),
      ],
      [
        'timeline',
        'account timeline (20)',
        (i: number) => server.graphql(TIMELINE, { id: accountIds[i % accountIds.length] }),
      ],
      [
        'search',
        'search (misspelled name)',
        (i: number) => server.graphql(SEARCH, { q: misspelled[i % misspelled.length] }),
      ],
    ] as const) {
      if (!PHASES.includes(phase)) continue;
      await measure(30, 1, work); // warm-up
      results.push([`${name}, 1 client`, await measure(RUNS, 1, work)]);
      results.push([`${name}, 8 clients`, await measure(RUNS, 8, work)]);
    }
    for (const [name, latencies] of results)
      console.log(
        `${name}: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`,
      );

    if (!PHASES.includes('import')) return;
    // Import: 100k contacts in one CSV upload.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-import-')), 'contacts.csv');
    const out = fs.createWriteStream(file);
    out.write('First Name,Last Name,Email,Job Title,Phone\n');
    for (let i = 0; i < SIZES.importRows; i++)
      out.write(
        `Imported,Person ${i},imported${i}@import${i % 500}.example,Producer,+1 310 555 ${String(i % 10000).padStart(4, '0')}\n`,
      );
    await new Promise((resolve) => out.end(resolve));
    const importStarted = performance.now();
    const response = await fetch(`${server.baseUrl}/v1/imports/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'text/csv' },
      body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const report = (await response.json()) as { created: number; failed: number };
    const importSeconds = (performance.now() - importStarted) / 1000;
    const rate = Math.round(SIZES.importRows / importSeconds);
    console.log(
      `import: ${report.created} created, ${report.failed} refused in ${importSeconds.toFixed(1)} s (${rate} rows/s)`,
    );
    fs.rmSync(path.dirname(file), { recursive: true, force: true });

    const rows = results.map(
      ([name, latencies]) =>
        `| ${name} | ${latencies.length} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} | ${percentile(latencies, 95) <= 50 ? 'yes' : 'no'} |`,
    );
    writeSection(
      'crm',
      `## CRM (\`npm run bench:crm\`)

Data: ${SIZES.accounts.toLocaleString('en')} accounts, ${SIZES.contacts.toLocaleString('en')} contacts (each with a position),
${SIZES.interactions.toLocaleString('en')} interactions (with account and contact links), 20,000 tasks, 20,000 stage transitions,
generated in ${generatedIn.toFixed(0)} s. Latency is measured by the client over GraphQL on loopback (sign-in token, real
authorization), warm, against the embedded PostgreSQL 18 on the same machine. Target: p95 ≤ 50 ms.

| query | calls | p50 ms | p95 ms | p95 ≤ 50 ms |
| --- | ---: | ---: | ---: | :---: |
${rows.join('\n')}

Import: ${SIZES.importRows.toLocaleString('en')} contacts in one CSV upload to \`POST /v1/imports/contacts\` (streamed, batches of 1,000):
${report.created.toLocaleString('en')} created, ${report.failed} refused, in ${importSeconds.toFixed(1)} s: **${rate.toLocaleString('en')} rows/s**.`,
    );
    console.log('written to docs/benchmarks.md');
  } finally {
    await server.close();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
