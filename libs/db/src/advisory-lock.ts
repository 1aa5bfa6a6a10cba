import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * A PostgreSQL advisory lock key: a number (one bigint key), a name (one key, `hashtext(name)`), or a
 * pair of a number and a number or name (the two-int4 form, the name hashed the same way).
 */
export type AdvisoryLockKey = number | string | readonly [number, number | string];

/** Anything that runs a statement on one session: a query runner, or a pg client. */
interface Session {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

function keySql(key: AdvisoryLockKey): { args: string; parameters: unknown[] } {
  if (typeof key === 'number') return { args: '$1::bigint', parameters: [key] };
  if (typeof key === 'string') return { args: 'hashtext($1)', parameters: [key] };
  const [space, id] = key;
  return { args: typeof id === 'string' ? '$1::int, hashtext($2)' : '$1::int, $2::int', parameters: [space, id] };
}

/**
 * Runs `work` holding session lock `key` on `session` (waiting for it), and releases it after.
 * A failed release is ignored: it fails when the session is gone, and its locks with it.
 */
export async function holdingAdvisoryLock<T>(
  session: Session,
  key: AdvisoryLockKey,
  work: () => Promise<T>,
): Promise<T> {
  const { args, parameters } = keySql(key);
  await session.query(`SELECT pg_advisory_lock(${args})`, parameters);
  try {
    return await work();
  } finally {
    await session.query(`SELECT pg_advisory_unlock(${args})`, parameters).catch(() => undefined);
  }
}

/**
 * Runs `work` holding session lock `key` on a connection of its own, waiting for the lock; `work`
 * gets that connection (to run on it, or to leave it holding the lock while it works on others).
 */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  key: AdvisoryLockKey,
  work: (connection: QueryRunner) => Promise<T>,
): Promise<T> {
  const connection = dataSource.createQueryRunner();
  await connection.connect();
  try {
    return await holdingAdvisoryLock(connection, key, () => work(connection));
  } finally {
    await connection.release();
  }
}

/** `withAdvisoryLock` that does not wait: `{ locked: false }` when another session holds the lock. */
export async function withAdvisoryLockIfFree<T>(
  dataSource: DataSource,
  key: AdvisoryLockKey,
  work: (connection: QueryRunner) => Promise<T>,
): Promise<{ locked: false } | { locked: true; result: T }> {
  const { args, parameters } = keySql(key);
  const connection = dataSource.createQueryRunner();
  await connection.connect();
  try {
    const [{ locked }] = await connection.query(`SELECT pg_try_advisory_lock(${args}) AS locked`, parameters);
    if (!locked) return { locked: false };
    try {
      return { locked: true, result: await work(connection) };
    } finally {
      await connection.query(`SELECT pg_advisory_unlock(${args})`, parameters).catch(() => undefined);
    }
  } finally {
    await connection.release();
  }
}

/** Takes lock `key` until the end of `manager`'s transaction, waiting for it. */
export async function lockForTransaction(manager: EntityManager, key: AdvisoryLockKey): Promise<void> {
  const { args, parameters } = keySql(key);
  await manager.query(`SELECT pg_advisory_xact_lock(${args})`, parameters);
}

/** Takes lock `key` until the end of `manager`'s transaction if no other session holds it. */
export async function tryLockForTransaction(manager: EntityManager, key: AdvisoryLockKey): Promise<boolean> {
  const { args, parameters } = keySql(key);
  const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(${args}) AS locked`, parameters);
  return locked;
}
