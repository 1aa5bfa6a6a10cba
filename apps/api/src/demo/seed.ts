import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '@greenlight/config';
import { readMetadata, writeMetadata } from '@greenlight/db';
import { Membership, Role, sqlInWorkspace, Workspace, WorkspaceService } from '@greenlight/identity';
import { HealthSchedule } from '@greenlight/health';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { seedCrmDemo } from './crm-demo';
import { DEMO_WORKSPACE, demoSignInLines, seedDemoIdentity } from './demo-identity';
import { demoSql } from './demo.sql';
import { seedPilotsDemo } from './pilots-demo';
import { DemoUsageAccount, seedUsageDemo, UsageProfile } from './usage-demo';

const SEEDED_KEY = 'demo.seededAt';
const USAGE_SEEDED_KEY = 'demo.usageSeededAt';

/** Fills the demo workspace, with the services of `app` (the server, or a command's context). */
export async function seedDemo(app: INestApplicationContext, logger: Pick<Logger, 'info'>): Promise<void> {
  const dataSource = app.get(DataSource);
  const workspace = await seedDemoIdentity(app.get(WorkspaceService));
  const { count } = (await sqlInWorkspace(dataSource, workspace.id).first<{ count: number }>(demoSql.stageCount()))!;
  if (count === 0) {
    const members = await dataSource
      .getRepository(Membership)
      .find({ where: { workspaceId: workspace.id }, order: { createdAt: 'ASC' } });
    const crm = await seedCrmDemo(
      dataSource,
      workspace.id,
      members.filter((member) => member.role !== Role.EXECUTIVE).map((member) => member.id),
    );
    logger.info(
      `demo pipeline: ${crm.accounts} accounts, ${crm.contacts} contacts, ${crm.interactions} interactions, ${crm.tasks} tasks`,
    );
    const managers = members
      .filter((member) => member.role === Role.ACCOUNT_MANAGER)
      .map((member) => member.id);
    const pilots = await seedPilotsDemo(dataSource, workspace.id, managers);
    logger.info(`demo pilots: ${pilots.pilots} pilots, ${pilots.criteria} success criteria`);
  }
  await writeMetadata(dataSource, SEEDED_KEY, new Date().toISOString());
  logger.info('demo data seeded');
}

/** Generates the demo workspace's 90 days of generator usage (a few hundred thousand events). */
export async function seedDemoUsage(dataSource: DataSource, logger: Pick<Logger, 'info'>): Promise<void> {
  const workspace = await dataSource.getRepository(Workspace).findOneBy({ slug: DEMO_WORKSPACE.slug });
  if (!workspace) return;
  const usage = await seedUsageDemo(
    dataSource,
    workspace.id,
    await demoUsageAccounts(dataSource, workspace.id),
    {
      onProgress: (message) => logger.info(message),
    },
  );
  logger.info(`demo usage seeded: ${usage.events} events, ${usage.unmatched} unmatched identities`);
  await writeMetadata(dataSource, USAGE_SEEDED_KEY, new Date().toISOString());
}

/**
 * The first time the server starts, after it is up (so start-up stays quick): the demo usage, then
 * one health and alert evaluation over it. Interrupted, it resumes at the next start.
 */
export async function seedDemoUsageOnFirstRun(
  app: INestApplication,
  config: AppConfig,
  logger: Logger,
): Promise<void> {
  const dataSource = app.get(DataSource);
  if (config.isProduction || (await readMetadata(dataSource, USAGE_SEEDED_KEY))) return;
  if (!(await readMetadata(dataSource, SEEDED_KEY))) return;
  logger.info('generating the demo usage in the background: dashboards fill in as it lands');
  await seedDemoUsage(dataSource, logger);
  await app.get(HealthSchedule).runOnce();
}

/** How much each stage of the demo pipeline uses the generator, and how that moves. */
const USAGE_BY_STAGE: Record<string, { profile: UsageProfile; dailyJobs: number }> = {
  pilot: { profile: 'ramping', dailyJobs: 60 },
  negotiation: { profile: 'steady', dailyJobs: 90 },
  adopted: { profile: 'steady', dailyJobs: 300 },
  expanding: { profile: 'growing', dailyJobs: 320 },
  paused: { profile: 'declining', dailyJobs: 80 },
  churned: { profile: 'stopped', dailyJobs: 100 },
};

/** The demo accounts in pilot and beyond, with their usage profile; one pilot declines. */
async function demoUsageAccounts(dataSource: DataSource, workspaceId: string): Promise<DemoUsageAccount[]> {
  const rows = await sqlInWorkspace(dataSource, workspaceId).query<{ id: string; domain: string | null; stage: string }>(
    demoSql.accountsInStages(Object.keys(USAGE_BY_STAGE)),
  );
  let declining = false;
  return rows.flatMap(({ id, domain, stage }) => {
    if (!domain) return []; // the generator reports users by e-mail: no domain, no usage to attribute
    const usage = USAGE_BY_STAGE[stage];
    const profile = stage === 'pilot' && !declining ? ((declining = true), 'declining' as const) : usage.profile;
    return [{ id, domain, profile, dailyJobs: usage.dailyJobs }];
  });
}

/** Lines printed under the URL when the server is up (how to sign in to the demo workspace). */
export async function startupBanner(app: INestApplication): Promise<string> {
  const lines = await demoSignInLines(app.get(DataSource));
  return lines.map((line) => `  ${line}\n`).join('');
}

/** Seeds the demo workspace once, the first time Greenlight starts on an empty database. */
export async function seedOnFirstRun(app: INestApplication, config: AppConfig, logger: Logger): Promise<void> {
  if (config.isProduction) return;
  if (await readMetadata(app.get(DataSource), SEEDED_KEY)) return;
  await seedDemo(app, logger);
}
