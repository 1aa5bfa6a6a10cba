import { print } from 'graphql';
import { AccountTimelineDocument } from '../../apps/web/src/gql/graphql';
import { countStatements } from '../support/statements';
import { Role } from '@greenlight/identity';
import { startTestApp, TestApp } from '../support/test-app';
import { createAccount, createContact, crmWorld, CrmWorld, stageId } from './support';

const LIST = `query($first: Int!) {
  accounts(first: $first) {
    edges { node {
      id name owner { id } stage { key }
      contacts { id name positions { title } }
      lastInteraction { id summary attendees { id } }
      openTasks { id title assignee { id } }
      stageHistory { at fromStage { key } toStage { key } by { id } }
      competitors { vendor }
    } }
  }
}`;

describe('no N+1 in nested account fields', () => {
  let api: TestApp;
  let world: CrmWorld;
  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Batching');
    const rep = world.as[Role.PARTNERSHIPS];
    const pilot = await stageId(rep, 'pilot');
    for (let i = 0; i < 100; i++) {
      const account = await createAccount(rep, {
        name: `Batch Account ${String(i).padStart(3, '0')}`,
        ownerId: world.workspace.members[Role.PARTNERSHIPS].memberId,
      });
      if (i % 3 === 0) {
        const contact = await createContact(rep, { name: `Person ${i}`, accountId: account.id });
        await rep.data(
          `mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }`,
          {
            input: {
              kind: 'CALL',
              occurredAt: new Date().toISOString(),
              summary: `call ${i}`,
              accountIds: [account.id],
              contactIds: [contact.id],
              followUps: [{ title: `follow up ${i}` }],
            },
          },
        );
        await rep.data(
          `mutation($input: MoveAccountStageInput!) { moveAccountStage(input: $input) { id } }`,
          {
            input: { accountId: account.id, stageId: pilot, reason: 'batch' },
          },
        );
      }
    }
  }, 120_000);
  afterAll(() => api.close());

  it('runs the same number of statements for 10 and for 100 accounts', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    await rep.data(LIST, { first: 5 }); // warm-up: schema caches, first-use metadata
    let small: any;
    let large: any;
    const ten = await countStatements(async () => (small = await rep.data(LIST, { first: 10 })));
    const hundred = await countStatements(async () => (large = await rep.data(LIST, { first: 100 })));
    expect(small.accounts.edges).toHaveLength(10);
    expect(large.accounts.edges).toHaveLength(100);
    expect(large.accounts.edges.filter((edge: any) => edge.node.lastInteraction).length).toBeGreaterThan(30);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThan(20);
  });

  it('reads a timeline page as the web app asks in the same statements for 2 and for 12 meetings', async () => {
    const rep = world.as[Role.PARTNERSHIPS];
    const busy = async (name: string, meetings: number) => {
      const account = await createAccount(rep, { name });
      const contact = await createContact(rep, { name: `${name} Person`, accountId: account.id });
      for (let i = 0; i < meetings; i++)
        await rep.data(
          `mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }`,
          {
            input: {
              kind: 'MEETING',
              occurredAt: new Date(Date.now() - i * 60_000).toISOString(),
              summary: `meeting ${i}`,
              accountIds: [account.id],
              contactIds: [contact.id],
              followUps: [{ title: `follow up ${i}` }],
            },
          },
        );
      return { account, contact };
    };
    const few = await busy('Quiet Timeline Films', 2);
    const many = await busy('Busy Timeline Films', 12);
    const timeline = print(AccountTimelineDocument);
    let small: any;
    let large: any;
    const two = await countStatements(async () => (small = (await rep.data(timeline, { id: few.account.id })).account.timeline));
    const twelve = await countStatements(async () => (large = (await rep.data(timeline, { id: many.account.id })).account.timeline));
    // each meeting, its follow-up task, and the account's creation
    expect(small.totalCount).toBe(5);
    expect(large.totalCount).toBe(25);
    expect(large.edges).toHaveLength(25);
    const meetings = large.edges.filter((edge: any) => edge.node.kind === 'interaction').map((edge: any) => edge.node.item);
    expect(meetings).toHaveLength(12);
    for (const meeting of meetings) {
      expect(meeting.contacts).toEqual([{ id: many.contact.id, name: 'Busy Timeline Films Person' }]);
      expect(meeting.tasks).toHaveLength(1);
      expect(meeting.loggedBy.user.name).toEqual(expect.any(String));
    }
    expect(twelve).toBe(two);
    expect(two).toBeLessThanOrEqual(4);
  });
});
