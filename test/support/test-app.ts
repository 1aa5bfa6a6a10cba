import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@greenlight/config';
import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { AddressInfo } from 'node:net';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logger';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface TestApp {
  app: NestExpressApplication;
  db: TestDatabase;
  baseUrl: string;
  /** Every log line written while the app ran, as parsed JSON. */
  logs: Record<string, unknown>[];
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Run on this database (another TestApp's `db`) instead of a fresh one, like a second instance
   * behind a load balancer; the database is then left for its owner to drop.
   */
  db?: TestDatabase;
}

/** The real API on a fresh migrated database (or a shared one), listening on a free port. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const config = AppConfig.fromEnv({ NODE_ENV: 'test', LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...env });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger(config, pino.multistream([{ stream: sink, level: 'trace' }]));
  const app = await createApp(config, db.url, logger);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    db,
    baseUrl,
    logs,
    async graphql(query, variables, headers) {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status' | 'headers'>;
      return { status: response.status, headers: response.headers, ...body } as GraphQLResponse<never>;
    },
    async close() {
      await app.close();
      if (!options.db) await db.drop();
    },
  };
}
