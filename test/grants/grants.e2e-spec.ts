import { GrantExpiry } from '@greenlight/grants';
import { Role } from '@greenlight/identity';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { badFields, Caller, createAccount, createContact } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { healthWorld, HealthWorld, ingest } from '../health/support';
import { startTestApp, TestApp } from '../support/test-app';
import { waitForRollups } from '../telemetry/rollup-support';
import { createApiKey } from '../telemetry/support';
import { changeGrantStatus, CREATE_GRANT, createGrant, day, entitlements, GRANT_FIELDS } from './support';

describe('access grants', () => {
  let api: TestApp;
  let world: HealthWorld;
  let rep: Caller;

  beforeAll(async () => {
    api = await startTestApp();
    world = await healthWorld(api, 'Grants');
    rep = world.rep;
  });
  afterAll(() => api.close());

  it('gives an account seats and USD credits, records who approved it, and keeps its history', async () => {
    const account = await createAccount(rep, { name: 'Lumen Pictures' });
    const grant = await createGrant(rep, {
      accountId: account.id,
      seats: 5,
      creditUnit: 'USD',
      creditLimit: 500,
      modelTier: 'pro',
      models: ['vidgen-2'],
      expiresOn: day(30),
      notes: 'previs team',
    });
    expect(grant).toMatchObject({
      subjectKind: 'ACCOUNT',
      status: 'OFFERED',
      seats: 5,
      creditUnit: 'USD',
      creditLimit: 500,
      models: ['vidgen-2'],
      accountId: account.id,
      contactId: null,
      approvedBy: { id: world.workspace.members[Role.PARTNERSHIPS].memberId },
      allowedNextStatuses: ['ACTIVE', 'REVOKED'],
      history: [{ fromStatus: null, toStatus: 'OFFERED', reason: 'created' }],
    });

    const active = await changeGrantStatus(rep, grant.id, 'ACTIVE', 'signed the beta terms');
    const paused = await changeGrantStatus(rep, grant.id, 'PAUSED', 'payment dispute');
    expect([active.status, paused.status]).toEqual(['ACTIVE', 'PAUSED']);
    expect(paused.history.map((change: any) => [change.fromStatus, change.toStatus, change.reason])).toEqual([
      ['ACTIVE', 'PAUSED', 'payment dispute'],
      ['OFFERED', 'ACTIVE', 'signed the beta terms'],
      [null, 'OFFERED', 'created'],
    ]);
    const refused = await rep.call(
      `mutation($input: ChangeGrantStatusInput!) { changeGrantStatus(input: $input) { id } }`,
      { input: { id: grant.id, status: 'EXPIRED', reason: 'now' } },
    );
    expect(badFields(refused)).toEqual(['input.status']);

    const { extendGrant } = await rep.data(
      `mutation($input: ExtendGrantInput!) { extendGrant(input: $input) { ${GRANT_FIELDS} } }`,
      { input: { id: grant.id, expiresOn: day(90), creditLimit: 800, reason: 'second shoot' } },
    );
    expect(extendGrant).toMatchObject({ expiresOn: day(90), creditLimit: 800, status: 'PAUSED' });
    expect(extendGrant.history[0]).toMatchObject({
      fromStatus: 'PAUSED',
      toStatus: 'PAUSED',
      expiresOn: day(90),
      reason: 'second shoot',
    });

    const { account: page } = await rep.data(`query($id: ID!) { account(id: $id) { grants { id } } }`, {
      id: account.id,
    });
    expect(page.grants).toEqual([{ id: grant.id }]);
    const [audit] = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM audit_entry WHERE entity = 'grant' AND entity_id = $1`, [
        grant.id,
      ]);
    expect(audit.n).toBe(4);
  });

  it('refuses a grant for both or neither subject, seats for a person, and credits without their unit', async () => {
    const account = await createAccount(rep, { name: 'Refusals Inc' });
    const contact = await createContact(rep, { name: 'Ada Refusal', emails: ['ada@refusals.example'] });
    const attempt = (input: Record<string, unknown>) =>
      rep.call(CREATE_GRANT, { input: { startsOn: day(), ...input } });
    expect(badFields(await attempt({ accountId: account.id, contactId: contact.id }))).toEqual([
      'input.accountId',
    ]);
    expect(badFields(await attempt({}))).toEqual(['input.accountId']);
    expect(badFields(await attempt({ contactId: contact.id, seats: 3 }))).toEqual(['input.seats']);
    expect(badFields(await attempt({ accountId: account.id, creditLimit: 10 }))).toEqual([
      'input.creditUnit',
    ]);
    expect(badFields(await attempt({ accountId: account.id, expiresOn: day(-1) }))).toEqual([
      'input.expiresOn',
    ]);
    expect(badFields(await attempt({ accountId: account.id, status: 'PAUSED' }))).toEqual(['input.status']);
    const executive = await world.as[Role.EXECUTIVE].call(CREATE_GRANT, {
      input: { startsOn: day(), accountId: account.id },
    });
    expect(executive.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { grants } = await world.as[Role.EXECUTIVE].data(`{ grants(first: 100) { totalCount } }`);
    expect(grants.totalCount).toBeGreaterThan(0);
  });

  it("measures an account grant on the account's spend on its models and a contact grant on the person's events", async () => {
    const domain = 'usage-grants.example';
    const account = await createAccount(rep, { name: 'Usage Grants', domains: [domain], tier: 'strategic' });
    const director = await createContact(rep, {
      name: 'Dee Rector',
      emails: [`director@${domain}`],
      accountId: account.id,
    });
    const accountGrant = await createGrant(rep, {
      accountId: account.id,
      status: 'ACTIVE',
      creditUnit: 'USD',
      creditLimit: 10,
      models: ['vidgen-2'],
    });
    const personGrant = await createGrant(rep, {
      contactId: director.id,
      status: 'ACTIVE',
      creditUnit: 'GENERATIONS',
      creditLimit: 100,
    });
    await ingest(api, world.usageKey, domain, 4, 0, { costUsd: 1.75 });
    await ingest(api, world.usageKey, domain, 2, 0, { costUsd: 5, model: 'vidgen-1' });
    await ingest(api, world.usageKey, domain, 3, 0, { userEmail: `director@${domain}`, costUsd: 0.5 });
    await waitForRollups(api.app.get(DataSource));

    const read = async (id: string) =>
      (await rep.data(`query($id: ID!) { grant(id: $id) { ${GRANT_FIELDS} } }`, { id })).grant;
    expect((await read(accountGrant.id)).usage).toEqual({
      events: 7,
      creditsUsed: 8.5,
      creditsLeft: 1.5,
      creditsUsedPercent: 85,
      firstUseOn: day(),
      lastUseOn: day(),
      activated: true,
      dormant: false,
    });
    expect((await read(personGrant.id)).usage).toMatchObject({
      events: 3,
      creditsUsed: 3,
      creditsLeft: 97,
      activated: true,
    });
    const { contact } = await rep.data(`query($id: ID!) { contact(id: $id) { grants { id } } }`, {
      id: director.id,
    });
    expect(contact.grants).toEqual([{ id: personGrant.id }]);
  });

  it("estimates a contact's USD spend as their share of the workspace's events on each day and model", async () => {
    const dataSource = api.app.get(DataSource);
    const domain = 'usd-person.example';
    const emails = [`lead@${domain}`, `lead.alt@${domain}`];
    const account = await createAccount(rep, { name: 'USD Person Studio', domains: [domain] });
    const lead = await createContact(rep, { name: 'Lea Spender', emails, accountId: account.id });
    const grant = await createGrant(rep, {
      contactId: lead.id,
      status: 'ACTIVE',
      startsOn: day(-5),
      creditUnit: 'USD',
      creditLimit: 20,
    });
    // the person's events share days and models with others' of different costs
    await ingest(api, world.usageKey, domain, 3, 0, { userEmail: emails[0], costUsd: 0.5, model: 'usd-share-a' });
    await ingest(api, world.usageKey, domain, 1, 0, { costUsd: 2.5, model: 'usd-share-a' });
    await ingest(api, world.usageKey, domain, 2, 3, { userEmail: emails[1], costUsd: 1, model: 'usd-share-b' });
    await ingest(api, world.usageKey, domain, 2, 3, { costUsd: 4, model: 'usd-share-b' });
    await ingest(api, world.usageKey, domain, 1, 8, { userEmail: emails[0], costUsd: 7, model: 'usd-share-b' });
    await waitForRollups(dataSource);

    // by hand from the raw events: Σ over the grant's days and models of person's events / all events × all spend
    const raw: { day: string; model: string; mine: number; events: number; cost: number }[] = await dataSource.query(
      `SELECT to_char((occurred_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, coalesce(model, '') AS model,
              (count(*) FILTER (WHERE user_email = ANY($2)))::int AS mine, count(*)::int AS events,
              coalesce(sum(cost_usd), 0)::float8 AS cost
         FROM usage_event WHERE workspace_id = (SELECT workspace_id FROM contact WHERE id = $1)
        GROUP BY 1, 2`,
      [lead.id, emails],
    );
    const expected = raw
      .filter((row) => row.day >= day(-5) && row.day <= day())
      .reduce((sum, row) => sum + (row.mine / row.events) * row.cost, 0);
    expect(expected).toBeCloseTo(0.5 * 3 * (3 / 4) + 2.5 * (3 / 4) + ((2 * 1 + 2 * 4) * 2) / 4, 6);

    const { grant: read } = await rep.data(
      `query($id: ID!) { grant(id: $id) { usage { events creditsUsed creditsUsedEstimated creditsLeft creditsUsedPercent firstUseOn } } }`,
      { id: grant.id },
    );
    const used = Math.round(expected * 100) / 100;
    expect(read.usage).toEqual({
      events: 5,
      creditsUsed: used,
      creditsUsedEstimated: true,
      creditsLeft: Math.round((20 - used) * 100) / 100,
      creditsUsedPercent: Math.round((used / 20) * 100),
      firstUseOn: day(-3),
    });

    const admin = await signIn(api, world.workspace.members[Role.ADMIN].email, undefined, world.workspace.slug);
    const key = await createApiKey(api, admin.accessToken, ['ENTITLEMENTS_READ']);
    const answer = await entitlements(api.baseUrl, key, { email: emails[1] });
    expect(answer.body.grants.find((entitled: any) => entitled.id === grant.id).credits).toEqual({
      unit: 'usd',
      limit: 20,
      used,
      left: Math.round((20 - used) * 100) / 100,
      usedEstimated: true,
    });
    const accountGrant = await createGrant(rep, { accountId: account.id, status: 'ACTIVE', creditUnit: 'USD', creditLimit: 5 });
    const { grant: accountRead } = await rep.data(
      `query($id: ID!) { grant(id: $id) { usage { creditsUsedEstimated } } }`,
      { id: accountGrant.id },
    );
    expect(accountRead.usage.creditsUsedEstimated).toBe(false);

    // the export says which figures are estimates
    const csv = await fetch(`${api.baseUrl}/v1/grants.csv`, { headers: { authorization: `Bearer ${admin.accessToken}` } });
    expect(csv.status).toBe(200);
    const exported = new Map(
      (parse(await csv.text(), { columns: true }) as Record<string, string>[]).map((row) => [row.id, row]),
    );
    expect(exported.get(grant.id)).toMatchObject({ creditsUsed: String(used), creditsUsedEstimated: 'yes' });
    expect(exported.get(accountGrant.id)).toMatchObject({ creditsUsedEstimated: 'no' });
  });

  it('calls an active grant started weeks ago without use dormant, and one first used late not activated', async () => {
    const account = await createAccount(rep, { name: 'Sleepy Studio', domains: ['sleepy.example'] });
    const grant = await createGrant(rep, { accountId: account.id, status: 'ACTIVE', startsOn: day(-30) });
    await ingest(api, world.usageKey, 'sleepy.example', 1, 20);
    await waitForRollups(api.app.get(DataSource));
    const { grant: read } = await rep.data(
      `query($id: ID!) { grant(id: $id) { usage { firstUseOn activated dormant } } }`,
      { id: grant.id },
    );
    expect(read.usage).toEqual({ firstUseOn: day(-20), activated: false, dormant: true });
  });

  it('expires grants past their last day on the schedule, and an extension brings one back', async () => {
    const account = await createAccount(rep, { name: 'Expiring Films' });
    const grant = await createGrant(rep, {
      accountId: account.id,
      status: 'ACTIVE',
      startsOn: day(-5),
      expiresOn: day(),
    });
    const expiry = api.app.get(GrantExpiry);
    expect(await expiry.expireDue(new Date())).toBe(0);
    expect(await expiry.expireDue(new Date(Date.now() + 86_400_000))).toBeGreaterThanOrEqual(1);
    const { grant: expired } = await rep.data(`query($id: ID!) { grant(id: $id) { ${GRANT_FIELDS} } }`, {
      id: grant.id,
    });
    expect(expired.status).toBe('EXPIRED');
    expect(expired.history[0]).toMatchObject({ fromStatus: 'ACTIVE', toStatus: 'EXPIRED', by: null });
    const { extendGrant } = await rep.data(
      `mutation($input: ExtendGrantInput!) { extendGrant(input: $input) { status expiresOn } }`,
      { input: { id: grant.id, expiresOn: day(10), reason: 'festival cut' } },
    );
    expect(extendGrant).toEqual({ status: 'ACTIVE', expiresOn: day(10) });
  });

  it('lists grants by status, subject kind, account kind and owner, with the beta-access summary', async () => {
    const owner = world.workspace.members[Role.ACCOUNT_MANAGER].memberId;
    const agency = await createAccount(rep, { name: 'Filter Agency', kind: 'TALENT_AGENCY', ownerId: owner });
    const grant = await createGrant(rep, { accountId: agency.id, status: 'ACTIVE' });
    const list = async (filter: Record<string, unknown>) =>
      (
        await rep.data(
          `query($filter: GrantFilter) { grants(first: 100, filter: $filter) { edges { node { id } } } }`,
          { filter },
        )
      ).grants.edges.map((edge: any) => edge.node.id);
    expect(await list({ accountKinds: ['TALENT_AGENCY'] })).toEqual([grant.id]);
    expect(await list({ ownerId: owner })).toEqual([grant.id]);
    expect(await list({ statuses: ['ACTIVE'], subjectKinds: ['ACCOUNT'] })).toContain(grant.id);
    expect(await list({ statuses: ['REVOKED'] })).not.toContain(grant.id);
    const admin = await signIn(
      api,
      world.workspace.members[Role.ADMIN].email,
      undefined,
      world.workspace.slug,
    );
    expect(admin.accessToken).toBeTruthy();
    const { betaAccessSummary } = await world.as[Role.EXECUTIVE].data(
      `{ betaAccessSummary { granted activated dormant creditsUsedUsd byAccountKind { accountKind granted } } }`,
    );
    expect(betaAccessSummary.byAccountKind).toContainEqual({ accountKind: 'TALENT_AGENCY', granted: 1 });
    expect(betaAccessSummary.granted).toBe(
      betaAccessSummary.byAccountKind.reduce((sum: number, row: any) => sum + row.granted, 0),
    );
  });

  it('sorts grants by start and expiry over keyset pages, and exports the view as CSV', async () => {
    const studio = await createAccount(rep, { name: 'Sorted Studio', kind: 'STUDIO' });
    const later = await createGrant(rep, { accountId: studio.id, startsOn: day(-1), expiresOn: day(20) });
    const sooner = await createGrant(rep, { accountId: studio.id, startsOn: day(-5), expiresOn: day(10) });
    const open = await createGrant(rep, {
      accountId: studio.id,
      startsOn: day(-3),
      creditUnit: 'GENERATIONS',
      creditLimit: 40,
      notes: '=cmd()',
    });
    const pages = async (sortBy: string, sortDirection: string) => {
      const ids: string[] = [];
      let after: string | null = null;
      do {
        const { grants }: any = await rep.data(
          `query($filter: GrantFilter, $sortBy: GrantSortField, $sortDirection: SortDirection, $after: String) {
             grants(first: 2, after: $after, filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection) {
               pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
          { filter: { accountId: studio.id }, sortBy, sortDirection, after },
        );
        ids.push(...grants.edges.map((edge: any) => edge.node.id));
        after = grants.pageInfo.hasNextPage ? grants.pageInfo.endCursor : null;
      } while (after);
      return ids;
    };
    expect(await pages('EXPIRES_ON', 'ASC')).toEqual([sooner.id, later.id, open.id]);
    expect(await pages('EXPIRES_ON', 'DESC')).toEqual([open.id, later.id, sooner.id]);
    expect(await pages('STARTS_ON', 'ASC')).toEqual([sooner.id, open.id, later.id]);
    expect(await pages('CREATED_AT', 'DESC')).toEqual([open.id, sooner.id, later.id]);

    const { accessToken } = await signIn(
      api,
      world.workspace.members[Role.EXECUTIVE].email,
      undefined,
      world.workspace.slug,
    );
    const download = (query: Record<string, string>) =>
      fetch(`${api.baseUrl}/v1/grants.csv?${new URLSearchParams(query)}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
    const response = await download({
      filter: JSON.stringify({ accountId: studio.id, statuses: ['OFFERED'] }),
      sortBy: 'EXPIRES_ON',
      sortDirection: 'ASC',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(/filename="grants-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id)).toEqual([sooner.id, later.id, open.id]);
    expect(rows[2]).toMatchObject({
      subject: 'Sorted Studio',
      subjectKind: 'account',
      status: 'offered',
      creditUnit: 'generations',
      creditLimit: '40',
      creditsUsed: '0',
      creditsUsedEstimated: 'no',
      creditsLeft: '40',
      activated: 'no',
      expiresOn: '',
      notes: "'=cmd()",
    });

    const bad = await download({ filter: JSON.stringify({ statuses: ['GONE'] }), sortBy: 'NAME' });
    expect(bad.status).toBe(400);
    const fields = JSON.stringify(await bad.json());
    expect(fields).toContain('filter.statuses');
    expect(fields).toContain('sortBy');
  });
});
