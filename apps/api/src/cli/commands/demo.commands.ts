import { AppConfig } from '@greenlight/config';
import { Command } from 'commander';
import { runDemoGenerator } from '../../demo/demo-generator';
import { DEMO_PASSWORD, DEMO_WORKSPACE } from '../../demo/demo-identity';
import { CliError } from '../cli-error';

export function registerDemoCommands(program: Command, config: () => AppConfig): void {
  program
    .command('demo:generator')
    .description('stream live synthetic generator usage to a running server, so the demo numbers move')
    .option('--url <url>', 'the running server (default: this configuration’s port on localhost)')
    .option('--rate <events>', 'events per second', '50')
    .option('--seconds <seconds>', 'stop after this many seconds (0: until Ctrl-C)', '0')
    .action(async (options: { url?: string; rate: string; seconds: string }) => {
      const rate = Number(options.rate);
      const seconds = Number(options.seconds);
      if (!Number.isInteger(rate) || rate < 1 || rate > 5000)
        throw new CliError('--rate must be a whole number from 1 to 5000');
      if (!Number.isInteger(seconds) || seconds < 0)
        throw new CliError('--seconds must be a whole number, 0 or more');
      const abort = new AbortController();
      process.once('SIGINT', () => abort.abort());
      const accepted = await runDemoGenerator(
        {
          url: (options.url ?? `http://localhost:${config().port}`).replace(/\/$/, ''),
          email: 'admin@demo.greenlight.dev',
          password: DEMO_PASSWORD,
          workspace: DEMO_WORKSPACE.slug,
          rate,
          seconds,
          log: (line) => console.log(line),
        },
        abort.signal,
      );
      console.log(`stopped: ${accepted} events accepted`);
    });
}
