// Loaded by Jest through Node's own require: relative imports only (no path aliases here).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- Node's require cannot resolve the alias here
import { EmbeddedPostgres } from '../../../db/src/embedded/embedded-postgres';
import { TEST_SERVER_URL_VARIABLE } from '../test-database.constants';

declare global {
  var __greenlightTestPostgres: EmbeddedPostgres | undefined;
}

/** Starts one throw-away PostgreSQL for the whole run (unless a server was given). */
export default async function globalSetup(): Promise<void> {
  if (process.env[TEST_SERVER_URL_VARIABLE]) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-test-'));
  const server = await EmbeddedPostgres.start({ dataDir, port: 0, ephemeral: true, database: 'postgres' });
  globalThis.__greenlightTestPostgres = server;
  process.env[TEST_SERVER_URL_VARIABLE] = server.url;
}
