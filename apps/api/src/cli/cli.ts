import { AppConfig } from '@greenlight/config';
import { Command } from 'commander';
import { registerCrmCommands } from './commands/crm.commands';
import { registerDatabaseCommands } from './commands/database.commands';
import { registerDemoCommands } from './commands/demo.commands';
import { registerIdentityCommands } from './commands/identity.commands';
import { registerSeedCommands } from './commands/seed.commands';
import { registerTelemetryCommands } from './commands/telemetry.commands';

/** `npm run greenlight -- <command>`: operations on a Greenlight installation. */
export function buildCli(config: () => AppConfig): Command {
  const program = new Command('greenlight')
    .description('Greenlight command line: database, demo data and imports')
    .showHelpAfterError()
    .exitOverride();
  registerDatabaseCommands(program, config);
  registerSeedCommands(program, config);
  registerIdentityCommands(program, config);
  registerCrmCommands(program, config);
  registerTelemetryCommands(program, config);
  registerDemoCommands(program, config);
  return program;
}
