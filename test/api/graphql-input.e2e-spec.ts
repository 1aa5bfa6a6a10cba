import { GraphQLSchemaHost } from '@nestjs/graphql';
import { isNonNullType } from 'graphql';
import { createAccount, CrmWorld, crmWorld } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';

const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
const UUID = '5f0c8a52-3c1e-4a8e-9d55-0b9a4a1d2c3e';
const FORGED_CURSORS = [
  cursor(['x', 'not-a-uuid']),
  cursor([1e308, UUID]),
  cursor(['\u0000', UUID]),
  cursor(['2026-01-01T00:00:00.000Z', 'x', UUID, 'extra']),
  cursor({ a: 1 }),
  cursor([]),
  'not base64 at all!',
];

describe('GraphQL input rules', () => {
  let api: TestApp;
  let world: CrmWorld;
  let accountId: string;

  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Input');
    accountId = (await createAccount(world.as.ADMIN, { name: 'Acme Pictures' })).id;
  });
  afterAll(() => api.close());

  const accountCount = async () =>
    (await world.as.ADMIN.data<{ accounts: { totalCount: number } }>(`{ accounts { totalCount } }`)).accounts
      .totalCount;

  const expectRefused = (response: { errors?: { extensions?: Record<string, unknown> }[] }, path: string) => {
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: expect.arrayContaining([
        expect.objectContaining({ path, message: expect.stringContaining(path) }),
      ]),
    });
  };

  describe('text: NUL and unpaired surrogates are refused in every string argument', () => {
    const CALLS: [string, string, (text: string) => Record<string, unknown>, string][] = [
      ['search text', `query($q: String!) { search(query: $q) { id } }`, (q) => ({ q }), 'query'],
      [
        'an account filter',
        `query($t: String) { accounts(filter: { text: $t }) { totalCount } }`,
        (t) => ({ t }),
        'filter.text',
      ],
      [
        'a filter tag',
        `query($t: String!) { accounts(filter: { tags: ["ok", $t] }) { totalCount } }`,
        (t) => ({ t }),
        'filter.tags.1',
      ],
      [
        'an account name',
        `mutation($name: String!) { createAccount(input: { name: $name, kind: STUDIO }) { id } }`,
        (name) => ({ name }),
        'input.name',
      ],
      [
        'contact notes',
        `mutation($notes: String) { createContact(input: { name: "Ann", kind: PRODUCER, notes: $notes }) { id } }`,
        (notes) => ({ notes }),
        'input.notes',
      ],
      [
        'an API key name',
        `mutation($name: String!) { createApiKey(name: $name, scopes: [READ]) { key } }`,
        (name) => ({ name }),
        'name',
      ],
      [
        'an invitation email',
        `mutation($email: String!) { inviteMember(email: $email, role: EXECUTIVE) { token } }`,
        (email) => ({ email: `a${email}@example.test` }),
        'email',
      ],
    ];

    it.each(
      CALLS.flatMap(([label, query, variables, path]) => [
        [`NUL in ${label}`, query, variables('a\u0000b'), path],
        [`a lone high surrogate in ${label}`, query, variables('a\ud800b'), path],
        [`a lone low surrogate in ${label}`, query, variables('\udc00'), path],
      ]),
    )('refuses %s with BAD_USER_INPUT naming the field', async (_, query, variables, path) => {
      const before = await accountCount();
      const response = await world.as.ADMIN.call(query, variables);
      expectRefused(response, path);
      expect(await accountCount()).toBe(before);
    });

    it('refuses it in an inline literal and an accepted-invitation name, without a token', async () => {
      const response = await api.graphql(
        `mutation { acceptInvitation(token: "t", name: "\\u0000", password: "a long password here") { accessToken } }`,
      );
      expectRefused(response, 'name');
    });

    it('accepts paired surrogates (emoji) and stores them as sent', async () => {
      const account = await createAccount(world.as.ADMIN, { name: 'Studio 💥' });
      expect(account.name).toBe('Studio 💥');
    });
  });

  it('refuses blank names and titles once trimmed, and stores nothing', async () => {
    const before = await accountCount();
    for (const name of ['   ', '\t\n']) {
      const response = await world.as.ADMIN.call(
        `mutation($name: String!) { createAccount(input: { name: $name, kind: STUDIO }) { id } }`,
        { name },
      );
      expectRefused(response, 'input.name');
      expect(response.errors?.[0].message).toBe('input.name must not be blank');
    }
    expectRefused(
      await world.as.ADMIN.call(
        `mutation($id: ID!) { updateAccount(input: { id: $id, name: "  " }) { id } }`,
        {
          id: accountId,
        },
      ),
      'input.name',
    );
    expectRefused(
      await world.as.ADMIN.call(
        `mutation($id: ID!) { createTask(input: { title: " ", accountId: $id }) { id } }`,
        {
          id: accountId,
        },
      ),
      'input.title',
    );
    expect(await accountCount()).toBe(before);
  });

  describe('dates must lie between 1900-01-01 and 2200-12-31', () => {
    const LOG = `mutation($at: DateTime!, $id: ID!) {
      logInteraction(input: { kind: CALL, occurredAt: $at, summary: "Call", accountIds: [$id] }) { interaction { id } }
    }`;
    it.each([
      '0001-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '1899-12-31T23:59:59Z',
      '2201-01-01T00:00:00Z',
    ])('refuses an interaction at %s', async (at) => {
      const response = await world.as.ADMIN.call(LOG, { at, id: accountId });
      expectRefused(response, 'input.occurredAt');
      expect(response.errors?.[0].message).toBe('input.occurredAt must be between 1900-01-01 and 2200-12-31');
    });

    it('refuses a task due in year 1 and a pilot starting in 9999', async () => {
      expectRefused(
        await world.as.ADMIN.call(
          `mutation($id: ID!) { createTask(input: { title: "Send deck", accountId: $id, dueAt: "0001-01-01T00:00:00Z" }) { id } }`,
          { id: accountId },
        ),
        'input.dueAt',
      );
      expectRefused(
        await world.as.ADMIN.call(
          `mutation($id: ID!) { createPilot(input: { accountId: $id, name: "P", integrationKind: API, startDate: "9999-01-01", endDate: "9999-02-01", creditBudgetUsd: 10 }) { id } }`,
          { id: accountId },
        ),
        'input.startDate',
      );
    });

    it('accepts the ends of the range', async () => {
      for (const at of ['1900-01-01T00:00:00Z', '2200-12-31T23:59:59Z']) {
        const response = await world.as.ADMIN.call(LOG, { at, id: accountId });
        expect(response.errors).toBeUndefined();
      }
    });
  });

  describe('days are written YYYY-MM-DD and exist', () => {
    it.each(['2026-W10', '20260301', '2026-060', '2026-03-01T10:00:00Z', '2026-02-30'])(
      'refuses a pilot starting on %s, a position started then and a dashboard period from then',
      async (day) => {
        const pilot = await world.as.ADMIN.call(
          `mutation($id: ID!, $day: String!) { createPilot(input: { accountId: $id, name: "P", integrationKind: API, startDate: $day, endDate: "2026-12-01", creditBudgetUsd: 10 }) { id } }`,
          { id: accountId, day },
        );
        expectRefused(pilot, 'input.startDate');
        expect(pilot.errors?.[0].message).toBe('input.startDate must be a date such as 2026-03-01');
        expectRefused(
          await world.as.ADMIN.call(
            `mutation($id: ID!, $day: String) { addPosition(input: { contactId: $id, accountId: $id, startedOn: $day }) { id } }`,
            { id: UUID, day },
          ),
          'input.startedOn',
        );
        expectRefused(
          await world.as.ADMIN.call(
            `query($day: String!) { funnel(period: { from: $day, to: "2026-12-01" }) { from } }`,
            { day },
          ),
          'period.from',
        );
      },
    );
  });

  it('names the field of an id that is not an id, in contacts, interactions, accounts, usage and dashboards', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [`mutation($v: ID) { createContact(input: { name: "Ana", kind: EXECUTIVE, accountId: $v }) { id } }`, { v: 'x' }, 'input.accountId'],
      [`query($v: ID) { contacts(filter: { accountId: $v }) { totalCount } }`, { v: 'x' }, 'filter.accountId'],
      [
        `mutation($v: [ID!]!) { logInteraction(input: { kind: CALL, occurredAt: "2026-03-01T10:00:00Z", summary: "Call", accountIds: $v }) { interaction { id } } }`,
        { v: [accountId, 'x'] },
        'input.accountIds',
      ],
      [`query($v: ID) { interactions(filter: { memberId: $v }) { totalCount } }`, { v: 'x' }, 'filter.memberId'],
      [`query($v: [ID!]) { accounts(filter: { stageIds: $v }) { totalCount } }`, { v: ['x'] }, 'filter.stageIds'],
      [`query($v: ID) { usageSummary(from: "2026-01-01", to: "2026-01-31", accountId: $v) { totals { events } } }`, { v: 'x' }, 'accountId'],
      [`mutation($v: ID!) { linkGeneratorIdentity(identityId: $v, accountId: $v) { identity { id } } }`, { v: 'x' }, 'identityId'],
    ];
    for (const [query, variables, path] of cases) expectRefused(await world.as.ADMIN.call(query, variables), path);
  });

  it('refuses a criterion target its column cannot hold (1e308), and creates no pilot', async () => {
    const response = await world.as.ADMIN.call(
      `mutation($id: ID!, $target: Float) {
        createPilot(input: { accountId: $id, name: "P", integrationKind: API, startDate: "2026-01-01", endDate: "2026-02-01",
          creditBudgetUsd: 10, criteria: [{ metric: GENERATIONS, comparator: AT_LEAST, target: $target }] }) { id }
      }`,
      { id: accountId, target: 1e308 },
    );
    expectRefused(response, 'input.criteria.0.target');
    const { pilots } = await world.as.ADMIN.data<{ pilots: { totalCount: number } }>(
      `{ pilots { totalCount } }`,
    );
    expect(pilots.totalCount).toBe(0);
  });

  it('refuses amounts written with an exponent that have more decimals than their column (5e-324)', async () => {
    const response = await world.as.ADMIN.call(
      `mutation($id: ID!, $amount: Float) { updateAccount(input: { id: $id, expectedAnnualValue: $amount }) { id } }`,
      { id: accountId, amount: 5e-324 },
    );
    expectRefused(response, 'input.expectedAnnualValue');
    const pilot = await world.as.ADMIN.call(
      `mutation($id: ID!) { createPilot(input: { accountId: $id, name: "P", integrationKind: API, startDate: "2026-01-01",
        endDate: "2026-02-01", creditBudgetUsd: 1e-7 }) { id } }`,
      { id: accountId },
    );
    expectRefused(pilot, 'input.creditBudgetUsd');
  });

  describe('forged cursors', () => {
    it('are refused on every connection of the schema, naming after or before', async () => {
      const schema = api.app.get(GraphQLSchemaHost).schema;
      const connections = Object.values(schema.getQueryType()!.getFields()).filter(
        (field) =>
          field.args.some((arg) => arg.name === 'after') &&
          field.args.every((arg) => !isNonNullType(arg.type) || arg.name === 'after'),
      );
      expect(connections.length).toBeGreaterThanOrEqual(10);
      for (const field of connections) {
        for (const direction of ['after', 'before'].filter((name) =>
          field.args.some((arg) => arg.name === name),
        )) {
          for (const forged of FORGED_CURSORS) {
            const response = await world.as.ADMIN.call(
              `query($c: String) { ${field.name}(${direction}: $c) { __typename } }`,
              { c: forged },
            );
            expect({ field: field.name, errors: response.errors }).toMatchObject({
              field: field.name,
              errors: [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ path: direction }] } }],
            });
          }
        }
      }
    });

    it('are refused on the timeline and the dashboard drill-downs', async () => {
      for (const forged of FORGED_CURSORS) {
        expectRefused(
          await world.as.ADMIN.call(
            `query($id: ID!, $c: String) { account(id: $id) { timeline(after: $c) { totalCount } } }`,
            { id: accountId, c: forged },
          ),
          'after',
        );
        expectRefused(
          await world.as.ADMIN.call(
            `query($c: String) { pipeline { stages { accounts(after: $c) { totalCount } } } }`,
            {
              c: forged,
            },
          ),
          'after',
        );
      }
    });

    it('still accept the cursors the server hands out', async () => {
      await createAccount(world.as.ADMIN, { name: 'Beta Films' });
      const first = await world.as.ADMIN.data<{ accounts: { pageInfo: { endCursor: string } } }>(
        `{ accounts(first: 1) { pageInfo { endCursor } } }`,
      );
      const next = await world.as.ADMIN.data<{ accounts: { edges: unknown[] } }>(
        `query($c: String) { accounts(first: 1, after: $c) { edges { cursor } } }`,
        { c: first.accounts.pageInfo.endCursor },
      );
      expect(next.accounts.edges).toHaveLength(1);
    });
  });

  describe('variable errors are HTTP 400 with BAD_USER_INPUT', () => {
    it.each([
      ['a missing variable', {}, /Variable "\$id" of required type "ID!" was not provided/],
      ['a variable of the wrong type', { id: { x: 1 } }, /Variable "\$id" got invalid value/],
    ])('%s', async (_, variables, message) => {
      const response = await world.as.ADMIN.call(`query($id: ID!) { account(id: $id) { id } }`, variables);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]).toMatchObject({
        message: expect.stringMatching(message),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });

    it('an unknown enum value, and a list where a number belongs, without a token too', async () => {
      for (const [query, variables, headers] of [
        [`query($s: AccountSortField) { accounts(sortBy: $s) { totalCount } }`, { s: 'NOPE' }, true],
        [`query($f: Int) { accounts(first: $f) { totalCount } }`, { f: [1] }, true],
        [`query($f: Int) { accounts(first: $f) { totalCount } }`, { f: 2 ** 40 }, false],
      ] as const) {
        const response = headers
          ? await world.as.ADMIN.call(query, variables)
          : await api.graphql(query, variables);
        expect(response.status).toBe(400);
        expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0].message).toMatch(/^Variable "\$\w+"/);
      }
    });
  });

  it('refuses a fragment cycle sent without a token before the depth limit follows it', async () => {
    const response = await api.graphql(
      `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0]).toMatchObject({
      message: 'Cannot spread fragment "A" within itself via "B".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const unknown = await api.graphql(`query { ...Missing }`);
    expect(unknown.status).toBe(400);
    expect(unknown.errors?.[0].message).toBe('Unknown fragment "Missing".');
    const health = await fetch(`${api.baseUrl}/health/ready`);
    expect(health.status).toBe(200);
  });

  it('refuses fragments that fan out (ten spreads of ten spreads, eight deep) before anything walks them', async () => {
    const levels = 8;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { ${Array(10).fill(`...F${i + 1}`).join(' ')} }`,
    );
    const query = `query { ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { __typename }`;
    // 10^8 fields once expanded: walking them would hold the server's only thread for minutes
    const response = await api.graphql(query);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringContaining('expands to more than 5000 fields'),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const modest = await api.graphql(
      `query { ...A } fragment A on Query { ...B ...B } fragment B on Query { __typename }`,
    );
    expect(modest.status).toBe(200);
    expect(modest.data).toEqual({ __typename: 'Query' });
    const health = await fetch(`${api.baseUrl}/health/ready`);
    expect(health.status).toBe(200);
  });
});
