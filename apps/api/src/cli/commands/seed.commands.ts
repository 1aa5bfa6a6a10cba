import { AppConfig } from '@greenlight/config';
import { runMigrations } from '@greenlight/db';
import { Command } from 'commander';
import pino from 'pino';
import { seedDemo, seedDemoUsage } from '../../seed';
import { withDatabase } from './connection';

export function registerSeedCommands(program: Command, config: () => AppConfig): void {
  program
    .command('seed')
    .description('fill the demo workspace with demo data')
    .action(() =>
      withDatabase(config(), async (dataSource) => {
        await runMigrations(dataSource);
        const logger = pino({ level: 'info' }, process.stderr);
        await seedDemo(dataSource, logger);
        await seedDemoUsage(dataSource, logger);
      }),
    );
}
