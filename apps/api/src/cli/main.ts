import 'reflect-metadata';
import { AppConfig, ConfigError } from '@greenlight/config';
import { EmbeddedPostgresError } from '@greenlight/db';
import { CommanderError } from 'commander';
import { buildCli } from './cli';
import { CliError } from './cli-error';

async function main(): Promise<void> {
  try {
    await buildCli(() => AppConfig.fromEnv()).parseAsync(process.argv);
    process.exit(0);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    const known =
      error instanceof ConfigError || error instanceof EmbeddedPostgresError || error instanceof CliError;
    console.error(known ? `error: ${(error as Error).message}` : error);
    process.exit(1);
  }
}

void main();
