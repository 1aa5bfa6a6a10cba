import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmbeddedLogLevel, EmbeddedPostgresError } from './types';
import { OsUser } from './os-user';

/** Where root keeps clusters whose configured folder the postgres user cannot enter. */
const RELOCATED_DATA_ROOT = '/var/lib/greenlight';

/**
 * Returns an absolute data folder the PostgreSQL user can reach. Only root can meet an unreachable
 * one (a checkout under /root, mode 700): then the cluster lives under /var/lib/greenlight instead,
 * in a folder named after the configured path so each checkout keeps its own data.
 */
export function resolveDataDir(
  configured: string,
  runAs: OsUser | null,
  relocateIfUnreachable: boolean,
  log: (level: EmbeddedLogLevel, message: string) => void,
): string {
  const dataDir = path.resolve(configured);
  if (!runAs) return dataDir;
  const parent = nearestExisting(path.dirname(dataDir));
  if (runAs.canEnter(parent)) return dataDir;
  if (!relocateIfUnreachable) {
    throw new EmbeddedPostgresError(
      `The '${runAs.name}' user that PostgreSQL runs as (when started by root) cannot enter ${parent}: ` +
        `set GREENLIGHT_DATA_DIR to a folder it can reach, or set DATABASE_URL.`,
    );
  }
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const relocated = path.join(RELOCATED_DATA_ROOT, `${path.basename(path.dirname(dataDir))}-${key}`);
  fs.mkdirSync(RELOCATED_DATA_ROOT, { recursive: true, mode: 0o755 });
  log('info', `${dataDir} is not reachable by the '${runAs.name}' user; keeping the database in ${relocated}`);
  return relocated;
}

function nearestExisting(dir: string): string {
  let current = dir;
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}
