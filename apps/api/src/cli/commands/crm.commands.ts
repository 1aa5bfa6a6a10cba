import { AppConfig } from '@greenlight/config';
import { CrmModule, CsvExportService, CsvImportService } from '@greenlight/crm';
import { IdentityModule, TenantContext, WorkspaceService } from '@greenlight/identity';
import { Injectable, Module } from '@nestjs/common';
import { Command } from 'commander';
import * as fs from 'node:fs';
import { CliError } from '../cli-error';
import { inWorkspace, withCommandContext } from './connection';

@Injectable()
class ImportCommand {
  constructor(
    private readonly imports: CsvImportService,
    private readonly workspaces: WorkspaceService,
    private readonly context: TenantContext,
  ) {}

  async run(kind: string, file: string, options: { workspace: string; dryRun?: boolean }): Promise<void> {
    const started = Date.now();
    const report = await inWorkspace(this.workspaces, this.context, options.workspace, () =>
      this.imports.import(kind, fs.createReadStream(file), {
        dryRun: options.dryRun,
        onProgress: (progress) => {
          const rate = Math.round(progress.rows / Math.max(0.001, (Date.now() - started) / 1000));
          process.stderr.write(
            `\r${progress.rows} rows read, ${progress.created} created, ${progress.updated} updated, ${progress.failed} refused (${rate} rows/s)`,
          );
        },
      }),
    );
    process.stderr.write('\n');
    console.log(
      `${report.dryRun ? 'dry run: would have ' : ''}created ${report.created}, updated ${report.updated}; ${report.failed} row(s) refused`,
    );
    if (report.ignoredColumns.length) console.log(`ignored columns: ${report.ignoredColumns.join(', ')}`);
    for (const error of report.errors) console.log(`line ${error.line}: ${error.field}: ${error.message}`);
  }
}

@Injectable()
class ExportCommand {
  constructor(
    private readonly exports: CsvExportService,
    private readonly workspaces: WorkspaceService,
    private readonly context: TenantContext,
  ) {}

  async run(kind: string, options: { workspace: string; out?: string }): Promise<void> {
    const output = options.out ? fs.createWriteStream(options.out) : process.stdout;
    const count = await inWorkspace(this.workspaces, this.context, options.workspace, () =>
      this.exports.export(kind, {}, output),
    );
    if (options.out) console.error(`wrote ${count} ${kind} to ${options.out}`);
  }
}

@Module({ imports: [IdentityModule, CrmModule], providers: [ImportCommand, ExportCommand] })
class CrmCommands {}

export function registerCrmCommands(program: Command, config: () => AppConfig): void {
  program
    .command('import')
    .description(
      'import accounts, contacts or interactions from a CSV file (HubSpot and Salesforce column names work)',
    )
    .argument('<kind>', 'accounts, contacts or interactions')
    .argument('<file>', 'the CSV file')
    .requiredOption('--workspace <slug>', 'slug of the workspace')
    .option('--dry-run', 'check every row and report, without saving anything')
    .action((kind: string, file: string, options: { workspace: string; dryRun?: boolean }) => {
      if (!fs.existsSync(file)) throw new CliError(`no such file: ${file}`);
      return withCommandContext(config(), [CrmCommands], (app) => app.get(ImportCommand).run(kind, file, options));
    });

  program
    .command('export')
    .description('export accounts, contacts, interactions or tasks as CSV')
    .argument('<kind>', 'accounts, contacts, interactions or tasks')
    .requiredOption('--workspace <slug>', 'slug of the workspace')
    .option('--out <file>', 'write to this file instead of standard output')
    .action((kind: string, options: { workspace: string; out?: string }) =>
      withCommandContext(config(), [CrmCommands], (app) => app.get(ExportCommand).run(kind, options), {
        migrate: false,
      }),
    );
}
