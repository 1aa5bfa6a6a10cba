import { AppConfig } from '@greenlight/config';
import { IdentityModule } from '@greenlight/identity';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import pino from 'pino';
import { seedDemo, seedDemoUsage } from '../../demo/seed';
import { withCommandContext } from './connection';

export function registerSeedCommands(program: Command, config: () => AppConfig): void {
  program
    .command('seed')
    .description('fill the demo workspace with demo data')
    .action(() =>
      withCommandContext(config(), [IdentityModule], async (app) => {
        const logger = pino({ level: 'info' }, process.stderr);
        await seedDemo(app, logger);
        await seedDemoUsage(app.get(DataSource), logger);
      }),
    );
}
