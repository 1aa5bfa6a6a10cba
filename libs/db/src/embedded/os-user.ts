import { execFileSync, spawnSync } from 'node:child_process';

/** The unprivileged account PostgreSQL runs as when Greenlight is started by root. */
export class OsUser {
  private constructor(
    readonly name: string,
    readonly uid: number,
    readonly gid: number,
  ) {}

  /** The account to run PostgreSQL as, or null when the current user may run it directly. */
  static forPostgres(name = 'postgres'): OsUser | null {
    if (process.getuid?.() !== 0) return null;
    let ids = OsUser.lookup(name);
    if (!ids) {
      spawnSync('groupadd', ['--system', name]);
      const created = spawnSync('useradd', ['--system', '--gid', name, '--no-create-home', name], {
        encoding: 'utf8',
      });
      ids = OsUser.lookup(name);
      if (!ids) {
        throw new Error(
          `PostgreSQL refuses to run as root and the '${name}' user could not be created (${created.stderr?.trim()}); ` +
            `create it, run as another user, or set DATABASE_URL.`,
        );
      }
    }
    return new OsUser(name, ids.uid, ids.gid);
  }

  private static lookup(name: string): { uid: number; gid: number } | null {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
      return { uid, gid };
    } catch {
      return null;
    }
  }

  canExecute(file: string): boolean {
    return this.test('-x', file);
  }

  /** True when this user can enter the folder (and so every folder above it). */
  canEnter(dir: string): boolean {
    return this.test('-x', dir) && this.test('-d', dir);
  }

  private test(flag: string, target: string): boolean {
    const result = spawnSync('test', [flag, target], { uid: this.uid, gid: this.gid });
    return result.status === 0;
  }
}
