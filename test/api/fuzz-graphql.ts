import { GraphQLSchemaHost } from '@nestjs/graphql';
import fc from 'fast-check';
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { Client } from 'pg';
import { createAccount, CrmWorld, crmWorld } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A fuzz of every argument of every GraphQL operation, generated from the live schema: each case
 * calls one operation with arguments that are mostly sane but where any value may be hostile (NUL,
 * unpaired surrogates, 1 MB strings, 1e308, -0, huge integers, dates out of range, forged ids and
 * cursors, values of the wrong type, missing or unknown fields). Cases come from fast-check with a
 * fixed seed, so a failure replays from its seed and index.
 */

/** Operations left out: `signOut` ends the session every other case runs with. */
const SKIPPED = new Set(['signOut']);

/** Tables a refused mutation must not touch (the others hold counters, sessions or derived data). */
const WATCHED_TABLES = [
  'account',
  'account_competitor',
  'api_key',
  'audit_entry',
  'campaign',
  'campaign_target',
  'contact',
  'generator_identity',
  'interaction',
  'interaction_account',
  'interaction_contact',
  'interaction_member',
  'invitation',
  'membership',
  'pilot',
  'pilot_criterion',
  'pilot_status_change',
  'position',
  'representation',
  'stage',
  'stage_transition',
  'task',
  'user_account',
  'workspace',
];

const cursorOf = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
const UUID = '5f0c8a52-3c1e-4a8e-9d55-0b9a4a1d2c3e';
const MEGABYTE = 'x'.repeat(1024 * 1024);

const HOSTILE_TEXT = [
  'a\u0000b',
  '\u0000',
  'name\ud800',
  '\udc00tail',
  '\ud83d',
  '',
  '   ',
  '\t\n',
  'a'.repeat(10_000),
  "'; DROP TABLE account; --",
  '__proto__',
  '\u202e',
  '💥',
  '0001-01-01',
  '+275760-09-13',
  '9999-12-31',
  '2026-02-30',
  'not-a-uuid',
  cursorOf(['x', 'not-a-uuid']),
  cursorOf([1e308, UUID]),
  cursorOf(['\u0000', UUID]),
  cursorOf(['2026-01-01T00:00:00.000Z', 'kind', UUID, 1]),
  cursorOf({}),
  'not base64!',
];
const WRONG_TYPES: unknown[] = [42, -0, 1e308, true, {}, [], [[[]]], { a: { b: 1 } }];
const HOSTILE_BY_SCALAR: Record<string, unknown[]> = {
  ID: ['not-a-uuid', '', '\u0000', `${UUID}\u0000`, '00000000-0000-0000-0000-000000000000', UUID, 123],
  Int: [2 ** 31, -(2 ** 31) - 1, 1.5, -0, 0, -1, 1e308, 2 ** 53 + 1, 'NaN', '1'],
  Float: [1e308, -1e308, -0, 5e-324, 1e15, 1e13, 123456789.123456, -1, 'NaN', 'Infinity'],
  DateTime: [
    '0001-01-01T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '1899-12-31T23:59:59Z',
    '2201-01-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    'yesterday',
    0,
  ],
  Boolean: ['true', 1, 0],
  JSONObject: [
    { a: '\u0000' },
    { 'k\u0000': 1 },
    { a: '\ud800' },
    JSON.parse('{"a":'.repeat(100) + '1' + '}'.repeat(100)),
    [],
  ],
};

/** Ids that exist, so some cases get past the lookups. */
export interface IdPool {
  ids: string[];
  cursors: string[];
}

function saneScalar(name: string, argument: string, pool: IdPool): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return fc.oneof(fc.constantFrom(...pool.ids), fc.uuid());
    case 'Int':
      return fc.integer({ min: 1, max: 20 });
    case 'Float':
      return fc.integer({ min: 1, max: 100_000 }).map((cents) => cents / 100);
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return fc
        .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) })
        .map((time) => new Date(time).toISOString());
    case 'JSONObject':
      return fc.constantFrom({}, { a: 1 });
  }
  if (/email/i.test(argument)) return fc.nat(1_000_000).map((n) => `fuzz${n}@example.test`);
  if (/password/i.test(argument)) return fc.constant('a fuzz password 123');
  if (/^(after|before)$/.test(argument)) return fc.constantFrom(...pool.cursors);
  if (/date|On$|^from$|^to$|window|ending/i.test(argument))
    return fc.constantFrom('2026-03-01', '2026-06-30', '2025-12-31');
  if (/currency/i.test(argument)) return fc.constant('USD');
  if (/website|url/i.test(argument)) return fc.constant('https://studio.example');
  if (/domain/i.test(argument)) return fc.constant('studio.example');
  if (/timeZone/i.test(argument)) return fc.constant('UTC');
  return fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme-ascii' }).map((text) => `Fuzz ${text}`);
}

/** `huge`: whether a 1 MB string may be chosen (once per call at most, so bodies stay near 1 MB). */
function hostileScalar(name: string, huge: boolean): fc.Arbitrary<unknown> {
  const own = HOSTILE_BY_SCALAR[name] ?? HOSTILE_TEXT;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...own) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
    { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30, unit: 'binary' }) },
    { weight: huge ? 1 : 0, arbitrary: fc.constantFrom(MEGABYTE, MEGABYTE.slice(0, 1_000_000)) },
  );
}

/**
 * A value for an input type: sane or hostile, each part independently. 1 MB strings only in
 * top-level arguments, long lists only of sane items, so one call's body stays near 1 MB.
 */
function valueOf(type: GraphQLInputType, argument: string, pool: IdPool, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, argument, pool, depth);
  const named = getNamedType(type);
  const hostileShape = fc.constantFrom<unknown>(null, 'text', 7, [], {}, { unknownField: 1 });
  if (isListType(type)) {
    const item = valueOf(type.ofType, argument, pool, depth + 1);
    const saneItem = isScalarType(named) ? saneScalar(named.name, argument, pool) : fc.constant({});
    return fc.oneof(
      { weight: 8, arbitrary: fc.array(item, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(saneItem, { minLength: 200, maxLength: 1000 }) },
      { weight: 1, arbitrary: hostileShape },
    );
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((value) => value.name);
    return fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: fc.constantFrom('NOPE', values[0].toLowerCase(), 1, '') },
    );
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const shape = Object.fromEntries(
      fields.map((field) => {
        const value = depth > 4 ? fc.constant(null) : valueOf(field.type, field.name, pool, depth + 1);
        const included = isNonNullType(field.type)
          ? fc.oneof({ weight: 20, arbitrary: value }, { weight: 1, arbitrary: fc.constant(undefined) })
          : fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });
        return [field.name, included];
      }),
    );
    const object = fc
      .record(shape)
      .map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
    return fc.oneof(
      { weight: 12, arbitrary: object },
      { weight: 1, arbitrary: object.map((record) => ({ ...record, unknownField: 'x' })) },
      { weight: 1, arbitrary: hostileShape },
    );
  }
  if (isScalarType(type)) {
    return fc.oneof(
      { weight: 3, arbitrary: saneScalar(type.name, argument, pool) },
      { weight: 1, arbitrary: hostileScalar(type.name, depth === 0) },
    );
  }
  throw new Error(`no value for ${String(type)}`);
}

export interface FuzzCase {
  operation: string;
  kind: 'query' | 'mutation';
  query: string;
  variables: Record<string, unknown>;
  anonymous: boolean;
}

interface Operation {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

function callOf(operation: Operation): string {
  const args: readonly GraphQLArgument[] = operation.field.args;
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passing = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isObjectType(getNamedType(operation.field.type)) ? ' { __typename }' : '';
  return `${operation.kind} Fuzz${declarations ? `(${declarations})` : ''} { ${operation.field.name}${passing ? `(${passing})` : ''}${selection} }`;
}

function caseOf(operation: Operation, pool: IdPool): fc.Arbitrary<FuzzCase> {
  const query = callOf(operation);
  const variables = fc.record(
    Object.fromEntries(
      operation.field.args.map((arg) => {
        const value = valueOf(arg.type, arg.name, pool);
        return [
          arg.name,
          isNonNullType(arg.type)
            ? fc.oneof({ weight: 30, arbitrary: value }, { weight: 1, arbitrary: fc.constant(undefined) })
            : fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: value }),
        ];
      }),
    ),
  );
  return fc.record({ values: variables, roll: fc.nat(9) }).map(({ values, roll }) => ({
    operation: operation.field.name,
    kind: operation.kind,
    query,
    variables: Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)),
    anonymous: roll === 0,
  }));
}

/** The cases of one run: `count` cases from `seed`, over every operation of the schema. */
export function fuzzCases(schema: GraphQLSchema, pool: IdPool, seed: number, count: number): FuzzCase[] {
  const operations: Operation[] = [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({
      kind: 'mutation' as const,
      field,
    })),
  ].filter((operation) => !SKIPPED.has(operation.field.name));
  const arbitrary = fc.constantFrom(...operations).chain((operation) => caseOf(operation, pool));
  return fc.sample(arbitrary, { seed, numRuns: count });
}

type ErrorBody = { message?: unknown; extensions?: { code?: unknown; fields?: unknown } };

/** Why an answer is not acceptable, or undefined when it is. */
function problemOf(status: number, body: unknown): string | undefined {
  if (status >= 500) return `HTTP ${status}`;
  if (status === 413) return undefined;
  if (typeof body !== 'object' || body === null) return `HTTP ${status} without a JSON body`;
  const errors = ((body as { errors?: ErrorBody[] }).errors ?? []) as ErrorBody[];
  for (const error of errors) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR') return `error code ${String(code)}`;
    if (typeof error.message !== 'string' || error.message.trim() === '') return `${code} without a message`;
    const fields = error.extensions?.fields;
    const namesField = Array.isArray(fields) && fields.length > 0;
    if (code === 'BAD_USER_INPUT' && !namesField && !/\$\w+|argument|Variable/.test(error.message))
      return `BAD_USER_INPUT naming no field: ${error.message}`;
  }
  if (errors.length === 0 && !('data' in body)) return 'neither data nor errors';
  return undefined;
}

export interface FuzzReport {
  cases: number;
  outcomes: Record<string, number>;
  failures: { index: number; operation: string; problem: string; variables: string }[];
}

/** A fingerprint of the watched tables: any insert, update or delete changes it. */
async function fingerprint(client: Client): Promise<string> {
  const sql = WATCHED_TABLES.map(
    (table) =>
      `SELECT '${table}' AS t, count(*) AS n, coalesce(sum(xmin::text::bigint), 0) AS x FROM "${table}"`,
  ).join(' UNION ALL ');
  const { rows } = await client.query<{ t: string; n: string; x: string }>(sql);
  return rows.map((row) => `${row.t}:${row.n}:${row.x}`).join(',');
}

const preview = (variables: Record<string, unknown>) =>
  JSON.stringify(variables, (_, value: unknown) =>
    typeof value === 'string' && value.length > 80 ? `${value.slice(0, 20)}…(${value.length} chars)` : value,
  ).slice(0, 400);

/**
 * Runs the cases: queries several at a time, each mutation alone between two fingerprints of the
 * watched tables, so a refused mutation that wrote anything is caught.
 */
export async function runFuzz(api: TestApp, token: string, cases: FuzzCase[]): Promise<FuzzReport> {
  const report: FuzzReport = { cases: cases.length, outcomes: {}, failures: [] };
  const client = new Client({ connectionString: api.db.url });
  await client.connect();
  let tables: string | undefined;
  const count = (outcome: string) => (report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1);

  const run = async (index: number) => {
    const fuzzCase = cases[index];
    const fail = (problem: string) =>
      report.failures.push({
        index,
        operation: fuzzCase.operation,
        problem,
        variables: preview(fuzzCase.variables),
      });
    // Queries never write, so the fingerprint after the last mutation still holds.
    const before = fuzzCase.kind === 'mutation' ? (tables ??= await fingerprint(client)) : '';
    let status: number;
    let body: unknown;
    try {
      const response = await fetch(`${api.baseUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(fuzzCase.anonymous ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify({ query: fuzzCase.query, variables: fuzzCase.variables }),
        signal: AbortSignal.timeout(5000),
      });
      status = response.status;
      const text = await response.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    } catch (error) {
      count('no answer');
      tables = undefined;
      fail(`no answer within 5 s: ${(error as Error).message}`);
      return;
    }
    const errors = (body as { errors?: ErrorBody[] })?.errors;
    const outcome = `${status} ${errors?.length ? String(errors[0].extensions?.code) : status === 413 ? 'PAYLOAD_TOO_LARGE' : 'OK'}`;
    count(outcome);
    const problem = problemOf(status, body);
    if (problem) fail(problem);
    if (fuzzCase.kind === 'mutation') {
      const data = (body as { data?: Record<string, unknown> | null })?.data;
      const refused = !data || data[fuzzCase.operation] === null || data[fuzzCase.operation] === undefined;
      tables = await fingerprint(client);
      if (refused && tables !== before) fail(`refused (${outcome}) yet wrote`);
    }
  };

  try {
    let pending: Promise<void>[] = [];
    for (let index = 0; index < cases.length; index++) {
      if (cases[index].kind === 'mutation') {
        await Promise.all(pending);
        pending = [];
        await run(index);
      } else {
        pending.push(run(index));
        if (pending.length >= 6) {
          await Promise.all(pending);
          pending = [];
        }
      }
      if (index % 500 === 499) {
        const ready = await fetch(`${api.baseUrl}/health/ready`);
        if (ready.status !== 200)
          report.failures.push({
            index,
            operation: '-',
            problem: `/health/ready ${ready.status}`,
            variables: '',
          });
      }
    }
    await Promise.all(pending);
  } finally {
    await client.end();
  }
  return report;
}

/** Seeds differ per file so the files together cover more ground; each is reproducible alone. */
export function describeGraphQLFuzz(seed: number, count: number): void {
  describe(`GraphQL fuzz from the schema, seed ${seed}, ${count} cases`, () => {
    let api: TestApp;
    let world: CrmWorld;
    let pool: IdPool;
    let token: string;

    beforeAll(async () => {
      api = await startTestApp({ LOG_LEVEL: 'fatal' });
      world = await crmWorld(api, 'Fuzz');
      const account = await createAccount(world.as.ADMIN, { name: 'Fuzz Pictures' });
      await createAccount(world.as.ADMIN, { name: 'Fuzz Films' });
      const { accounts } = await world.as.ADMIN.data<{ accounts: { pageInfo: { endCursor: string } } }>(
        `{ accounts(first: 1) { pageInfo { endCursor } } }`,
      );
      const { stages } = await world.as.ADMIN.data<{ stages: { id: string }[] }>(`{ stages { id } }`);
      pool = {
        ids: [account.id, ...stages.slice(0, 2).map((stage) => stage.id)],
        cursors: [accounts.pageInfo.endCursor],
      };
      token = (await signIn(api, world.workspace.members.ADMIN.email, undefined, world.workspace.slug))
        .accessToken;
    }, 120_000);
    afterAll(() => api.close());

    it('answers every generated call below 500, naming the field or reason, writing nothing when refused', async () => {
      const cases = fuzzCases(api.app.get(GraphQLSchemaHost).schema, pool, seed, count);
      const report = await runFuzz(api, token, cases);
      console.log(
        `GraphQL fuzz seed ${seed}: ${report.cases} cases; outcomes ${JSON.stringify(report.outcomes)}; ${report.failures.length} failures`,
      );
      expect(report.failures.slice(0, 10)).toEqual([]);
      expect((await fetch(`${api.baseUrl}/health/ready`)).status).toBe(200);
    }, 900_000);
  });
}
