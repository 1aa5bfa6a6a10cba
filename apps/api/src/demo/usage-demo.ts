import { DataSource } from 'typeorm';
import { UsageRollupRebuilder } from '@greenlight/telemetry';

/** How an account's usage moves over the 90 demo days. */
export type UsageProfile = 'ramping' | 'steady' | 'growing' | 'declining' | 'stopped';

export interface DemoUsageAccount {
  id: string;
  /** The domain its people's e-mails use: the generator reports users by e-mail. */
  domain: string;
  profile: UsageProfile;
  /** Generations on an ordinary weekday at full use. */
  dailyJobs: number;
}

export interface UsageDemoSummary {
  events: number;
  identities: number;
  unmatched: number;
}

const DAYS = 90;
const MODELS = `'{veo-3,gen-4-turbo,kling-2.1,sora-2,lumiere-xl}'::text[]`;
const RESOLUTIONS = `'{720p,1080p,1080p,4k}'::text[]`;

/**
 * Share of full use on a day, day 0 being 89 days ago and day 89 today: the profiles are what
 * the health score and the alerts read (a pilot that ramps up, a customer that slipped away).
 */
const LEVEL = `CASE a.profile
    WHEN 'ramping'   THEN LEAST(1.0, 0.15 + d / 60.0)
    WHEN 'steady'    THEN 0.9
    WHEN 'growing'   THEN 0.45 + d / 160.0
    WHEN 'declining' THEN CASE WHEN d < 78 THEN 1.0 ELSE 0.2 END
    WHEN 'stopped'   THEN CASE WHEN d < 45 THEN 0.8 ELSE 0.0 END
  END`;

/** Generator identities nobody has mapped yet: freelancers and a vendor's own test organisation. */
const UNMATCHED = [
  { org: 'org-8c1f2a', domain: 'northlight-vfx.io', jobs: 14 },
  { org: null, domain: 'gmail.com', jobs: 6 },
  { org: 'org-test-sandbox', domain: 'sandbox.example', jobs: 3 },
  { org: 'org-44de90', domain: 'redwoodpost.tv', jobs: 9 },
];

/** Days generated per statement: each chunk is its own transaction, so an interrupted seed resumes. */
const CHUNK_DAYS = 10;

/**
 * 90 days of generator usage for the demo accounts: identities mapped by organisation id, events
 * written with set-based SQL straight into the partitioned table behind their deduplication keys
 * (the same rows ingestion writes; a chunk already stored is skipped), a few unmatched identities,
 * then the rollups built from the raw events by the rebuild, as `usage:rebuild-rollups` does.
 */
export async function seedUsageDemo(
  dataSource: DataSource,
  workspaceId: string,
  accounts: DemoUsageAccount[],
  { now = new Date(), onProgress }: { now?: Date; onProgress?: (message: string) => void } = {},
): Promise<UsageDemoSummary> {
  const identities = [
    ...accounts.map((account, i) => ({
      org: `org-${(0x1a2b3 + i * 7919).toString(16)}` as string | null,
      domain: account.domain,
      accountId: account.id as string | null,
      profile: account.profile as UsageProfile,
      jobs: account.dailyJobs,
    })),
    ...UNMATCHED.map((u) => ({ ...u, accountId: null, profile: 'steady' as UsageProfile })),
  ];
  await dataSource.query('SELECT usage_event_ensure_partitions(3, 4)');
  await dataSource.query(
    `INSERT INTO generator_identity (workspace_id, identity_key, org_id, project_id, email_domain, status,
       matched_by, account_id, first_seen_at, last_seen_at, event_count)
     SELECT $1, json_build_array(t.org, NULL, t.domain)::text, t.org, NULL, t.domain,
            CASE WHEN t.account IS NULL THEN 'unmatched' ELSE 'matched' END,
            CASE WHEN t.account IS NULL THEN NULL ELSE 'org_mapping' END, t.account, $2, $2, 0
       FROM unnest($3::text[], $4::text[], $5::uuid[]) AS t(org, domain, account)
     ON CONFLICT (workspace_id, identity_key) DO NOTHING`,
    [
      workspaceId,
      now,
      identities.map((i) => i.org),
      identities.map((i) => i.domain),
      identities.map((i) => i.accountId),
    ],
  );
  let events = 0;
  for (let first = 0; first < DAYS; first += CHUNK_DAYS) {
    const last = Math.min(DAYS, first + CHUNK_DAYS) - 1;
    const [{ count }] = await dataSource.query(
      `WITH a AS (
         SELECT g.id AS identity_id, g.account_id, g.org_id, g.email_domain, t.profile, t.jobs, t.n::int AS n
           FROM unnest($3::text[], $4::text[], $5::int[], $6::text[]) WITH ORDINALITY AS t(domain, profile, jobs, org, n)
           JOIN generator_identity g ON g.workspace_id = $1 AND g.email_domain = t.domain
              AND g.org_id IS NOT DISTINCT FROM t.org AND g.project_id IS NULL
       ),
       days AS (SELECT d, ($2::date - (${DAYS - 1} - d)) AS day FROM generate_series($7::int, $8::int) d),
       jobs AS (
         -- weekdays busier than weekends, a daily wobble, 12 users per organisation, 4% failures
         SELECT a.*, days.day, j AS job, 'demo-' || a.n || '-' || days.day || '-' || j AS event_id,
                hashint8(a.n * 100000 + days.d * 1000 + j) AS h
           FROM a CROSS JOIN days
           CROSS JOIN LATERAL generate_series(1, GREATEST(0, round(a.jobs * (${LEVEL.replace(/\bd\b/g, 'days.d')})
             * CASE WHEN extract(isodow FROM days.day) >= 6 THEN 0.35 ELSE 1 END
             * (0.8 + (abs(hashint4(a.n * 1000 + days.d)) % 40) / 100.0))::int)) j
       ),
       fresh AS (
         INSERT INTO usage_event_key (workspace_id, event_id, received_at)
         SELECT $1, event_id, $9 FROM jobs ON CONFLICT DO NOTHING RETURNING event_id
       ),
       stored AS (
         INSERT INTO usage_event (workspace_id, event_id, occurred_at, received_at, kind, org_id, project_id,
           user_email, model, video_seconds, resolution, gpu_seconds, cost_usd, status, properties, account_id, identity_id)
         SELECT $1, j.event_id,
                LEAST($9::timestamptz, (j.day::timestamp AT TIME ZONE 'UTC') + make_interval(secs => 28800 + abs(h) % 43200)),
                $9, CASE WHEN abs(h) % 25 = 0 THEN 'generation.failed' ELSE 'generation.completed' END,
                j.org_id, NULL, 'user' || (1 + abs(h / 7) % 12) || '@' || j.email_domain,
                (${MODELS})[1 + abs(h / 13) % 5],
                4 + abs(h / 17) % 16, (${RESOLUTIONS})[1 + abs(h / 19) % 4],
                20 + abs(h / 23) % 240, round((0.15 + (abs(h / 29) % 120) / 100.0)::numeric, 2),
                CASE WHEN abs(h) % 25 = 0 THEN 'failed' ELSE 'succeeded' END,
                jsonb_build_object('renderSeconds', 15 + abs(h / 31) % 180),
                j.account_id, j.identity_id
           FROM jobs j JOIN fresh f ON f.event_id = j.event_id
         RETURNING 1
       )
       SELECT count(*)::int AS count FROM stored`,
      [
        workspaceId,
        now.toISOString().slice(0, 10),
        identities.map((i) => i.domain),
        identities.map((i) => i.profile),
        identities.map((i) => i.jobs),
        identities.map((i) => i.org),
        first,
        last,
        now,
      ],
    );
    events += count;
    onProgress?.(`demo usage: ${last + 1} of ${DAYS} days, ${events.toLocaleString('en-US')} events`);
  }
  await dataSource.query(
    `UPDATE generator_identity g
        SET event_count = c.n, first_seen_at = c.first_seen, last_seen_at = c.last_seen
       FROM (SELECT identity_id, count(*) AS n, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen
               FROM usage_event WHERE workspace_id = $1 AND identity_id IS NOT NULL GROUP BY identity_id) c
      WHERE g.id = c.identity_id AND g.workspace_id = $1`,
    [workspaceId],
  );
  await new UsageRollupRebuilder(dataSource).rebuild({ workspaceId });
  return { events, identities: identities.length, unmatched: UNMATCHED.length };
}
