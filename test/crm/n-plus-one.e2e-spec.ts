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
});
