import { AppConfig } from '@greenlight/config';
import { createDataSource, EmbeddedPostgres, runMigrations } from '@greenlight/db';
import { migrations } from '@greenlight/migrations';
import { identityServices } from '../../support/identity-context';
import { NestExpressApplication } from '@nestjs/platform-express';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as pg from 'pg';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { createApp } from '../../../apps/api/src/bootstrap';
import { createLogger } from '../../../apps/api/src/logger';
import { ENTITIES } from '../../../apps/api/src/database';

export const BENCH_PASSWORD = 'benchmark password 2026';

export interface BenchServer {
  dataSource: DataSource;
  app: NestExpressApplication;
  baseUrl: string;
  workspaceId: string;
  memberIds: string[];
  token: string;
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export interface BenchServerOptions {
  /** More PostgreSQL settings (`auto_explain.*` …). */
  pgSettings?: Record<string, string>;
  /** The server's log level; its lines go to /dev/null. Default `warn`. */
  logLevel?: 'info' | 'warn';
  /**
   * Keeps the database in this folder instead of a temporary one: a second start on it migrates and
   * reuses the workspace (and whatever data the benchmark generated) instead of creating them.
   */
  dataDir?: string;
  /** More environment variables for the server's configuration. */
  env?: NodeJS.ProcessEnv;
}

/** A fresh embedded PostgreSQL, migrated, with a workspace, and the real API listening on it. */
export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-bench-'));
  // BENCH_PG_LOG=<ms> prints every statement slower than that, to find what to tune.
  const slowMs = process.env.BENCH_PG_LOG ?? options.pgSettings?.['auto_explain.log_min_duration'];
  const pg = await EmbeddedPostgres.start({
    dataDir,
    port: 0,
    ephemeral: !options.dataDir,
    settings: options.pgSettings,
    log: (_level, message) =>
      ((slowMs && message.includes('duration:')) || /PANIC|FATAL|terminated|server process/.test(message)) &&
      console.error(message),
  });
  const dataSource = createDataSource({ url: pg.url, entities: ENTITIES, migrations, poolSize: 10 });
  await dataSource.initialize();
  await runMigrations(dataSource);
  if (slowMs) {
    await dataSource.query(`ALTER SYSTEM SET log_min_duration_statement = ${Number(slowMs)}`);
    await dataSource.query('SELECT pg_reload_conf()');
  }
  const [kept] = await dataSource.query(
    `SELECT w.id AS "workspaceId", m.id AS "memberId" FROM workspace w JOIN membership m ON m.workspace_id = w.id WHERE w.slug = 'bench'`,
  );
  const created = kept
    ? { workspace: { id: kept.workspaceId as string }, membership: { id: kept.memberId as string } }
    : await (
        await identityServices(dataSource)
      ).workspaces.create({
        name: 'Benchmark Partnerships',
        slug: 'bench',
        admin: { email: 'admin@bench.example', name: 'Bench Admin', password: BENCH_PASSWORD },
      });
  const config = AppConfig.fromEnv({
    NODE_ENV: 'production',
    LOG_LEVEL: options.logLevel ?? 'warn',
    LOG_FORMAT: 'json',
    DATABASE_POOL_SIZE: '20',
    GRAPHQL_MAX_COMPLEXITY: '100000',
    // A scheduled health evaluation of 10k accounts would run in the middle of the measurements.
    HEALTH_SCHEDULE_ENABLED: 'false',
    ...options.env,
  });
  const app = await createApp(config, pg.url, createLogger(config, pino.destination('/dev/null')));
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const post = async (query: string, variables?: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  // Access tokens are short-lived: sign in again shortly before the current one expires (a long
  // benchmark outlives several), and once more when the API answers UNAUTHENTICATED anyway.
  const signIn = async () => {
    const answer = await post('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }', {
      e: 'admin@bench.example',
      p: BENCH_PASSWORD,
    });
    return answer.signIn.accessToken as string;
  };
  const expiresAt = (jwt: string) => {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as { exp?: number };
    return payload.exp ? payload.exp * 1000 : Infinity;
  };
  let token = await signIn();
  let renewing: Promise<string> | null = null;
  const renew = () => {
    renewing ??= signIn().then(
      (next) => {
        token = next;
        renewing = null;
        return next;
      },
      (error: unknown) => {
        renewing = null;
        throw error;
      },
    );
    return renewing;
  };
  const currentToken = async () => (expiresAt(token) - Date.now() < 60_000 ? renew() : token);
  return {
    dataSource,
    app,
    baseUrl,
    workspaceId: created.workspace.id,
    memberIds: [created.membership.id],
    get token() {
      return token;
    },
    async graphql(query, variables) {
      try {
        return await post(query, variables, await currentToken());
      } catch (error) {
        if (!String(error).includes('UNAUTHENTICATED')) throw error;
        return post(query, variables, await renew());
      }
    },
    async close() {
      await app.close();
      await dataSource.destroy();
      await pg.stop();
    },
  };
}

/**
 * `measure` that goes on when a call fails (an error answer, a timeout): the latencies of the calls
 * that answered, and the failures by code.
 */
export async function measureCounting(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<unknown>,
): Promise<{ latencies: number[]; failures: Map<string, number> }> {
  const failures = new Map<string, number>();
  const answered: number[] = [];
  await measure(count, concurrency, async (i) => {
    const started = performance.now();
    try {
      await work(i);
      answered.push(performance.now() - started);
    } catch (error) {
      const code = /"code":"([A-Z_]+)"/.exec(String(error))?.[1] ?? String(error).slice(0, 80);
      failures.set(code, (failures.get(code) ?? 0) + 1);
    }
  });
  return { latencies: answered, failures };
}

/** Runs `work` `count` times with `concurrency` callers; returns each call's latency in ms. */
export async function measure(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        await work(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

/** Runs `work` with `concurrency` callers until `seconds` have passed; returns each call's latency in ms. */
export async function measureFor(
  seconds: number,
  concurrency: number,
  work: (i: number) => Promise<unknown>,
): Promise<number[]> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const i = next++;
        const started = performance.now();
        await work(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

/** How many connections the server's requests took from its pool, and how long they waited for them. */
export function watchConnections(server: BenchServer) {
  const pool = (server.app.get(DataSource).driver as unknown as { master: pg.Pool }).master;
  const connect = pool.connect.bind(pool) as (callback?: (...args: unknown[]) => void) => unknown;
  const totals = { connections: 0, waitMs: 0 };
  // TypeORM takes connections with a callback
  (pool as unknown as { connect: typeof connect }).connect = (callback) => {
    const asked = performance.now();
    const taken = () => {
      totals.connections++;
      totals.waitMs += performance.now() - asked;
    };
    if (callback)
      return connect((...args: unknown[]) => {
        taken();
        callback(...args);
      });
    return (connect() as Promise<unknown>).then((client) => (taken(), client));
  };
  return { reset: () => Object.assign(totals, { connections: 0, waitMs: 0 }), read: () => ({ ...totals }) };
}
