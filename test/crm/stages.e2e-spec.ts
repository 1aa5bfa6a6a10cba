import { Role } from '@greenlight/identity';
import { print } from 'graphql';
import { AccountPageDocument } from '../../apps/web/src/gql/graphql';
import { requestStatements } from '../support/statements';
import { startTestApp, TestApp } from '../support/test-app';
import { badFields, createAccount, crmWorld, CrmWorld, stageId } from './support';

const MOVE = `mutation($input: MoveAccountStageInput!) { moveAccountStage(input: $input) { id stage { key } } }`;
const HISTORY = `query($id: ID!) { account(id: $id) { stage { key name } stageHistory { fromStage { key name } toStage { key name } reason by { id } } } }`;

describe('stages and the pipeline', () => {
  let api: TestApp;
  let world: CrmWorld;
  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Pipeline');
  });
  afterAll(() => api.close());
  const rep = () => world.as[Role.PARTNERSHIPS];
  const admin = () => world.as[Role.ADMIN];

  it('starts every workspace with the default pipeline', async () => {
    const { stages } = await rep().data('{ stages { key name position category } }');
    expect(stages.map((stage: any) => stage.key)).toEqual([
      'prospect',
      'contacted',
      'engaged',
      'pilot',
      'negotiation',
      'adopted',
      'expanding',
      'paused',
      'lost',
      'churned',
    ]);
    expect(stages.map((stage: any) => stage.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(stages.find((stage: any) => stage.key === 'churned').category).toBe('LOST');
  });

  it('moves an account with a reason, recording who moved it, back and forth', async () => {
    const account = await createAccount(rep(), { name: 'Vela Studios' });
    await rep().data(MOVE, {
      input: { accountId: account.id, stageId: await stageId(rep(), 'pilot'), reason: 'signed the pilot' },
    });
    await rep().data(MOVE, {
      input: { accountId: account.id, stageId: await stageId(rep(), 'engaged'), reason: 'pilot postponed' },
    });
    const { account: moved } = await rep().data(HISTORY, { id: account.id });
    expect(moved.stage.key).toBe('engaged');
    expect(moved.stageHistory.map((t: any) => [t.fromStage?.key ?? null, t.toStage.key, t.reason])).toEqual([
      ['pilot', 'engaged', 'pilot postponed'],
      ['prospect', 'pilot', 'signed the pilot'],
      [null, 'prospect', 'created'],
    ]);
    expect(moved.stageHistory[0].by.id).toBe(world.workspace.members[Role.PARTNERSHIPS].memberId);

    const same = await rep().call(MOVE, {
      input: { accountId: account.id, stageId: await stageId(rep(), 'engaged') },
    });
    expect(badFields(same)).toEqual(['stageId']);
  });

  it('keeps history intact when a stage is renamed and reordered', async () => {
    const account = await createAccount(rep(), { name: 'Corvid Films' });
    const negotiation = await stageId(rep(), 'negotiation');
    await rep().data(MOVE, { input: { accountId: account.id, stageId: negotiation, reason: 'terms sent' } });
    await admin().data(`mutation($input: UpdateStageInput!) { updateStage(input: $input) { id } }`, {
      input: { id: negotiation, name: 'Commercial terms' },
    });
    const { stages } = await admin().data('{ stages { id key } }');
    const reversed = stages.map((stage: any) => stage.id).reverse();
    const { reorderStages } = await admin().data(
      `mutation($ids: [ID!]!) { reorderStages(stageIds: $ids) { key position } }`,
      { ids: reversed },
    );
    expect(reorderStages[0]).toEqual({ key: 'churned', position: 1 });

    const { account: after } = await rep().data(HISTORY, { id: account.id });
    expect(after.stage).toEqual({ key: 'negotiation', name: 'Commercial terms' });
    expect(after.stageHistory[0].toStage).toEqual({ key: 'negotiation', name: 'Commercial terms' });
    await admin().data(`mutation($ids: [ID!]!) { reorderStages(stageIds: $ids) { key } }`, {
      ids: stages.map((stage: any) => stage.id),
    });
  });

  it('refuses to delete a stage that holds accounts unless they move, then archives it to keep history', async () => {
    const { createStage } = await admin().data(
      `mutation { createStage(input: { name: "Legal review", category: OPEN, position: 5 }) { id key position } }`,
    );
    expect(createStage).toMatchObject({ key: 'legal_review', position: 5 });
    const account = await createAccount(rep(), { name: 'Lynx Pictures' });
    await rep().data(MOVE, { input: { accountId: account.id, stageId: createStage.id } });

    const refused = await admin().call(`mutation($id: ID!) { deleteStage(id: $id) }`, { id: createStage.id });
    expect(badFields(refused)).toEqual(['moveAccountsTo']);
    expect(refused.errors?.[0].message).toContain('holds 1 account');

    const negotiation = await stageId(rep(), 'negotiation');
    await admin().data(`mutation($id: ID!, $to: ID) { deleteStage(id: $id, moveAccountsTo: $to) }`, {
      id: createStage.id,
      to: negotiation,
    });
    const { account: moved } = await rep().data(HISTORY, { id: account.id });
    expect(moved.stage.key).toBe('negotiation');
    expect(moved.stageHistory[0].fromStage.key).toBe('legal_review');
    const { stages } = await rep().data('{ stages { key position } }');
    expect(stages.map((stage: any) => stage.key)).not.toContain('legal_review');
    expect(stages.map((stage: any) => stage.position)).toEqual(stages.map((_: unknown, i: number) => i + 1));
  });

  it('leaves stage definitions to admins and moves to non-executives', async () => {
    const denied = await rep().call(
      `mutation { createStage(input: { name: "Mine", category: OPEN }) { id } }`,
    );
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const account = await createAccount(rep(), { name: 'Executive Watch' });
    const executive = await world.as[Role.EXECUTIVE].call(MOVE, {
      input: { accountId: account.id, stageId: await stageId(rep(), 'pilot') },
    });
    expect(executive.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('counts accounts per stage', async () => {
    const { stages } = await rep().data('{ stages { key accountCount } }');
    const total = stages.reduce((sum: number, stage: any) => sum + stage.accountCount, 0);
    const { accounts } = await rep().data('{ accounts { totalCount } }');
    expect(total).toBe(accounts.totalCount);
  });

  it('reads the stages once for the account page: the account\'s stage and the pipeline alike', async () => {
    const account = await createAccount(rep(), { name: 'Larkspur Media' });
    let page: any;
    const statements = await requestStatements(async () => (page = await rep().data(print(AccountPageDocument), { id: account.id })));
    expect(page.account.stage).toMatchObject({ name: expect.any(String) });
    expect(page.stages.map((stage: any) => stage.id)).toContain(page.account.stage.id);
    expect(statements.filter((statement) => /FROM "stage"/.test(statement.sql))).toHaveLength(1);
  });
});
