import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `npm start`'s entry point as a separate process, as a person would (`nodeArgs`: e.g. `--cpu-prof`). */
export function spawnServer(env: NodeJS.ProcessEnv, port: number, nodeArgs: string[] = []): ServerProcess {
  return spawnEntry('apps/api/src/main.ts', [], { PORT: String(port), ...env }, port, nodeArgs);
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): ServerProcess {
  return spawnEntry('apps/api/src/cli/main.ts', args, env, 0);
}

function spawnEntry(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  nodeArgs: string[] = [],
): ServerProcess {
  const child = spawn(process.execPath, [...nodeArgs, 'tools/run.js', entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, port, output: () => output, exited };
}

/** Polls until /health/ready answers 200, the process exits, or the time is up. */
export async function waitUntilReady(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited before it was ready:\n${server.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/health/ready`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.child.kill('SIGKILL');
  throw new Error(`server not ready within ${timeoutMs} ms:\n${server.output()}`);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
