import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

/** The checked-in schema: what clients (and the web app's generated types) are built against. */
const SCHEMA_FILE = path.resolve(__dirname, '../../apps/api/schema.graphql');

describe('GraphQL schema file', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('matches the schema the server generates (run `npm run schema:update` after changing the API)', () => {
    const generated = `${printSchema(api.app.get(GraphQLSchemaHost).schema)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') fs.writeFileSync(SCHEMA_FILE, generated);
    const checkedIn = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    expect(checkedIn).toBe(generated);
  });
});
