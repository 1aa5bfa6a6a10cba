import { Role } from '@greenlight/identity';
import { parse } from 'csv-parse/sync';
import { createWorkspace, signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { callerFor, createAccount, createContact, crmWorld, CrmWorld } from './support';

describe('CSV import and export', () => {
  let api: TestApp;
  let world: CrmWorld;
  let adminToken: string;
  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Imports');
    adminToken = (
      await signIn(api, world.workspace.members[Role.ADMIN].email, undefined, world.workspace.slug)
    ).accessToken;
  });
  afterAll(() => api.close());

  const upload = async (kind: string, csv: string, query = '', token = adminToken, type = 'text/csv') => {
    const response = await fetch(`${api.baseUrl}/v1/imports/${kind}${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: csv,
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('imports HubSpot-style accounts, reporting bad rows by line and keeping the good ones', async () => {
    const csv = [
      'Company name,Company Domain Name,Type,City,Annual Revenue,Company owner,Ignored column',
      `Glasswing Pictures,glasswing.example,Studio,Los Angeles,"1,200,000",${world.workspace.members[Role.PARTNERSHIPS].email},x`,
      'Riverbend Stream,riverbend.example,streaming,Toronto,300000,,y',
      ',nameless.example,Studio,,,,',
      'Bad Domain Co,not a domain,Studio,,,,',
      'Money Pit Films,moneypit.example,Studio,,-5,,',
      'Who Owns Me,owner.example,Studio,,,stranger@nowhere.example,',
    ].join('\n');
    const dry = await upload('accounts', csv, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 6, created: 2, updated: 0, failed: 4 });
    const before = await world.as[Role.PARTNERSHIPS].data(
      `{ accounts(filter: { text: "Glasswing" }) { totalCount } }`,
    );
    expect(before.accounts.totalCount).toBe(0);

    const { body } = await upload('accounts', csv);
    expect(body).toMatchObject({
      dryRun: false,
      rows: 6,
      created: 2,
      failed: 4,
      ignoredColumns: ['Ignored column'],
    });
    expect(body.errors).toEqual([
      { line: 4, field: 'name', message: 'name is required' },
      { line: 5, field: 'domains', message: '"not a domain" is not a domain name' },
      { line: 6, field: 'expectedAnnualValue', message: expect.stringContaining('not an amount') },
      { line: 7, field: 'owner', message: expect.stringContaining('stranger@nowhere.example') },
    ]);
    const { accounts } = await world.as[Role.PARTNERSHIPS].data(
      `{ accounts(filter: { text: "Glasswing" }) { edges { node { name kind region domains expectedAnnualValue owner { id } stage { key } stageHistory { reason } } } } }`,
    );
    expect(accounts.edges[0].node).toEqual({
      name: 'Glasswing Pictures',
      kind: 'STUDIO',
      region: 'Los Angeles',
      domains: ['glasswing.example'],
      expectedAnnualValue: 1200000,
      owner: { id: world.workspace.members[Role.PARTNERSHIPS].memberId },
      stage: { key: 'prospect' },
      stageHistory: [{ reason: 'imported' }],
    });

    // Upsert: the same domain updates rather than duplicating.
    const again = await upload(
      'accounts',
      'Account Name,Website,Tier\nGlasswing Pictures Inc.,https://www.glasswing.example/about,strategic\n',
    );
    expect(again.body).toMatchObject({ created: 0, updated: 1, failed: 0 });
    const { accounts: after } = await world.as[Role.PARTNERSHIPS].data(
      `{ accounts(filter: { text: "glasswing.example" }) { edges { node { name tier } } } }`,
    );
    expect(after.edges).toEqual([{ node: { name: 'Glasswing Pictures', tier: 'strategic' } }]);
  });

  it('gives a new workspace its pipeline on its first import, and records who imported each account', async () => {
    const fresh = await createWorkspace(api, 'First import');
    const token = (await signIn(api, fresh.members[Role.ADMIN].email, undefined, fresh.slug)).accessToken;
    const { body } = await upload('accounts', 'Name,Stage\nDawn Pictures,\nDusk Pictures,Pilot\n', '', token);
    expect(body).toMatchObject({ created: 2, failed: 0 });
    const { accounts } = await callerFor(api, token).data(
      `{ accounts(sortBy: NAME) { edges { node { name stage { key } stageHistory { fromStage { key } toStage { key } reason by { id } } } } } }`,
    );
    const by = { id: fresh.members[Role.ADMIN].memberId };
    expect(accounts.edges.map((edge: any) => edge.node)).toEqual([
      {
        name: 'Dawn Pictures',
        stage: { key: 'prospect' },
        stageHistory: [{ fromStage: null, toStage: { key: 'prospect' }, reason: 'imported', by }],
      },
      {
        name: 'Dusk Pictures',
        stage: { key: 'pilot' },
        stageHistory: [{ fromStage: null, toStage: { key: 'pilot' }, reason: 'imported', by }],
      },
    ]);
  });

  it('imports contacts by e-mail, linking them to their company, and interactions to accounts', async () => {
    await createAccount(world.as[Role.PARTNERSHIPS], {
      name: 'Copperline Studios',
      domains: ['copperline.example'],
    });
    const contacts = [
      'First Name,Last Name,Email,Job Title,Company Name',
      'Ana,Ferreira,ana@copperline.example,Head of Post,Copperline Studios',
      'Ben,Osei,ben@copperline.example,Producer,',
      'Cy,Nobody,cy@nowhere.example,Writer,Unknown Co',
      'Dee,Broken,not-an-email,,',
    ].join('\n');
    const { body } = await upload('contacts', contacts);
    expect(body).toMatchObject({ created: 2, failed: 2 });
    expect(body.errors.map((error: any) => [error.line, error.field])).toEqual([
      [4, 'company'],
      [5, 'email'],
    ]);
    const update = await upload(
      'contacts',
      'Email,Name,Phone\nANA@copperline.example,Ana Ferreira-Lopes,+1 323 555 0101\n',
    );
    expect(update.body).toMatchObject({ created: 0, updated: 1 });

    const interactions = [
      'Activity Date,Activity Type,Subject,Notes,Company,Contact Emails',
      '2026-10-02T17:00:00Z,Meeting,Kickoff,Scoped the pilot,Copperline Studios,ana@copperline.example; ben@copperline.example',
      '2026-10-05,Call,Check-in,,Copperline Studios,',
      'yesterday-ish,Call,Bad date,,Copperline Studios,',
      '2026-10-06,Call,Unknown account,,Nope Studios,',
    ].join('\n');
    const imported = await upload('interactions', interactions);
    expect(imported.body).toMatchObject({ created: 2, failed: 2 });
    expect(imported.body.errors.map((error: any) => [error.line, error.field])).toEqual([
      [4, 'occurredAt'],
      [5, 'account'],
    ]);
    const { accounts } = await world.as[Role.PARTNERSHIPS].data(
      `{ accounts(filter: { text: "Copperline" }) { edges { node { contacts { name emails phones } interactions { summary contacts { name } } } } } }`,
    );
    const node = accounts.edges[0].node;
    expect(node.contacts.map((c: any) => c.name).sort()).toEqual(['Ana Ferreira-Lopes', 'Ben Osei']);
    expect(node.contacts.find((c: any) => c.name === 'Ana Ferreira-Lopes').phones).toEqual([
      '+1 323 555 0101',
    ]);
    expect(node.interactions[0]).toMatchObject({ summary: 'Check-in' });
    expect(node.interactions[1].summary).toBe('Kickoff: Scoped the pilot');
    expect(node.interactions[1].contacts).toHaveLength(2);
  });

  it('exports a filtered list as CSV', async () => {
    const response = await fetch(
      `${api.baseUrl}/v1/exports/accounts.csv?filter=${encodeURIComponent(JSON.stringify({ kinds: ['STREAMER'] }))}`,
      {
        headers: { authorization: `Bearer ${adminToken}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.name)).toEqual(['Riverbend Stream']);
    expect(rows[0]).toMatchObject({ kind: 'streamer', domains: 'riverbend.example' });

    const bad = await fetch(
      `${api.baseUrl}/v1/exports/accounts?filter=${encodeURIComponent('{"kinds":["SPACESHIP"]}')}`,
      {
        headers: { authorization: `Bearer ${adminToken}` },
      },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('filter.kinds');
  });

  it('refuses the wrong content type, unknown kinds, anonymous callers and executives', async () => {
    expect((await upload('accounts', '{}', '', adminToken, 'application/json')).status).toBe(415);
    expect((await upload('planets', 'name\nx\n')).status).toBe(400);
    expect((await upload('accounts', 'name\nx\n', '', 'not-a-token')).status).toBe(401);
    const executive = (
      await signIn(api, world.workspace.members[Role.EXECUTIVE].email, undefined, world.workspace.slug)
    ).accessToken;
    expect((await upload('accounts', 'name\nx\n', '', executive)).status).toBe(403);
  });

  const download = async (file: string, query = '') => {
    const response = await fetch(`${api.baseUrl}/v1/exports/${file}${query}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      text,
      rows: response.ok ? (parse(text, { columns: true }) as Record<string, string>[]) : [],
    };
  };

  it('reads dryRun in any case of true, false, 1 and 0, and refuses anything else', async () => {
    const csv = (name: string) => `name\n${name}\n`;
    const dry = await upload('accounts', csv('Dry Upper Films'), '?dryRun=TRUE');
    expect(dry.body).toMatchObject({ dryRun: true, created: 1 });
    const wet = await upload('accounts', csv('Wet Zero Films'), '?dryRun=0');
    expect(wet.body).toMatchObject({ dryRun: false, created: 1 });
    expect((await upload('accounts', csv('Dry One Films'), '?dryRun=1')).body.dryRun).toBe(true);
    expect((await upload('accounts', csv('Wet False Films'), '?dryRun=False')).body.dryRun).toBe(false);
    for (const value of ['yes', '', 'tru', '2', 'true&dryRun=true']) {
      const refused = await upload('accounts', csv('Never Films'), `?dryRun=${value}`);
      expect([value, refused.status]).toEqual([value, 400]);
      expect(refused.body.fields).toEqual([
        { path: 'dryRun', message: expect.stringContaining('true or false') },
      ]);
    }
    const { accounts } = await world.as[Role.PARTNERSHIPS].data(
      `{ accounts(filter: { text: "Films" }, first: 50) { edges { node { name } } } }`,
    );
    expect(accounts.edges.map((edge: any) => edge.node.name).sort()).toEqual([
      'Wet False Films',
      'Wet Zero Films',
    ]);
  });

  it('links each account to the parent its "Parent Company" names, and reports parents it cannot use', async () => {
    const holding = await createAccount(world.as[Role.PARTNERSHIPS], { name: 'Ironwood Holdings' });
    const csv = [
      'Company name,Parent Company',
      'Ironwood Animation,ironwood holdings',
      'Ironwood Shorts,Ironwood Animation',
      'Orphan Pictures,No Such Parent Inc',
      'Ironwood Holdings,Ironwood Holdings',
      'Ironwood Holdings,Ironwood Shorts',
    ].join('\n');
    const { body } = await upload('accounts', csv);
    expect(body).toMatchObject({ rows: 5, created: 2, updated: 0, failed: 3 });
    expect(body.errors.map((error: any) => [error.line, error.field, error.message])).toEqual([
      [4, 'parent', 'parent "No Such Parent Inc" is not an account of this workspace'],
      [5, 'parent', 'an account cannot be its own parent'],
      [6, 'parent', 'the parent would make the account its own ancestor'],
    ]);
    const { accounts } = await world.as[Role.PARTNERSHIPS].data(
      `{ accounts(filter: { text: "Ironwood" }, first: 10) { edges { node { name parent { id name } } } } }`,
    );
    const parentOf = Object.fromEntries(
      accounts.edges.map((edge: any) => [edge.node.name, edge.node.parent?.name ?? null]),
    );
    expect(parentOf).toEqual({
      'Ironwood Holdings': null,
      'Ironwood Animation': 'Ironwood Holdings',
      'Ironwood Shorts': 'Ironwood Animation',
    });
    expect(accounts.edges.find((edge: any) => edge.node.name === 'Ironwood Animation').node.parent.id).toBe(
      holding.id,
    );
    expect((await upload('accounts', 'name\nOrphan Pictures\n', '?dryRun=true')).body.created).toBe(1);
  });

  it('refuses a NUL in a cell, naming its line and column, and keeps the other rows', async () => {
    const { status, body } = await upload(
      'accounts',
      'name,region\nNul\u0000 Films,x\nClean Films,y\nNul Region,\u0000\n',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 3, created: 1, failed: 2 });
    expect(body.errors).toEqual([
      { line: 2, field: 'name', message: 'name must not contain NUL characters' },
      { line: 4, field: 'region', message: 'region must not contain NUL characters' },
    ]);
  });

  it('answers 400 naming the file for a body that is not CSV, whatever its label', async () => {
    for (const type of ['text/plain', 'text/csv', 'Text/CSV']) {
      const { status, body } = await upload(
        'accounts',
        JSON.stringify({ name: 'x', tags: [1, 2] }),
        '',
        adminToken,
        type,
      );
      expect([type, status]).toEqual([type, 400]);
      expect(body.fields[0].path).toBe('file');
    }
  });

  it('exports every documented kind', async () => {
    const partnerships = world.as[Role.PARTNERSHIPS];
    const account = await createAccount(partnerships, { name: 'Export Kinds Studio' });
    const { logInteraction } = await partnerships.data(
      `mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }`,
      {
        input: {
          kind: 'CALL',
          occurredAt: '2026-10-01T10:00:00Z',
          summary: 'Export kinds call',
          accountIds: [account.id],
          followUps: [{ title: 'Export kinds follow-up' }],
        },
      },
    );
    for (const kind of ['accounts', 'contacts', 'interactions', 'tasks']) {
      const answer = await download(`${kind}.csv`);
      expect([kind, answer.status, answer.type]).toEqual([kind, 200, expect.stringContaining('text/csv')]);
      expect(answer.rows.length).toBeGreaterThan(0);
    }
    expect((await download('interactions.csv')).rows.map((row) => row.id)).toContain(
      logInteraction.interaction.id,
    );
    expect((await download('tasks.csv')).rows.map((row) => row.title)).toContain('Export kinds follow-up');
    const filtered = await download(
      'interactions.csv',
      `?filter=${encodeURIComponent(JSON.stringify({ accountId: account.id }))}`,
    );
    expect(filtered.rows.map((row) => row.summary)).toEqual(['Export kinds call']);
    const byTitle = await download('tasks.csv', '?sortBy=title&sortDirection=DESC');
    expect(byTitle.status).toBe(200);
    expect(byTitle.rows.map((row) => row.title)).toContain('Export kinds follow-up');
    const unknownSort = await download('tasks.csv', '?sortBy=priority');
    expect(unknownSort.status).toBe(400);
    expect(unknownSort.text).toContain('sortBy');
  });

  it('quotes every exported text cell a spreadsheet would run as a formula', async () => {
    const partnerships = world.as[Role.PARTNERSHIPS];
    const hostile = ['=HYPERLINK("http://evil.example")', '+1+1', '-1+1', '@SUM(A1)', '\tTab', '\rReturn'];
    const accounts = [];
    for (const [index, value] of hostile.entries())
      accounts.push(
        await createAccount(partnerships, {
          name: `${value} ${index}`,
          region: value,
          tier: value,
          tags: [value],
        }),
      );
    await createContact(partnerships, {
      name: `=Contact`,
      title: '+Title',
      notes: '@Notes',
      phones: ['+1 555 0101'],
    });
    await partnerships.data(
      `mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }`,
      {
        input: {
          kind: 'MEETING',
          occurredAt: '2026-10-02T10:00:00Z',
          summary: '=Summary',
          location: '-Location',
          nextSteps: '@Next',
          accountIds: [accounts[0].id],
          followUps: [{ title: '=Task title' }],
        },
      },
    );
    const formula = /^[=+\-@\t\r]/;
    for (const kind of ['accounts', 'contacts', 'interactions', 'tasks']) {
      const { rows } = await download(`${kind}.csv`);
      const cells = rows.flatMap((row) => Object.entries(row));
      const raw = cells.filter(([, cell]) => formula.test(cell));
      expect([kind, raw]).toEqual([kind, []]);
      const quoted = new Set(
        cells.filter(([, cell]) => /^'[=+\-@\t\r]/.test(cell)).map(([column]) => column),
      );
      const expected = {
        accounts: ['name', 'region', 'tier', 'tags'],
        contacts: ['name', 'title', 'notes', 'phones'],
        interactions: ['summary', 'location', 'nextSteps'],
        tasks: ['title'],
      }[kind];
      expect([kind, [...quoted].sort()]).toEqual([kind, [...expected!].sort()]);
    }
    const { rows } = await download('accounts.csv', `?filter=${encodeURIComponent('{"text":"HYPERLINK"}')}`);
    expect(rows[0].name).toBe(`'${hostile[0]} 0`);
    // an exported file imports back to the same names
    const reimported = await upload(
      'accounts',
      `name,region\n"${rows[0].name.replace(/"/g, '""')}",\n`,
      '?dryRun=true',
    );
    expect(reimported.body).toMatchObject({ created: 0, updated: 1 });
  });
  it('answers 400 naming the filter field for a NUL or an unpaired surrogate in an export filter', async () => {
    for (const text of ['a\\u0000', 'a\\ud800']) {
      const answer = await download('accounts.csv', `?filter=${encodeURIComponent(`{"text":"${text}"}`)}`);
      expect([text, answer.status]).toEqual([text, 400]);
      expect(JSON.parse(answer.text).fields[0].path).toBe('filter.text');
    }
  });
});
