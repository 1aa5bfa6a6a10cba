import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Pool } from 'pg';
import { EmbeddedPostgres } from './embedded-postgres';
import { loadPackagedBinaries } from './postgres-binaries';

const asRoot = process.getuid?.() === 0;

async function query(url: string, sql: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Polls until `probe` gives a value other than null/undefined/false. */
async function until<T>(probe: () => T | Promise<T>, timeoutMs = 60_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('EmbeddedPostgres', () => {
  const scratch: string[] = [];
  const tempDir = (mode = 0o755) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-embedded-'));
    fs.chmodSync(dir, mode);
    scratch.push(dir);
    return dir;
  };
  afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('initialises a cluster once, keeps its data across restarts, and sessions run in UTC', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = await EmbeddedPostgres.start({ dataDir, port: 0 });
    await query(first.url, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES (\'still here\')');
    await first.stop();
    const second = await EmbeddedPostgres.start({ dataDir, port: 0 });
    try {
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
      expect(await query(second.url, "SELECT current_setting('TimeZone') AS tz")).toEqual([{ tz: 'UTC' }]);
      expect(EmbeddedPostgres.attach(dataDir)).toBe(second.url);
    } finally {
      await second.stop();
    }
    expect(EmbeddedPostgres.attach(dataDir)).toBeNull();
  });

  it('removes an ephemeral cluster on stop', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const server = await EmbeddedPostgres.start({ dataDir, port: 0, ephemeral: true });
    await server.stop();
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('starts the server again when it is killed, with the committed data, and the pool reconnects', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const logs: string[] = [];
    const server = await EmbeddedPostgres.start({ dataDir, port: 0, log: (_level, message) => logs.push(message) });
    const pool = new Pool({ connectionString: server.url, max: 2 });
    pool.on('error', () => undefined); // idle clients of the killed server report their end
    try {
      await pool.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('committed before the crash')");
      const killed = server.pid!;
      process.kill(killed, 'SIGKILL');
      await until(() => server.pid !== killed && logs.some((line) => line.includes('started again')));
      expect(await until(async () => (await pool.query('SELECT v FROM kept').catch(() => null))?.rows)).toEqual([
        { v: 'committed before the crash' },
      ]);
      expect(logs.join('\n')).toMatch(new RegExp(`\\(pid ${killed}\\) exited unexpectedly \\(code null, signal SIGKILL\\)`));
      expect(EmbeddedPostgres.attach(dataDir)).toBe(server.url);
    } finally {
      await pool.end();
      await server.stop();
    }
    expect(EmbeddedPostgres.attach(dataDir)).toBeNull();
  });

  it('gives up after the configured attempts when the server cannot start again', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const logs: string[] = [];
    const server = await EmbeddedPostgres.start({
      dataDir,
      port: 0,
      ephemeral: true,
      restart: { attempts: 2, firstDelayMs: 10, maxDelayMs: 20, stableAfterMs: 60_000 },
      log: (_level, message) => logs.push(message),
    });
    // read only at start: the running server is unaffected, a new one refuses to start
    fs.appendFileSync(path.join(server.dataDir, 'pg', 'postgresql.conf'), '\nthis line is not a setting\n');
    process.kill(server.pid!, 'SIGKILL');
    const lost = await server.lost;
    expect(lost.message).toBe('embedded PostgreSQL could not be started again after 2 attempts: giving up');
    expect(logs.filter((line) => line.includes('starting the embedded PostgreSQL again failed'))).toHaveLength(2);
    await server.stop();
  });

  (asRoot ? it : it.skip)(
    'runs as root from a checkout under a folder the postgres user cannot enter',
    async () => {
      // A private folder, like /root, holding both the binaries and the data folder.
      const privateDir = tempDir(0o700);
      const packaged = await loadPackagedBinaries();
      const nativeDir = path.resolve(path.dirname(packaged.postgres), '..');
      const copy = spawnSync('cp', ['-a', nativeDir, path.join(privateDir, 'native')]);
      expect(copy.status).toBe(0);
      const binaries = {
        postgres: path.join(privateDir, 'native/bin/postgres'),
        initdb: path.join(privateDir, 'native/bin/initdb'),
        pgCtl: path.join(privateDir, 'native/bin/pg_ctl'),
        version: `${packaged.version}-spec-${path.basename(privateDir)}`,
      };
      const dataDir = path.join(privateDir, 'checkout', '.greenlight');
      const logs: string[] = [];
      const server = await EmbeddedPostgres.start({
        dataDir,
        port: 0,
        binaries,
        relocateIfUnreachable: true,
        log: (_level, message) => logs.push(message),
      });
      try {
        expect(await query(server.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
        expect(server.dataDir.startsWith('/var/lib/greenlight/')).toBe(true);
        expect(logs.join('\n')).toContain('is not reachable by the');
      } finally {
        await server.stop();
        fs.rmSync(server.dataDir, { recursive: true, force: true });
        fs.rmSync(path.join(os.tmpdir(), `greenlight-postgres-${binaries.version}`), { recursive: true, force: true });
      }
    },
  );

  (asRoot ? it : it.skip)('refuses an explicit data folder the postgres user cannot enter, saying what to do', async () => {
    const dataDir = path.join(tempDir(0o700), 'data');
    await expect(EmbeddedPostgres.start({ dataDir, port: 0, relocateIfUnreachable: false })).rejects.toThrow(
      /cannot enter .*set GREENLIGHT_DATA_DIR to a folder it can reach, or set DATABASE_URL/,
    );
  });
});
