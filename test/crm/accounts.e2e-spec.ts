import { Role } from '@greenlight/identity';
import { createWorkspace } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { badFields, createAccount, crmWorld, CrmWorld, fieldsWith } from './support';

const ACCOUNTS = `query($filter: AccountFilter, $first: Int, $after: String, $sortBy: AccountSortField, $sortDirection: SortDirection) {
  accounts(filter: $filter, first: $first, after: $after, sortBy: $sortBy, sortDirection: $sortDirection) {
    totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor }
  }
}`;

describe('accounts', () => {
  let api: TestApp;
  let world: CrmWorld;
  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Accounts');
  });
  afterAll(() => api.close());
  const rep = () => world.as[Role.PARTNERSHIPS];

  it('creates an account in the first open stage with its starting transition', async () => {
    const { createAccount: account } = await rep().data(
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) {
        id name kind domains tags currency expectedAnnualValue stage { key } stageHistory { fromStage { key } toStage { key } reason }
        competitors { vendor status } owner { id }
      } }`,
      {
        input: {
          name: '  Nimbus Pictures ',
          kind: 'STUDIO',
          domains: ['NimbusPictures.example', 'nimbus.example'],
          tags: ['tier-1', 'la'],
          expectedAnnualValue: 1250000.5,
          ownerId: world.workspace.members[Role.PARTNERSHIPS].memberId,
          competitors: [{ vendor: 'RivalGen', status: 'EVALUATING' }],
        },
      },
    );
    expect(account).toMatchObject({
      name: 'Nimbus Pictures',
      kind: 'STUDIO',
      domains: ['nimbuspictures.example', 'nimbus.example'],
      currency: 'USD',
      expectedAnnualValue: 1250000.5,
      stage: { key: 'prospect' },
      stageHistory: [{ fromStage: null, toStage: { key: 'prospect' }, reason: 'created' }],
      competitors: [{ vendor: 'RivalGen', status: 'EVALUATING' }],
      owner: { id: world.workspace.members[Role.PARTNERSHIPS].memberId },
    });
  });

  it('refuses bad input with every field named, and creates nothing', async () => {
    const response = await rep().call(
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`,
      {
        input: {
          name: '',
          kind: 'STUDIO',
          website: 'not a url',
          domains: ['ok.example', 'bad domain'],
          expectedAnnualValue: -5,
          currency: 'usd',
        },
      },
    );
    expect(badFields(response).sort()).toEqual([
      'input.currency',
      'input.domains',
      'input.expectedAnnualValue',
      'input.name',
      'input.website',
    ]);
    const { accounts } = await rep().data(ACCOUNTS, { filter: { text: 'bad domain' } });
    expect(accounts.totalCount).toBe(0);
  });

  it('answers NOT_FOUND, naming the field, for an owner from another workspace', async () => {
    const other = await createWorkspace(api, 'Elsewhere');
    const response = await rep().call(
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`,
      {
        input: { name: 'Orbit Media', kind: 'NETWORK', ownerId: other.members[Role.ADMIN].memberId },
      },
    );
    expect(fieldsWith('NOT_FOUND', response)).toEqual(['ownerId']);
  });

  it('refuses a parent that would make a cycle', async () => {
    const group = await createAccount(rep(), { name: 'Helix Media Group' });
    const studio = await createAccount(rep(), { name: 'Helix Studios', parentId: group.id });
    const unit = await createAccount(rep(), { name: 'Helix Animation', parentId: studio.id });
    const update = (id: string, parentId: string) =>
      rep().call(
        `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { id parent { id } } }`,
        { input: { id, parentId } },
      );
    expect(badFields(await update(group.id, unit.id))).toEqual(['parentId']);
    expect(badFields(await update(group.id, group.id))).toEqual(['parentId']);
    const { account } = await rep().data(
      `query($id: ID!) { account(id: $id) { children { name } parent { id } } }`,
      { id: studio.id },
    );
    expect(account).toEqual({ children: [{ name: 'Helix Animation' }], parent: { id: group.id } });
  });

  it('archives and restores, and lists show active accounts unless asked', async () => {
    const account = await createAccount(rep(), { name: 'Quartz Streaming', kind: 'STREAMER' });
    await rep().data(`mutation($id: ID!) { archiveAccount(id: $id) { archivedAt } }`, { id: account.id });
    const active = await rep().data(ACCOUNTS, { filter: { text: 'Quartz' } });
    expect(active.accounts.totalCount).toBe(0);
    const archived = await rep().data(ACCOUNTS, { filter: { text: 'Quartz', archived: true } });
    expect(archived.accounts.edges.map((edge: any) => edge.node.id)).toEqual([account.id]);
    await rep().data(`mutation($id: ID!) { restoreAccount(id: $id) { archivedAt } }`, { id: account.id });
    expect((await rep().data(ACCOUNTS, { filter: { text: 'Quartz' } })).accounts.totalCount).toBe(1);
  });

  it('filters by kind, tag, region and competitor, and pages through sorted results', async () => {
    for (const [i, kind] of ['TALENT_AGENCY', 'TALENT_AGENCY', 'AD_AGENCY'].entries()) {
      const account = await createAccount(rep(), {
        name: `Filter Co ${i}`,
        kind,
        region: i === 0 ? 'EMEA' : 'NA',
        tags: [`t${i}`],
      });
      if (i === 1) {
        await rep().data(
          `mutation($a: ID!) { setAccountCompetitor(accountId: $a, competitor: { vendor: "Lumagen", status: PILOTING }) { id } }`,
          {
            a: account.id,
          },
        );
      }
    }
    const names = async (filter: object) =>
      (await rep().data(ACCOUNTS, { filter: { text: 'Filter Co', ...filter } })).accounts.edges.map(
        (edge: any) => edge.node.name,
      );
    expect(await names({ kinds: ['TALENT_AGENCY'] })).toEqual(['Filter Co 0', 'Filter Co 1']);
    expect(await names({ region: 'emea' })).toEqual(['Filter Co 0']);
    expect(await names({ tags: ['t2'] })).toEqual(['Filter Co 2']);
    expect(await names({ competitor: 'lumagen' })).toEqual(['Filter Co 1']);

    const first = await rep().data(ACCOUNTS, {
      filter: { text: 'Filter Co' },
      first: 2,
      sortBy: 'NAME',
      sortDirection: 'DESC',
    });
    expect(first.accounts.edges.map((edge: any) => edge.node.name)).toEqual(['Filter Co 2', 'Filter Co 1']);
    expect(first.accounts.pageInfo.hasNextPage).toBe(true);
    const second = await rep().data(ACCOUNTS, {
      filter: { text: 'Filter Co' },
      first: 2,
      after: first.accounts.pageInfo.endCursor,
      sortBy: 'NAME',
      sortDirection: 'DESC',
    });
    expect(second.accounts.edges.map((edge: any) => edge.node.name)).toEqual(['Filter Co 0']);
    expect(second.accounts.pageInfo.hasNextPage).toBe(false);
  });

  it('writes every change to the audit log', async () => {
    const account = await createAccount(rep(), { name: 'Audit Trail Films' });
    await rep().data(`mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { id } }`, {
      input: { id: account.id, tier: 'strategic' },
    });
    const { auditEntries } = await world.as[Role.ADMIN].data(
      `query($id: ID!) { auditEntries(entity: "account", entityId: $id) { edges { node { action before after } } } }`,
      { id: account.id },
    );
    const actions = auditEntries.edges.map((edge: any) => edge.node.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'update']));
    const update = auditEntries.edges.find((edge: any) => edge.node.action === 'update').node;
    expect(update.before.tier).toBeNull();
    expect(update.after.tier).toBe('strategic');
  });

  it('answers a partial update with every field of the account, the untouched ones included', async () => {
    const account = await createAccount(rep(), { name: 'Partial Update Pictures', region: 'Lisbon' });
    const { updateAccount } = await rep().data(
      `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { name region tags kind } }`,
      { input: { id: account.id, tags: ['q3-push'] } },
    );
    expect(updateAccount).toEqual({ name: 'Partial Update Pictures', region: 'Lisbon', tags: ['q3-push'], kind: 'STUDIO' });
  });

  it('filters the audit log by who acted and when', async () => {
    const account = await createAccount(rep(), { name: 'Audit Filter Films' });
    const started = new Date().toISOString();
    await world.as[Role.ADMIN].data(`mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { id } }`, {
      input: { id: account.id, tier: 'key' },
    });
    const entries = async (variables: Record<string, unknown>) =>
      (
        await world.as[Role.ADMIN].data(
          `query($id: ID!, $actor: ID, $since: DateTime, $until: DateTime) {
            auditEntries(entity: "account", entityId: $id, actorId: $actor, since: $since, until: $until) { edges { node { action actorMember { id } } } }
          }`,
          { id: account.id, ...variables },
        )
      ).auditEntries.edges.map((edge: any) => [edge.node.action, edge.node.actorMember.id]);
    const repId = world.workspace.members[Role.PARTNERSHIPS].memberId;
    const adminId = world.workspace.members[Role.ADMIN].memberId;
    expect(await entries({ actor: repId })).toEqual([['create', repId]]);
    expect(await entries({ actor: adminId })).toEqual([['update', adminId]]);
    expect(await entries({ since: started })).toEqual([['update', adminId]]);
    expect(await entries({ until: started })).toEqual([['create', repId]]);
  });

  it('lets an executive read but not change accounts', async () => {
    const { accounts } = await world.as[Role.EXECUTIVE].data(ACCOUNTS, { first: 1 });
    expect(accounts.totalCount).toBeGreaterThan(0);
    const response = await world.as[Role.EXECUTIVE].call(
      `mutation { createAccount(input: { name: "Nope", kind: STUDIO }) { id } }`,
    );
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
