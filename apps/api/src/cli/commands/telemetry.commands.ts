import { AppConfig } from '@greenlight/config';
import { IdentityModule, WorkspaceService } from '@greenlight/identity';
import { TelemetryModule, UsageRollupRebuilder } from '@greenlight/telemetry';
import { Injectable, Module } from '@nestjs/common';
import { Command } from 'commander';
import { CliError } from '../cli-error';
import { withCommandContext } from './connection';

@Injectable()
class RebuildRollupsCommand {
  constructor(
    private readonly rebuilder: UsageRollupRebuilder,
    private readonly workspaces: WorkspaceService,
  ) {}

  async run(options: { workspace?: string }): Promise<void> {
    let workspaceId: string | undefined;
    if (options.workspace) {
      const workspace = await this.workspaces.findBySlug(options.workspace);
      if (!workspace) throw new CliError(`no workspace has the slug "${options.workspace}"`);
      workspaceId = workspace.id;
    }
    const started = Date.now();
    const result = await this.rebuilder.rebuild({
      workspaceId,
      onProgress: (progress) =>
        console.error(`[${progress.position}/${progress.workspaces}] ${progress.slug} ${progress.message}`),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `rebuilt the usage rollups of ${result.workspaces} workspace(s): ${result.events} events, ${result.rows} rollup rows, in ${seconds} s`,
    );
    if (result.superseded || result.retried)
      console.log(
        `quarantined deltas: ${result.superseded} replaced by the recomputation, ${result.retried} applied again, ${result.quarantined} failing still`,
      );
    if (result.quarantined) process.exitCode = 1;
  }
}

@Module({ imports: [IdentityModule, TelemetryModule], providers: [RebuildRollupsCommand] })
class TelemetryCommands {}

export function registerTelemetryCommands(program: Command, config: () => AppConfig): void {
  program
    .command('usage:rebuild-rollups')
    .description(
      'recompute the usage rollups from the raw events, a range of days per transaction (safe while the server ingests; days before the retention cutoff are kept), replacing or retrying quarantined deltas',
    )
    .option('--workspace <slug>', 'only this workspace (default: every workspace)')
    .action((options: { workspace?: string }) =>
      withCommandContext(config(), [TelemetryCommands], (app) => app.get(RebuildRollupsCommand).run(options)),
    );
}
