import { AppConfig } from '@greenlight/config';
import { createDataSource, EmbeddedPostgres, runMigrations, startDatabase } from '@greenlight/db';
import { systemPrincipal, TenantContext, Workspace, WorkspaceService } from '@greenlight/identity';
import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withApplicationContext } from '../../application-context';
import { databaseOptions } from '../../database';
import { CliError } from '../cli-error';

/**
 * Runs `work` with a connected data source: DATABASE_URL when set, else the embedded server
 * (the running one if Greenlight is up, or one started for the command).
 */
export async function withDatabase<T>(
  config: AppConfig,
  work: (dataSource: DataSource, url: string) => Promise<T>,
): Promise<T> {
  const attached = config.databaseUrl ? null : EmbeddedPostgres.attach(config.dataDir);
  const database = attached
    ? { url: attached, stop: async () => undefined }
    : await startDatabase(config, (level, message) => level !== 'debug' && console.error(message));
  const dataSource = createDataSource({
    ...databaseOptions(database.url),
    poolSize: 4,
    applicationName: 'greenlight-cli',
  });
  try {
    await dataSource.initialize();
    return await work(dataSource, database.url);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

/**
 * Runs `work` in an application context of `modules` (the application's own, and the module of the
 * command's class) on the database of `withDatabase`, migrated first unless `migrate` is false.
 * Nest logs errors only, so that what a command prints is all there is on standard output.
 */
export function withCommandContext<T>(
  config: AppConfig,
  modules: (Type | DynamicModule)[],
  work: (context: INestApplicationContext) => Promise<T>,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<T> {
  return withDatabase(config, async (dataSource) => {
    if (migrate) await runMigrations(dataSource);
    return withApplicationContext(dataSource, config, modules, work, { logger: ['error'] });
  });
}

/** Runs `work` on behalf of the system in the workspace with this slug; refuses an unknown slug. */
export async function inWorkspace<T>(
  workspaces: WorkspaceService,
  context: TenantContext,
  slug: string,
  work: (workspace: Workspace) => Promise<T>,
): Promise<T> {
  const workspace = await workspaces.findBySlug(slug);
  if (!workspace) throw new CliError(`no workspace has the slug "${slug}"`);
  return context.run(systemPrincipal(workspace.id), () => work(workspace));
}
