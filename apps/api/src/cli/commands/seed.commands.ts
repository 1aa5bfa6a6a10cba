import { AppConfig } from '@greenlight/config';
import { runMigrations } from '@greenlight/db';
import { Command } from 'commander';
import pino from 'pino';
import { seedDemo } from '../../seed';
import { withDatabase } from './connection';

export function registerSeedCommands(program: Command, config: () => AppConfig): void {
  program
    .command('seed')
    .description('fill the demo workspace with demo data')
    .action(() =>
      withDatabase(config(), async (dataSource) => {
        await runMigrations(dataSource);
        await seedDemo(dataSource, pino({ level: 'info' }, process.stderr));
      }),
    );
}
