import { Role } from '@greenlight/identity';
import { startTestApp, TestApp } from '../support/test-app';
import { badFields, createAccount, createContact, crmWorld, CrmWorld } from './support';

describe('contacts, employment history and representation', () => {
  let api: TestApp;
  let world: CrmWorld;
  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Contacts');
  });
  afterAll(() => api.close());
  const rep = () => world.as[Role.PARTNERSHIPS];

  it('moves an executive between studios: both accounts show them, as current and as former', async () => {
    const from = await createAccount(rep(), { name: 'Starling Studios' });
    const to = await createAccount(rep(), { name: 'Meridian Pictures' });
    const exec = await createContact(rep(), {
      name: 'Dana Whitfield',
      title: 'SVP Production',
      emails: ['Dana@Starling.example'],
    });
    await rep().data(`mutation($input: AddPositionInput!) { addPosition(input: $input) { id } }`, {
      input: { contactId: exec.id, accountId: from.id, title: 'SVP Production', startedOn: '2023-02-01' },
    });
    await rep().data(`mutation($input: MoveContactInput!) { moveContact(input: $input) { id current } }`, {
      input: { contactId: exec.id, accountId: to.id, title: 'President, Film', startedOn: '2026-09-01' },
    });
    const { contact } = await rep().data(
      `query($id: ID!) { contact(id: $id) { title emails currentAccount { name } positions { account { name } title current endedOn } } }`,
      { id: exec.id },
    );
    expect(contact).toMatchObject({
      title: 'President, Film',
      emails: ['dana@starling.example'],
      currentAccount: { name: 'Meridian Pictures' },
    });
    expect(contact.positions).toEqual([
      { account: { name: 'Meridian Pictures' }, title: 'President, Film', current: true, endedOn: null },
      {
        account: { name: 'Starling Studios' },
        title: 'SVP Production',
        current: false,
        endedOn: '2026-09-01',
      },
    ]);
    const people = `query($id: ID!) { account(id: $id) { contacts { name } former: positions(current: false) { contact { name } } } }`;
    expect((await rep().data(people, { id: from.id })).account).toEqual({
      contacts: [],
      former: [{ contact: { name: 'Dana Whitfield' } }],
    });
    expect((await rep().data(people, { id: to.id })).account).toEqual({
      contacts: [{ name: 'Dana Whitfield' }],
      former: [],
    });
  });

  it('links an agent to the talent they represent through an agency', async () => {
    const agency = await createAccount(rep(), { name: 'Northlight Talent', kind: 'TALENT_AGENCY' });
    const agent = await createContact(rep(), { name: 'Sam Okafor', kind: 'AGENT', accountId: agency.id });
    const talent = await createContact(rep(), { name: 'Rae Lindqvist', kind: 'TALENT' });
    await rep().data(`mutation($input: RepresentationInput!) { representTalent(input: $input) { id } }`, {
      input: { agentId: agent.id, talentId: talent.id, agencyId: agency.id },
    });
    const { contact } = await rep().data(
      `query($id: ID!) { contact(id: $id) { representedBy { agent { name } agency { name } endedOn } } }`,
      { id: talent.id },
    );
    expect(contact.representedBy).toEqual([
      { agent: { name: 'Sam Okafor' }, agency: { name: 'Northlight Talent' }, endedOn: null },
    ]);
    const wrongWay = await rep().call(
      `mutation($input: RepresentationInput!) { representTalent(input: $input) { id } }`,
      {
        input: { agentId: talent.id, talentId: agent.id },
      },
    );
    expect(badFields(wrongWay)).toEqual(['agentId']);
  });

  it('validates contact input naming each field', async () => {
    const response = await rep().call(
      `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`,
      {
        input: {
          name: 'X',
          kind: 'EXECUTIVE',
          emails: ['not-an-email'],
          phones: ['call me'],
          relationshipStrength: 9,
        },
      },
    );
    expect(badFields(response).sort()).toEqual([
      'input.emails',
      'input.phones',
      'input.relationshipStrength',
    ]);
  });

  it('finds contacts by e-mail and lists people at an account', async () => {
    const account = await createAccount(rep(), { name: 'Harbor Post', kind: 'VFX_POST_HOUSE' });
    await createContact(rep(), {
      name: 'Ilse Moreau',
      kind: 'CREATIVE_TECHNOLOGIST',
      emails: ['ilse@harbor.example'],
      accountId: account.id,
    });
    const byEmail = await rep().data(
      `{ contacts(filter: { text: "ilse@harbor.example" }) { edges { node { name } } } }`,
    );
    expect(byEmail.contacts.edges).toEqual([{ node: { name: 'Ilse Moreau' } }]);
    const atAccount = await rep().data(
      `query($id: ID!) { contacts(filter: { accountId: $id }) { totalCount } }`,
      { id: account.id },
    );
    expect(atAccount.contacts.totalCount).toBe(1);
  });
});
