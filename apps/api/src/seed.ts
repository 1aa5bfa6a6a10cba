import { INestApplication } from '@nestjs/common';
import { AppConfig } from '@greenlight/config';
import { readMetadata, writeMetadata } from '@greenlight/db';
import { seedCrmDemo } from '@greenlight/crm';
import { demoSignInLines, Membership, Role, seedDemoIdentity } from '@greenlight/identity';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';

const SEEDED_KEY = 'demo.seededAt';

/** Fills the demo workspace. */
export async function seedDemo(dataSource: DataSource, logger: Pick<Logger, 'info'>): Promise<void> {
  const workspace = await seedDemoIdentity(dataSource);
  const [{ count }] = await dataSource.query(
    'SELECT count(*)::int AS count FROM stage WHERE workspace_id = $1',
    [workspace.id],
  );
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
  }
  await writeMetadata(dataSource, SEEDED_KEY, new Date().toISOString());
  logger.info('demo data seeded');
}

/** Lines printed under the URL when the server is up (how to sign in to the demo workspace). */
export async function startupBanner(app: INestApplication): Promise<string> {
  const lines = await demoSignInLines(app.get(DataSource));
  return lines.map((line) => `  ${line}\n`).join('');
}

/** Seeds the demo workspace once, the first time Greenlight starts on an empty database. */
export async function seedOnFirstRun(
  dataSource: DataSource,
  config: AppConfig,
  logger: Logger,
): Promise<void> {
  if (config.isProduction) return;
  if (await readMetadata(dataSource, SEEDED_KEY)) return;
  await seedDemo(dataSource, logger);
}
