import { DataSource } from 'typeorm';
import { ApiKeyService } from './api-keys/api-key.service';
import { AuditService } from './audit/audit.service';
import { TenantContext } from './context/tenant-context';
import { WorkspaceScope } from './context/workspace-scoped.repository';
import { PasswordService } from './passwords/password.service';
import { WorkspaceService } from './workspaces/workspace.service';

/** The identity services a command needs, on a plain data source (no HTTP server): CLI and demo seed. */
export function standaloneIdentity(dataSource: DataSource) {
  const context = new TenantContext();
  const scope = new WorkspaceScope(dataSource, context);
  const audit = new AuditService(dataSource, context, scope);
  return {
    context,
    workspaces: new WorkspaceService(dataSource, scope, context, audit, new PasswordService()),
    apiKeys: new ApiKeyService(dataSource, scope, audit, context),
  };
}
