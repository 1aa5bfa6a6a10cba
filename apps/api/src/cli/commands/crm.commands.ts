import { AppConfig } from '@greenlight/config';
import {
  AccountsService,
  CsvExportService,
  CsvImportService,
  ContactsService,
  InteractionsService,
  StagesService,
  TasksService,
  CampaignsService,
} from '@greenlight/crm';
import { runMigrations } from '@greenlight/db';
import { AuditService, standaloneIdentity, systemPrincipal, WorkspaceScope } from '@greenlight/identity';
import { Command } from 'commander';
import * as fs from 'node:fs';
import { DataSource } from 'typeorm';
import { CliError } from '../cli-error';
import { withDatabase } from './connection';

/** The CRM services a command needs, without the HTTP server. */
function standaloneCrm(dataSource: DataSource) {
  const identity = standaloneIdentity(dataSource);
  const scope = new WorkspaceScope(dataSource, identity.context);
  const audit = new AuditService(dataSource, identity.context, scope);
  const stages = new StagesService(dataSource, scope, audit, identity.context);
  const tasks = new TasksService(dataSource, scope, audit, identity.context);
  const campaigns = new CampaignsService(dataSource, scope, audit);
  const exports = new CsvExportService(
    new AccountsService(dataSource, scope, stages, audit),
    new ContactsService(dataSource, scope, audit),
    new InteractionsService(dataSource, scope, audit, identity.context, tasks, campaigns),
    tasks,
  );
  return { ...identity, imports: new CsvImportService(dataSource, identity.context, audit, stages), exports };
}

async function workspaceId(dataSource: DataSource, slug: string): Promise<string> {
  const [row] = await dataSource.query('SELECT id FROM workspace WHERE slug = $1', [slug]);
  if (!row) throw new CliError(`no workspace with slug "${slug}"`);
  return row.id;
}

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
      return withDatabase(config(), async (dataSource) => {
        await runMigrations(dataSource);
        const crm = standaloneCrm(dataSource);
        const id = await workspaceId(dataSource, options.workspace);
        const started = Date.now();
        const report = await crm.context.run(systemPrincipal(id), () =>
          crm.imports.import(kind, fs.createReadStream(file), {
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
        for (const error of report.errors)
          console.log(`line ${error.line}: ${error.field}: ${error.message}`);
      });
    });

  program
    .command('export')
    .description('export accounts, contacts, interactions or tasks as CSV')
    .argument('<kind>', 'accounts, contacts, interactions or tasks')
    .requiredOption('--workspace <slug>', 'slug of the workspace')
    .option('--out <file>', 'write to this file instead of standard output')
    .action((kind: string, options: { workspace: string; out?: string }) =>
      withDatabase(config(), async (dataSource) => {
        const crm = standaloneCrm(dataSource);
        const id = await workspaceId(dataSource, options.workspace);
        const output = options.out ? fs.createWriteStream(options.out) : process.stdout;
        const count = await crm.context.run(systemPrincipal(id), () => crm.exports.export(kind, {}, output));
        if (options.out) console.error(`wrote ${count} ${kind} to ${options.out}`);
      }),
    );
}
