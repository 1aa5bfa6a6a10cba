import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { badFields, createAccount, crmWorld, CrmWorld, fieldsWith } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import { changeStatus, CREATE_PILOT, createPilot, day, PILOT_FIELDS } from './support';

describe('pilots', () => {
  let api: TestApp;
  let world: CrmWorld;
  let accountId: string;

  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Pilots');
    accountId = (await createAccount(world.as[Role.ACCOUNT_MANAGER], { name: 'Northlight Studios' })).id;
  });
  afterAll(() => api.close());

  const am = () => world.as[Role.ACCOUNT_MANAGER];

  it('creates a PROPOSED pilot owned by its creator, with a first status-history entry', async () => {
    const pilot = await am().data<any>(CREATE_PILOT, {
      input: {
        accountId,
        name: '  Editing suite trial ',
        integrationKind: 'EDITING_SUITE_PLUGIN',
        startDate: '2026-03-01',
        endDate: '2026-04-15',
        creditBudgetUsd: 12500.5,
        notes: 'Two editors on the promo team',
        criteria: [
          { metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 400 },
          { metric: 'MANUAL', label: 'Head of post signs off' },
        ],
      },
    });
    expect(pilot.createPilot).toMatchObject({
      name: 'Editing suite trial',
      integrationKind: 'EDITING_SUITE_PLUGIN',
      status: 'PROPOSED',
      startDate: '2026-03-01',
      endDate: '2026-04-15',
      creditBudgetUsd: 12500.5,
      notes: 'Two editors on the promo team',
      archivedAt: null,
      allowedNextStatuses: ['SCOPING', 'ACTIVE', 'FAILED'],
      account: { id: accountId, name: 'Northlight Studios' },
      owner: { id: world.workspace.members[Role.ACCOUNT_MANAGER].memberId },
    });
    const { pilot: read } = await am().data<any>(
      `query($id: ID!) { pilot(id: $id) { id criteriaTotal
        criteria { metric comparator target label manualMet evaluationWindow { from to } }
        statusHistory { fromStatus toStatus reason by { id } } } }`,
      { id: pilot.createPilot.id },
    );
    expect(read.criteriaTotal).toBe(2);
    expect(read.criteria).toEqual([
      {
        metric: 'GENERATIONS',
        comparator: 'AT_LEAST',
        target: 400,
        label: null,
        manualMet: null,
        evaluationWindow: { from: '2026-03-01', to: '2026-04-15' },
      },
      {
        metric: 'MANUAL',
        comparator: null,
        target: null,
        label: 'Head of post signs off',
        manualMet: null,
        evaluationWindow: { from: '2026-03-01', to: '2026-04-15' },
      },
    ]);
    expect(read.statusHistory).toEqual([
      {
        fromStatus: null,
        toStatus: 'PROPOSED',
        reason: 'created',
        by: { id: world.workspace.members[Role.ACCOUNT_MANAGER].memberId },
      },
    ]);
  });

  it('names every bad field of a create as input.<field>', async () => {
    const response = await am().call(CREATE_PILOT, {
      input: {
        accountId,
        name: '',
        integrationKind: 'API',
        startDate: '2026-13-01',
        endDate: 'soon',
        creditBudgetUsd: -5,
        criteria: [{ metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 0 }],
      },
    });
    expect(badFields(response).sort()).toEqual(
      ['input.name', 'input.startDate', 'input.endDate', 'input.creditBudgetUsd', 'input.criteria.0.target'].sort(),
    );
    expect(response.errors![0].message).toContain('input.creditBudgetUsd must be positive');

    const backwards = await am().call(CREATE_PILOT, {
      input: { accountId, name: 'Backwards', integrationKind: 'API', startDate: '2026-05-01', endDate: '2026-05-01', creditBudgetUsd: 10 },
    });
    expect(badFields(backwards)).toEqual(['input.endDate']);
    expect(backwards.errors![0].message).toBe('input.endDate must be after input.startDate (2026-05-01 is not after 2026-05-01)');

    const criteria = await am().call(CREATE_PILOT, {
      input: {
        accountId,
        name: 'Bad criteria',
        integrationKind: 'API',
        startDate: '2026-05-01',
        endDate: '2026-06-01',
        creditBudgetUsd: 10,
        criteria: [
          { metric: 'SUCCESS_RATE', comparator: 'AT_LEAST', target: 95 },
          { metric: 'MANUAL', target: 3 },
          { metric: 'VIDEO_SECONDS' },
          { metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 5, windowStart: '2026-05-20', windowEnd: '2026-05-10' },
        ],
      },
    });
    expect(badFields(criteria)).toEqual([
      'input.criteria.0.target',
      'input.criteria.1.target',
      'input.criteria.1.label',
      'input.criteria.2.comparator',
      'input.criteria.2.target',
      'input.criteria.3.windowEnd',
    ]);
    const missing = await am().call(CREATE_PILOT, {
      input: { accountId: '00000000-0000-4000-8000-000000000000', name: 'X', integrationKind: 'API', startDate: '2026-05-01', endDate: '2026-06-01', creditBudgetUsd: 10 },
    });
    expect(fieldsWith('NOT_FOUND', missing)).toEqual(['input.accountId']);
    const { pilots } = await am().data<any>('{ pilots(filter: { text: "Bad criteria" }) { totalCount } }');
    expect(pilots.totalCount).toBe(0);
  });

  it('updates a pilot, checking the dates against the stored ones', async () => {
    const pilot = await createPilot(am(), { accountId, name: 'Update me', startDate: '2026-06-01', endDate: '2026-07-01' });
    const UPDATE = `mutation($input: UpdatePilotInput!) { updatePilot(input: $input) { ${PILOT_FIELDS} } }`;
    const updated = await am().data<any>(UPDATE, {
      input: { id: pilot.id, name: 'Updated', endDate: '2026-07-15', creditBudgetUsd: 9000, integrationKind: 'CREATIVE_SPRINT', ownerId: null },
    });
    expect(updated.updatePilot).toMatchObject({
      name: 'Updated',
      endDate: '2026-07-15',
      creditBudgetUsd: 9000,
      integrationKind: 'CREATIVE_SPRINT',
      owner: null,
    });
    const early = await am().call(UPDATE, { input: { id: pilot.id, endDate: '2026-05-01' } });
    expect(badFields(early)).toEqual(['input.endDate']);
    const budget = await am().call(UPDATE, { input: { id: pilot.id, creditBudgetUsd: 0 } });
    expect(badFields(budget)).toEqual(['input.creditBudgetUsd']);
    const stranger = await am().call(UPDATE, { input: { id: pilot.id, ownerId: '00000000-0000-4000-8000-000000000000' } });
    expect(fieldsWith('NOT_FOUND', stranger)).toEqual(['input.ownerId']);
  });

  it('moves through the state machine, keeps the history and refuses other moves naming input.status', async () => {
    const pilot = await createPilot(am(), { accountId, name: 'Lifecycle' });
    expect((await changeStatus(am(), pilot.id, 'SCOPING', 'Kick-off held')).data).toEqual({
      changePilotStatus: { id: pilot.id, status: 'SCOPING' },
    });
    await changeStatus(am(), pilot.id, 'ACTIVE');
    const refused = await changeStatus(am(), pilot.id, 'PROPOSED');
    expect(badFields(refused)).toEqual(['input.status']);
    expect(refused.errors![0].message).toBe(
      'input.status cannot change from ACTIVE to PROPOSED: from ACTIVE a pilot can go to PAUSED, SUCCEEDED, FAILED, CONVERTED',
    );
    await changeStatus(am(), pilot.id, 'SUCCEEDED', 'All criteria met');
    await changeStatus(am(), pilot.id, 'CONVERTED', 'Annual deal signed');
    const final = await changeStatus(am(), pilot.id, 'ACTIVE');
    expect(final.errors![0].message).toContain('CONVERTED is final');
    const { pilot: read } = await am().data<any>(
      'query($id: ID!) { pilot(id: $id) { status allowedNextStatuses statusHistory { fromStatus toStatus reason by { id } } } }',
      { id: pilot.id },
    );
    expect(read.status).toBe('CONVERTED');
    expect(read.allowedNextStatuses).toEqual([]);
    expect(read.statusHistory.map((c: any) => [c.fromStatus, c.toStatus, c.reason])).toEqual([
      ['SUCCEEDED', 'CONVERTED', 'Annual deal signed'],
      ['ACTIVE', 'SUCCEEDED', 'All criteria met'],
      ['SCOPING', 'ACTIVE', null],
      ['PROPOSED', 'SCOPING', 'Kick-off held'],
      [null, 'PROPOSED', 'created'],
    ]);
    const audit = await world.as[Role.ADMIN].data<any>(
      'query($id: ID!) { auditEntries(entityId: $id) { edges { node { action before after } } } }',
      { id: pilot.id },
    );
    const actions = audit.auditEntries.edges.map((edge: any) => edge.node.action);
    expect(actions.filter((action: string) => action === 'change_status')).toHaveLength(4);
    expect(actions).toContain('create');
  });

  it('adds, updates, removes criteria and lets a member settle MANUAL ones', async () => {
    const pilot = await createPilot(am(), { accountId, name: 'Criteria', startDate: '2026-08-01', endDate: '2026-08-31' });
    const ADD = `mutation($input: AddPilotCriterionInput!) { addPilotCriterion(input: $input) {
      id metric comparator target label windowStart windowEnd evaluationWindow { from to } manualMet manualSetBy { id } } }`;
    const added = await am().data<any>(ADD, {
      input: { pilotId: pilot.id, metric: 'SUCCESS_RATE', comparator: 'AT_LEAST', target: 0.95, windowStart: '2026-08-10' },
    });
    expect(added.addPilotCriterion).toMatchObject({
      metric: 'SUCCESS_RATE',
      target: 0.95,
      windowStart: '2026-08-10',
      windowEnd: null,
      evaluationWindow: { from: '2026-08-10', to: '2026-08-31' },
    });
    const tooHigh = await am().call(ADD, { input: { pilotId: pilot.id, metric: 'SUCCESS_RATE', comparator: 'AT_LEAST', target: 1.5 } });
    expect(badFields(tooHigh)).toEqual(['input.target']);
    const negative = await am().call(ADD, { input: { pilotId: pilot.id, metric: 'GENERATIONS', comparator: 'AT_LEAST', target: -1 } });
    expect(badFields(negative)).toEqual(['input.target']);
    const noPilot = await am().call(ADD, {
      input: { pilotId: '00000000-0000-4000-8000-000000000000', metric: 'MANUAL', label: 'x' },
    });
    expect(fieldsWith('NOT_FOUND', noPilot)).toEqual(['input.pilotId']);

    const UPDATE = `mutation($input: UpdatePilotCriterionInput!) { updatePilotCriterion(input: $input) { id metric comparator target label } }`;
    const updated = await am().data<any>(UPDATE, { input: { id: added.addPilotCriterion.id, target: 0.9 } });
    expect(updated.updatePilotCriterion).toMatchObject({ metric: 'SUCCESS_RATE', target: 0.9 });
    const toManual = await am().call(UPDATE, { input: { id: added.addPilotCriterion.id, metric: 'MANUAL' } });
    expect(badFields(toManual)).toEqual(['input.label']);
    const manual = await am().data<any>(UPDATE, {
      input: { id: added.addPilotCriterion.id, metric: 'MANUAL', label: 'Legal approves the outputs' },
    });
    expect(manual.updatePilotCriterion).toEqual({
      id: added.addPilotCriterion.id,
      metric: 'MANUAL',
      comparator: null,
      target: null,
      label: 'Legal approves the outputs',
    });

    const SET = `mutation($id: ID!, $met: Boolean!) { setManualCriterion(id: $id, met: $met) { manualMet manualSetAt manualSetBy { id } met progress currentValue trend { direction } } }`;
    const set = await am().data<any>(SET, { id: added.addPilotCriterion.id, met: true });
    expect(set.setManualCriterion).toMatchObject({
      manualMet: true,
      manualSetBy: { id: world.workspace.members[Role.ACCOUNT_MANAGER].memberId },
      met: true,
      progress: 1,
      currentValue: null,
      trend: null,
    });
    const generations = await am().data<any>(ADD, {
      input: { pilotId: pilot.id, metric: 'GENERATIONS', comparator: 'AT_LEAST', target: 10 },
    });
    const notManual = await am().call(SET, { id: generations.addPilotCriterion.id, met: true });
    expect(badFields(notManual)).toEqual(['id']);
    expect(notManual.errors![0].message).toContain('only MANUAL criteria are set by hand');

    const { pilot: before } = await am().data<any>('query($id: ID!) { pilot(id: $id) { criteriaMet criteriaTotal } }', { id: pilot.id });
    expect(before).toEqual({ criteriaMet: 1, criteriaTotal: 2 });
    const removed = await am().data<any>('mutation($id: ID!) { removePilotCriterion(id: $id) }', {
      id: generations.addPilotCriterion.id,
    });
    expect(removed.removePilotCriterion).toBe(true);
    const { pilot: after } = await am().data<any>('query($id: ID!) { pilot(id: $id) { criteriaTotal } }', { id: pilot.id });
    expect(after.criteriaTotal).toBe(1);
    const again = await am().call('mutation($id: ID!) { removePilotCriterion(id: $id) }', { id: generations.addPilotCriterion.id });
    expect(again.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('archives and restores, lists with filters and sorting, and shows pilots on the account', async () => {
    const other = (await createAccount(am(), { name: 'Filter Films' })).id;
    const a = await createPilot(am(), { accountId: other, name: 'Filter A', startDate: '2026-01-01', endDate: '2026-02-01' });
    const b = await createPilot(am(), { accountId: other, name: 'Filter B', startDate: '2026-01-01', endDate: '2026-03-01', creditBudgetUsd: 100 });
    const c = await createPilot(am(), {
      accountId: other,
      name: 'Filter C',
      startDate: '2026-01-01',
      endDate: '2026-04-01',
      creditBudgetUsd: 7000,
      ownerId: world.workspace.members[Role.PARTNERSHIPS].memberId,
    });
    await changeStatus(am(), b.id, 'ACTIVE');
    const LIST = `query($filter: PilotFilter, $sortBy: PilotSortField, $dir: SortDirection) {
      pilots(filter: $filter, sortBy: $sortBy, sortDirection: $dir, first: 50) { totalCount edges { node { name } } } }`;
    const names = async (filter: Record<string, unknown>, sortBy?: string, dir?: string) =>
      (await am().data<any>(LIST, { filter: { accountId: other, ...filter }, sortBy, dir })).pilots.edges.map(
        (edge: any) => edge.node.name,
      );
    expect(await names({})).toEqual(['Filter A', 'Filter B', 'Filter C']);
    expect(await names({}, 'END_DATE', 'DESC')).toEqual(['Filter C', 'Filter B', 'Filter A']);
    expect(await names({}, 'CREDIT_BUDGET', 'ASC')).toEqual(['Filter B', 'Filter A', 'Filter C']);
    expect(await names({ statuses: ['ACTIVE'] })).toEqual(['Filter B']);
    expect(await names({ ownerId: world.workspace.members[Role.PARTNERSHIPS].memberId })).toEqual(['Filter C']);
    expect(await names({ endingBefore: '2026-03-01' })).toEqual(['Filter A', 'Filter B']);
    expect(await names({ endingAfter: '2026-03-01' })).toEqual(['Filter B', 'Filter C']);

    const archived = await am().data<any>('mutation($id: ID!) { archivePilot(id: $id) { archivedAt } }', { id: a.id });
    expect(archived.archivePilot.archivedAt).not.toBeNull();
    expect(await names({})).toEqual(['Filter B', 'Filter C']);
    expect(await names({ archived: true })).toEqual(['Filter A']);
    const { account } = await am().data<any>('query($id: ID!) { account(id: $id) { pilots { name status } } }', { id: other });
    expect(account.pilots).toEqual([
      { name: 'Filter C', status: 'PROPOSED' },
      { name: 'Filter B', status: 'ACTIVE' },
    ]);
    const restored = await am().data<any>('mutation($id: ID!) { restorePilot(id: $id) { archivedAt } }', { id: a.id });
    expect(restored.restorePilot.archivedAt).toBeNull();
    expect(await names({})).toEqual(['Filter A', 'Filter B', 'Filter C']);
    const page = await am().data<any>(
      `query($after: String) { pilots(first: 2, after: $after, filter: { accountId: "${other}" }) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(page.pilots.pageInfo.hasNextPage).toBe(true);
    const rest = await am().data<any>(
      `query($after: String) { pilots(first: 2, after: $after, filter: { accountId: "${other}" }) { edges { node { name } } pageInfo { hasNextPage } } }`,
      { after: page.pilots.pageInfo.endCursor },
    );
    expect(rest.pilots.edges.map((edge: any) => edge.node.name)).toEqual(['Filter C']);
    expect(c.status).toBe('PROPOSED');
  });

  it('reports calendar progress: days left and the share elapsed', async () => {
    const running = await createPilot(am(), { accountId, name: 'Calendar', startDate: day(-10), endDate: day(9) });
    const { pilot } = await am().data<any>('query($id: ID!) { pilot(id: $id) { daysLeft elapsedShare } }', { id: running.id });
    expect(pilot).toEqual({ daysLeft: 10, elapsedShare: 0.5 });
  });

  it('lets EXECUTIVE read pilots but change nothing', async () => {
    const pilot = await createPilot(am(), { accountId, name: 'Read only' });
    const exec = world.as[Role.EXECUTIVE];
    expect((await exec.data<any>('query($id: ID!) { pilot(id: $id) { name } }', { id: pilot.id })).pilot.name).toBe('Read only');
    const refused = await changeStatus(exec, pilot.id, 'SCOPING');
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const rows = await api.app.get(DataSource).query('SELECT status FROM pilot WHERE id = $1', [pilot.id]);
    expect(rows).toEqual([{ status: 'proposed' }]);
  });
});
