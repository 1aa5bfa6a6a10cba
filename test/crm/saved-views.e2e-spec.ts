import { Role } from '@greenlight/identity';
import { startTestApp, TestApp } from '../support/test-app';
import { badFields, crmWorld, CrmWorld } from './support';

const SAVE = `mutation ($input: SaveViewInput!) { saveView(input: $input) { id list name query } }`;
const LIST = `query ($list: ListKind!) { savedViews(list: $list) { id name query } }`;
const DELETE = `mutation ($id: ID!) { deleteSavedView(id: $id) }`;

describe('saved list views', () => {
  let api: TestApp;
  let world: CrmWorld;
  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Saved views');
  });
  afterAll(() => api.close());
  const rep = () => world.as[Role.PARTNERSHIPS];
  const manager = () => world.as[Role.ACCOUNT_MANAGER];

  it('keeps each member’s views per list, by name; the same name replaces the view', async () => {
    const { saveView: studios } = await rep().data(SAVE, {
      input: {
        list: 'ACCOUNTS',
        name: 'Studios by value',
        query: 'kind=STUDIO&sort=EXPECTED_ANNUAL_VALUE&dir=DESC',
      },
    });
    expect(studios).toMatchObject({ list: 'ACCOUNTS', name: 'Studios by value' });
    await rep().data(SAVE, { input: { list: 'ACCOUNTS', name: 'Agencies', query: 'kind=TALENT_AGENCY' } });
    await rep().data(SAVE, { input: { list: 'CONTACTS', name: 'Agents', query: 'kind=AGENT' } });
    const { saveView: replaced } = await rep().data(SAVE, {
      input: { list: 'ACCOUNTS', name: ' Studios by value ', query: 'kind=STUDIO&cols=name,stage' },
    });
    expect(replaced.id).toBe(studios.id);

    const { savedViews } = await rep().data(LIST, { list: 'ACCOUNTS' });
    expect(savedViews.map((view: any) => [view.name, view.query])).toEqual([
      ['Agencies', 'kind=TALENT_AGENCY'],
      ['Studios by value', 'kind=STUDIO&cols=name,stage'],
    ]);
    expect((await manager().data(LIST, { list: 'ACCOUNTS' })).savedViews).toEqual([]);
  });

  it('lets only its member delete a view; others get NOT_FOUND', async () => {
    const { saveView: view } = await rep().data(SAVE, {
      input: { list: 'TASKS', name: 'Overdue', query: 'when=overdue' },
    });
    const foreign = await manager().call(DELETE, { id: view.id });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await rep().data(DELETE, { id: view.id })).deleteSavedView).toBe(true);
    expect((await rep().data(LIST, { list: 'TASKS' })).savedViews).toEqual([]);
  });

  it('lets a read-only executive keep views too', async () => {
    const executive = world.as[Role.EXECUTIVE];
    await executive.data(SAVE, { input: { list: 'INTERACTIONS', name: 'Demos', query: 'kind=DEMO' } });
    expect((await executive.data(LIST, { list: 'INTERACTIONS' })).savedViews).toMatchObject([
      { name: 'Demos' },
    ]);
  });

  it('refuses a blank name or a query that is not an address query, naming the field', async () => {
    const blank = await rep().call(SAVE, { input: { list: 'ACCOUNTS', name: '  ', query: 'kind=STUDIO' } });
    expect(badFields(blank)).toEqual(['input.name']);
    const address = await rep().call(SAVE, { input: { list: 'ACCOUNTS', name: 'X', query: '?kind=STUDIO' } });
    expect(badFields(address)).toEqual(['input.query']);
  });
});
