import { dayOf } from '@greenlight/common';
import { sqlInWorkspace } from '@greenlight/identity';
import { UsagePartitions, UsageRollupRebuilder } from '@greenlight/telemetry';
import { DataSource } from 'typeorm';
import { DEMO_USAGE_DAYS, DemoIdentity, demoSql } from './demo.sql';

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

interface UsageDemoSummary {
  events: number;
  identities: number;
  unmatched: number;
}

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
  const identities: DemoIdentity[] = [
    ...accounts.map((account, i) => ({
      org: `org-${(0x1a2b3 + i * 7919).toString(16)}`,
      domain: account.domain,
      accountId: account.id,
      profile: account.profile,
      jobs: account.dailyJobs,
    })),
    ...UNMATCHED.map((u) => ({ ...u, accountId: null, profile: 'steady' })),
  ];
  const db = sqlInWorkspace(dataSource, workspaceId);
  await new UsagePartitions(dataSource).ensure(3, 4);
  await db.execute(demoSql.insertIdentities(identities, now));
  let events = 0;
  for (let first = 0; first < DEMO_USAGE_DAYS; first += CHUNK_DAYS) {
    const last = Math.min(DEMO_USAGE_DAYS, first + CHUNK_DAYS) - 1;
    const { count } = (await db.first<{ count: number }>(demoSql.insertUsage(identities, dayOf(now), first, last, now)))!;
    events += count;
    onProgress?.(`demo usage: ${last + 1} of ${DEMO_USAGE_DAYS} days, ${events.toLocaleString('en-US')} events`);
  }
  await db.execute(demoSql.countIdentityEvents());
  await new UsageRollupRebuilder(dataSource).rebuild({ workspaceId });
  return { events, identities: identities.length, unmatched: UNMATCHED.length };
}
