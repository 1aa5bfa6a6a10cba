import { AppConfig } from '@greenlight/config';
import { ApiKeyService, IdentityModule, TenantContext, WorkspaceService } from '@greenlight/identity';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withApplicationContext } from '../../apps/api/src/application-context';

/**
 * Runs `work` with identity's module on a migrated database, as the command line has it: for tests
 * and benchmarks that prepare data without a server.
 */
export function withIdentity<T>(
  dataSource: DataSource,
  work: (context: INestApplicationContext) => Promise<T>,
): Promise<T> {
  return withApplicationContext(dataSource, AppConfig.fromEnv(), [IdentityModule], work);
}

/** Identity's services on a migrated database (their context holds nothing that needs closing). */
export async function identityServices(dataSource: DataSource) {
  let services!: { workspaces: WorkspaceService; apiKeys: ApiKeyService; context: TenantContext };
  await withIdentity(dataSource, async (app) => {
    services = { workspaces: app.get(WorkspaceService), apiKeys: app.get(ApiKeyService), context: app.get(TenantContext) };
  });
  return services;
}
