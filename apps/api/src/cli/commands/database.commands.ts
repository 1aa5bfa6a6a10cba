import { AppConfig } from '@greenlight/config';
import { EmbeddedPostgres, pendingSchemaChanges, resetSchema, runMigrations, writeMigration } from '@greenlight/db';
import { Command } from 'commander';
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { CliError } from '../cli-error';
import { withDatabase } from './connection';

const MIGRATIONS_DIR = path.resolve(__dirname, '../../../../../migrations');

export function registerDatabaseCommands(program: Command, config: () => AppConfig): void {
  program
    .command('migrate')
    .description('apply pending migrations')
    .action(() =>
      withDatabase(config(), async (dataSource) => {
        const applied = await runMigrations(dataSource);
        console.log(
          applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'already up to date',
        );
      }),
    );

  program
    .command('migration:generate')
    .argument('<Name>', 'PascalCase name of the change, e.g. AddAccountTier')
    .description('write a migration with the SQL that brings the migrated schema in line with the entities')
    .action((name: string) =>
      withDatabase(config(), async (dataSource) => {
        await runMigrations(dataSource);
        const { up, down } = await pendingSchemaChanges(dataSource);
        if (up.length === 0) {
          console.log('no changes: the entities match the migrations');
          return;
        }
        console.log(`wrote ${path.relative(process.cwd(), writeMigration(MIGRATIONS_DIR, name, up, down))}`);
      }),
    );

  program
    .command('db:reset')
    .description('drop every table and migrate again (development only)')
    .option('--yes', 'do not ask for confirmation')
    .action(async (options: { yes?: boolean }) => {
      const current = config();
      if (current.isProduction) throw new CliError('db:reset refuses to run with NODE_ENV=production');
      if (
        !options.yes &&
        !(await confirm(
          'This deletes all Greenlight data in this database. Type "reset" to go on: ',
          'reset',
        ))
      ) {
        throw new CliError('cancelled: nothing was changed');
      }
      await withDatabase(current, async (dataSource) => {
        const applied = await resetSchema(dataSource);
        console.log(`database reset; applied ${applied.length} migration(s)`);
      });
    });

  program
    .command('db:stop')
    .description('stop an embedded PostgreSQL left running on the data folder')
    .action(async () => {
      const pid = await EmbeddedPostgres.stopOrphan(config().dataDir);
      console.log(
        pid ? `stopped PostgreSQL (pid ${pid})` : 'no embedded PostgreSQL is running on this data folder',
      );
    });
}

async function confirm(question: string, expected: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await prompt.question(question)).trim() === expected;
  } finally {
    prompt.close();
  }
}
