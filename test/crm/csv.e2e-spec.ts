import { Role } from '@greenlight/identity';
import { parse } from 'csv-parse/sync';
import { signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createAccount, crmWorld, CrmWorld } from './support';

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
});
