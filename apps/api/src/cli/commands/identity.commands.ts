import { AppConfig } from '@greenlight/config';
import { ApiKeyScope, ApiKeyService, IdentityModule, TenantContext, WorkspaceService } from '@greenlight/identity';
import { Injectable, Module } from '@nestjs/common';
import { Command } from 'commander';
import { CliError } from '../cli-error';
import { inWorkspace, withCommandContext } from './connection';

const SCOPES = Object.values(ApiKeyScope) as string[];

function parseScopes(value: string): ApiKeyScope[] {
  const scopes = value
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  const unknown = scopes.filter((scope) => !SCOPES.includes(scope));
  if (unknown.length || scopes.length === 0) {
    throw new CliError(`--scopes must be a comma-separated list of ${SCOPES.join(', ')} (got "${value}")`);
  }
  return scopes as ApiKeyScope[];
}

@Injectable()
class CreateWorkspaceCommand {
  constructor(private readonly workspaces: WorkspaceService) {}

  async run(options: { name: string; adminEmail: string; adminName?: string; slug?: string }): Promise<void> {
    const created = await this.workspaces
      .create({ name: options.name, slug: options.slug, admin: { email: options.adminEmail, name: options.adminName } })
      .catch(rethrowInputErrors);
    console.log(`created workspace "${created.workspace.name}" (slug: ${created.workspace.slug})`);
    if (created.oneTimePassword) {
      console.log(`admin: ${created.user.email} (new account)`);
      console.log(`one-time password: ${created.oneTimePassword}`);
      console.log('shown once: sign in with it, then change it with the changePassword mutation');
    } else {
      console.log(`admin: ${created.user.email} (existing account: signs in with their own password)`);
    }
  }
}

@Injectable()
class CreateApiKeyCommand {
  constructor(
    private readonly workspaces: WorkspaceService,
    private readonly apiKeys: ApiKeyService,
    private readonly context: TenantContext,
  ) {}

  async run(slug: string, name: string, scopes: ApiKeyScope[]): Promise<void> {
    const { workspace, apiKey, key } = await inWorkspace(this.workspaces, this.context, slug, async (workspace) => ({
      workspace,
      ...(await this.apiKeys.create(name, scopes)),
    }));
    console.log(
      `created API key "${apiKey.name}" (prefix ${apiKey.prefix}, scopes ${apiKey.scopes.join(', ')}) in ${workspace.slug}`,
    );
    console.log(`key: ${key}`);
    console.log('shown once: store it now; only its hash is kept');
  }
}

@Module({ imports: [IdentityModule], providers: [CreateWorkspaceCommand, CreateApiKeyCommand] })
class IdentityCommands {}

export function registerIdentityCommands(program: Command, config: () => AppConfig): void {
  program
    .command('workspace:create')
    .description('create a workspace with its first admin')
    .requiredOption('--name <name>', 'workspace name, e.g. "Lumen Partnerships"')
    .requiredOption('--admin-email <email>', 'email of the first admin (an existing user is added as is)')
    .option('--admin-name <name>', 'name of the admin, for a new user')
    .option('--slug <slug>', 'short unique name used at sign-in (default: from the name)')
    .action((options: { name: string; adminEmail: string; adminName?: string; slug?: string }) =>
      withCommandContext(config(), [IdentityCommands], (app) => app.get(CreateWorkspaceCommand).run(options)),
    );

  program
    .command('apikey:create')
    .description('create an API key for a workspace and print it once')
    .requiredOption('--workspace <slug>', 'slug of the workspace')
    .requiredOption('--name <name>', 'what the key is for, e.g. "generator production"')
    .option('--scopes <scopes>', `comma-separated: ${SCOPES.join(', ')}`, 'usage:write')
    .action((options: { workspace: string; name: string; scopes: string }) => {
      const scopes = parseScopes(options.scopes);
      const name = options.name.trim();
      if (!name || name.length > 100) throw new CliError('--name must be 1 to 100 characters long');
      return withCommandContext(config(), [IdentityCommands], (app) =>
        app.get(CreateApiKeyCommand).run(options.workspace, name, scopes),
      );
    });
}

/** Bad input (a taken slug, a malformed email) ends the command with its message, not a stack. */
function rethrowInputErrors(error: unknown): never {
  const fields = (error as { fields?: { message: string }[] }).fields;
  if (fields?.length) throw new CliError(fields.map((field) => field.message).join('; '));
  throw error;
}
