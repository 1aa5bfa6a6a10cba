import { Role } from '@greenlight/identity';
import { createAccount, crmWorld, CrmWorld, stageId } from '../crm/support';
import { startTestApp, TestApp } from '../support/test-app';
import { changeStatus, createPilot } from './support';

const TIMELINE = `query($id: ID!, $first: Int, $after: String) {
  account(id: $id) { timeline(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { kind at item {
      __typename
      ... on Interaction { summary }
      ... on StageTransition { reason }
      ... on Task { title }
      ... on PilotStatusChange { fromStatus toStatus reason pilot { name } by { id } }
    } } }
  } }
}`;

const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

describe('pilot events on the account timeline', () => {
  let api: TestApp;
  let world: CrmWorld;
  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Timeline');
  });
  afterAll(() => api.close());

  it('interleaves pilot creation and status changes with interactions, stage changes and tasks, newest first', async () => {
    const am = world.as[Role.ACCOUNT_MANAGER];
    const account = await createAccount(am, { name: 'Harbor Streaming' });
    await pause();
    const pilot = await createPilot(am, { accountId: account.id, name: 'Dubbing API pilot' });
    await pause();
    await am.data(
      `mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }`,
      {
        input: {
          kind: 'CALL',
          occurredAt: new Date().toISOString(),
          summary: 'Scoping call',
          accountIds: [account.id],
          followUps: [{ title: 'Send the API keys' }],
        },
      },
    );
    await pause();
    await changeStatus(am, pilot.id, 'SCOPING', 'Kick-off held');
    await pause();
    await am.data(`mutation($input: MoveAccountStageInput!) { moveAccountStage(input: $input) { id } }`, {
      input: { accountId: account.id, stageId: await stageId(am, 'pilot'), reason: 'Pilot scoped' },
    });
    await pause();
    expect((await changeStatus(am, pilot.id, 'ACTIVE', 'Keys issued')).errors).toBeUndefined();

    const { account: read } = await am.data<any>(TIMELINE, { id: account.id, first: 20 });
    const entries = read.timeline.edges.map((edge: any) => edge.node);
    expect(read.timeline.totalCount).toBe(entries.length);
    expect(entries.map((entry: any) => entry.kind)).toEqual([
      'pilot_status_change',
      'stage_change',
      'pilot_status_change',
      'task',
      'interaction',
      'pilot_created',
      'stage_change',
    ]);
    const memberId = world.workspace.members[Role.ACCOUNT_MANAGER].memberId;
    expect(entries[0].item).toEqual({
      __typename: 'PilotStatusChange',
      fromStatus: 'SCOPING',
      toStatus: 'ACTIVE',
      reason: 'Keys issued',
      pilot: { name: 'Dubbing API pilot' },
      by: { id: memberId },
    });
    expect(entries[5].item).toMatchObject({ __typename: 'PilotStatusChange', fromStatus: null, toStatus: 'PROPOSED' });
    const times = entries.map((entry: any) => Date.parse(entry.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // Paging forward with cursors gives the same entries, none skipped or repeated.
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const { account: page } = await am.data<any>(TIMELINE, { id: account.id, first: 2, after });
      seen.push(...page.timeline.edges.map((edge: any) => edge.node.kind));
      after = page.timeline.pageInfo.hasNextPage ? page.timeline.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen).toEqual(entries.map((entry: any) => entry.kind));
  });

  it("never shows another account's pilot events", async () => {
    const am = world.as[Role.ACCOUNT_MANAGER];
    const quiet = await createAccount(am, { name: 'Quiet Pictures' });
    const busy = await createAccount(am, { name: 'Busy Pictures' });
    await createPilot(am, { accountId: busy.id, name: 'Busy pilot' });
    const { account: read } = await am.data<any>(TIMELINE, { id: quiet.id, first: 20 });
    expect(read.timeline.edges.map((edge: any) => edge.node.kind)).toEqual(['stage_change']);
  });
});
