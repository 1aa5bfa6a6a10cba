import { Day } from '@greenlight/common';
import { sql, sqlStatements } from '@greenlight/identity';

/** A generator identity of the demo: an organisation (or none) and an e-mail domain, mapped to an account or not. */
export interface DemoIdentity {
  org: string | null;
  domain: string;
  accountId: string | null;
  profile: string;
  jobs: number;
}

/** The demo's days of usage: day 0 is `DEMO_USAGE_DAYS - 1` days before today. */
export const DEMO_USAGE_DAYS = 90;

const MODELS = sql`'{veo-3,gen-4-turbo,kling-2.1,sora-2,lumiere-xl}'::text[]`;
const RESOLUTIONS = sql`'{720p,1080p,1080p,4k}'::text[]`;

/**
 * Share of full use on day `days.d` of the usage profile `a.profile`: what the health score and the
 * alerts read (a pilot that ramps up, a customer that slipped away).
 */
const LEVEL = sql`CASE a.profile
    WHEN 'ramping'   THEN LEAST(1.0, 0.15 + days.d / 60.0)
    WHEN 'steady'    THEN 0.9
    WHEN 'growing'   THEN 0.45 + days.d / 160.0
    WHEN 'declining' THEN CASE WHEN days.d < 78 THEN 1.0 ELSE 0.2 END
    WHEN 'stopped'   THEN CASE WHEN days.d < 45 THEN 0.8 ELSE 0.0 END
  END`;

const EXAMPLE_IDENTITIES: DemoIdentity[] = [
  { org: 'org-1a2b3', domain: 'studio.example', accountId: '00000000-0000-4000-8000-0000000000a1', profile: 'steady', jobs: 90 },
  { org: null, domain: 'gmail.com', accountId: null, profile: 'steady', jobs: 6 },
];
const EXAMPLE_NOW = new Date('2026-04-01T12:00:00Z');

export const demoSql = sqlStatements('api.demo', {
  stageCount: {
    examples: [[]],
    build: () => sql`SELECT count(*)::int AS count FROM stage WHERE workspace_id = ${sql.workspace}`,
  },
  /** The active accounts in these stages, by name, with their first domain (NULL for none). */
  accountsInStages: {
    examples: [[['pilot', 'won']]],
    build: (stageKeys: string[]) => sql`
      SELECT a.id, a.domains[1] AS domain, s.key AS stage FROM account a JOIN stage s ON s.id = a.stage_id
       WHERE a.workspace_id = ${sql.workspace} AND a.archived_at IS NULL AND s.key = ANY(${stageKeys})
       ORDER BY a.name, a.id`,
  },
  /** The identities, mapped by organisation (kept as they are when they exist). */
  insertIdentities: {
    examples: [[EXAMPLE_IDENTITIES, EXAMPLE_NOW]],
    build: (identities: DemoIdentity[], now: Date) => sql`
      INSERT INTO generator_identity (workspace_id, identity_key, org_id, project_id, email_domain, status,
        matched_by, account_id, first_seen_at, last_seen_at, event_count)
      SELECT ${sql.workspace}, json_build_array(t.org, NULL, t.domain)::text, t.org, NULL, t.domain,
             CASE WHEN t.account IS NULL THEN 'unmatched' ELSE 'matched' END,
             CASE WHEN t.account IS NULL THEN NULL ELSE 'org_mapping' END, t.account, ${now}, ${now}, 0
        FROM unnest(${identities.map((i) => i.org)}::text[], ${identities.map((i) => i.domain)}::text[],
                    ${identities.map((i) => i.accountId)}::uuid[]) AS t(org, domain, account)
      ON CONFLICT (workspace_id, identity_key) DO NOTHING`,
  },
  /**
   * The events of days [first, last] for the identities, written straight into the partitioned
   * table behind their deduplication keys (the rows ingestion writes; events stored already are
   * skipped): weekdays busier than weekends, a daily wobble, 12 users per organisation, 4% failures.
   */
  insertUsage: {
    examples: [[EXAMPLE_IDENTITIES, '2026-04-01', 0, 9, EXAMPLE_NOW]],
    build: (identities: DemoIdentity[], today: Day, first: number, last: number, now: Date) => sql`
      WITH a AS (
        SELECT g.id AS identity_id, g.account_id, g.org_id, g.email_domain, t.profile, t.jobs, t.n::int AS n
          FROM unnest(${identities.map((i) => i.domain)}::text[], ${identities.map((i) => i.profile)}::text[],
                      ${identities.map((i) => i.jobs)}::int[], ${identities.map((i) => i.org)}::text[])
               WITH ORDINALITY AS t(domain, profile, jobs, org, n)
          JOIN generator_identity g ON g.workspace_id = ${sql.workspace} AND g.email_domain = t.domain
             AND g.org_id IS NOT DISTINCT FROM t.org AND g.project_id IS NULL
      ),
      days AS (
        SELECT d, (${today}::date - (${DEMO_USAGE_DAYS - 1}::int - d)) AS day FROM generate_series(${first}::int, ${last}::int) d
      ),
      jobs AS (
        SELECT a.*, days.day, j AS job, 'demo-' || a.n || '-' || days.day || '-' || j AS event_id,
               hashint8(a.n * 100000 + days.d * 1000 + j) AS h
          FROM a CROSS JOIN days
          CROSS JOIN LATERAL generate_series(1, GREATEST(0, round(a.jobs * (${LEVEL})
            * CASE WHEN extract(isodow FROM days.day) >= 6 THEN 0.35 ELSE 1 END
            * (0.8 + (abs(hashint4(a.n * 1000 + days.d)) % 40) / 100.0))::int)) j
      ),
      fresh AS (
        INSERT INTO usage_event_key (workspace_id, event_id, received_at)
        SELECT ${sql.workspace}, event_id, ${now}::timestamptz FROM jobs ON CONFLICT DO NOTHING RETURNING event_id
      ),
      stored AS (
        INSERT INTO usage_event (workspace_id, event_id, occurred_at, received_at, kind, org_id, project_id,
          user_email, model, video_seconds, resolution, gpu_seconds, cost_usd, status, properties, account_id, identity_id)
        SELECT ${sql.workspace}, j.event_id,
               LEAST(${now}::timestamptz, (j.day::timestamp AT TIME ZONE 'UTC') + make_interval(secs => 28800 + abs(h) % 43200)),
               ${now}::timestamptz, CASE WHEN abs(h) % 25 = 0 THEN 'generation.failed' ELSE 'generation.completed' END,
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
  },
  /** Each identity's event count and first and last event, from the stored events. */
  countIdentityEvents: {
    examples: [[]],
    build: () => sql`
      UPDATE generator_identity g
         SET event_count = c.n, first_seen_at = c.first_seen, last_seen_at = c.last_seen
        FROM (SELECT identity_id, count(*) AS n, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen
                FROM usage_event WHERE workspace_id = ${sql.workspace} AND identity_id IS NOT NULL GROUP BY identity_id) c
       WHERE g.id = c.identity_id AND g.workspace_id = ${sql.workspace}`,
  },
});
