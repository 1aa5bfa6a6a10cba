import { Role } from '@greenlight/identity';
import { parse } from 'csv-parse/sync';
import { signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createAccount, crmWorld, CrmWorld } from './support';

/** Every page of a connection, `first` at a time, following its end cursors. */
async function allPages(read: (after: string | null) => Promise<any>): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await read(after);
    seen.push(...page.edges.map((edge: any) => edge.node.title ?? edge.node.summary));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
}

describe('ordering the task and interaction lists', () => {
  let api: TestApp;
  let world: CrmWorld;
  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Order');
    const rep = world.as[Role.PARTNERSHIPS];
    const account = await createAccount(rep, { name: 'Ordering Pictures' });
    for (const [title, dueAt] of [
      ['banana', '2031-01-03T00:00:00Z'],
      ['Apple', '2031-01-02T00:00:00Z'],
      ['cherry', null],
      ['apricot', '2031-01-01T00:00:00Z'],
    ])
      await rep.data(
        `mutation ($t: String!, $d: DateTime) { createTask(input: { title: $t, dueAt: $d }) { id } }`,
        {
          t: title,
          d: dueAt,
        },
      );
    for (const [summary, occurredAt] of [
      ['second call', '2030-02-02T10:00:00Z'],
      ['first call', '2030-01-01T10:00:00Z'],
      ['third call', '2030-03-03T10:00:00Z'],
    ])
      await rep.data(
        `mutation ($s: String!, $at: DateTime!, $a: ID!) { logInteraction(input: { kind: CALL, summary: $s, occurredAt: $at, accountIds: [$a] }) { interaction { id } } }`,
        { s: summary, at: occurredAt, a: account.id },
      );
  });
  afterAll(() => api.close());
  const rep = () => world.as[Role.PARTNERSHIPS];

  const tasks = (sortBy?: string, sortDirection?: string) =>
    allPages(
      async (after) =>
        (
          await rep().data(
            `query ($after: String, $by: TaskSortField, $dir: SortDirection) { tasks(first: 2, after: $after, sortBy: $by, sortDirection: $dir) { pageInfo { hasNextPage endCursor } edges { node { title } } } }`,
            { after, by: sortBy, dir: sortDirection },
          )
        ).tasks,
    );

  it('orders tasks by due date (undated last), title in any case or creation, both ways, across keyset pages', async () => {
    expect(await tasks()).toEqual(['apricot', 'Apple', 'banana', 'cherry']);
    expect(await tasks('TITLE')).toEqual(['Apple', 'apricot', 'banana', 'cherry']);
    expect(await tasks('TITLE', 'DESC')).toEqual(['cherry', 'banana', 'apricot', 'Apple']);
    expect(await tasks('CREATED_AT', 'DESC')).toEqual(['apricot', 'cherry', 'Apple', 'banana']);
  });

  it('orders interactions newest first by default, or oldest first', async () => {
    const interactions = (sortDirection?: string) =>
      allPages(
        async (after) =>
          (
            await rep().data(
              `query ($after: String, $dir: SortDirection) { interactions(first: 2, after: $after, sortBy: OCCURRED_AT, sortDirection: $dir) { pageInfo { hasNextPage endCursor } edges { node { summary } } } }`,
              { after, dir: sortDirection },
            )
          ).interactions,
      );
    expect(await interactions()).toEqual(['third call', 'second call', 'first call']);
    expect(await interactions('ASC')).toEqual(['first call', 'second call', 'third call']);
  });

  it('exports tasks in the order asked for', async () => {
    const { accessToken } = await signIn(
      api,
      world.workspace.members[Role.PARTNERSHIPS].email,
      undefined,
      world.workspace.slug,
    );
    const response = await fetch(`${api.baseUrl}/v1/exports/tasks.csv?sortBy=TITLE&sortDirection=DESC`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(response.status).toBe(200);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.title ?? row.Title)).toEqual(['cherry', 'banana', 'apricot', 'Apple']);
  });
});
