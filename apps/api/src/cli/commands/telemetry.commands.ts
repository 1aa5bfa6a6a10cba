import { AppConfig } from '@greenlight/config';
import { runMigrations } from '@greenlight/db';
import { UsageRollupRebuilder } from '@greenlight/telemetry';
import { Command } from 'commander';
import { CliError } from '../cli-error';
import { withDatabase } from './connection';

export function registerTelemetryCommands(program: Command, config: () => AppConfig): void {
  program
    .command('usage:rebuild-rollups')
    .description(
      'recompute the usage rollups from the raw events, a range of days per transaction (safe while the server ingests; days before the retention cutoff are kept), replacing or retrying quarantined deltas',
    )
    .option('--workspace <slug>', 'only this workspace (default: every workspace)')
    .action((options: { workspace?: string }) =>
      withDatabase(config(), async (dataSource) => {
        await runMigrations(dataSource);
        let workspaceId: string | undefined;
        if (options.workspace) {
          const [row] = await dataSource.query('SELECT id FROM workspace WHERE slug = $1', [
            options.workspace,
          ]);
          if (!row) throw new CliError(`no workspace has the slug "${options.workspace}"`);
          workspaceId = row.id;
        }
        const started = Date.now();
        const result = await new UsageRollupRebuilder(dataSource).rebuild({
          workspaceId,
          onProgress: (progress) =>
            console.error(
              `[${progress.position}/${progress.workspaces}] ${progress.slug} ${progress.message}`,
            ),
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
      }),
    );
}
