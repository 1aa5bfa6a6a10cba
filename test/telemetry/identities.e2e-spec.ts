import { DataSource } from 'typeorm';
import { bearer, codes, createWorkspace, signIn, WorkspaceFixture } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { waitForRollups } from './rollup-support';
import { createApiKey, postUsage, usageEvent } from './support';

const UNMATCHED = `{ unmatchedIdentities(first: 50) { totalCount edges { node {
  id orgId projectId emailDomain status matchedBy eventCount firstSeenAt lastSeenAt account { id } } } } }`;
const LINK = `mutation ($i: ID!, $a: ID!) { linkGeneratorIdentity(identityId: $i, accountId: $a) {
  attributedEvents identity { id status matchedBy eventCount account { id name } } } }`;

interface Identity {
  id: string;
  orgId: string | null;
  projectId: string | null;
  emailDomain: string | null;
  status: string;
  eventCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

describe('generator identities', () => {
  let api: TestApp;
  let a: WorkspaceFixture;
  let token: string;
  let key: string;
  let db: DataSource;

  const gql = async <T = any>(query: string, variables?: Record<string, unknown>, as = token) => {
    const response = await api.graphql<T>(query, variables, bearer(as));
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data as T;
  };
  const createAccount = async (name: string, domains: string[]) =>
    (
      await gql<{ createAccount: { id: string } }>(
        'mutation ($n: String!, $d: [String!]) { createAccount(input: { name: $n, kind: STUDIO, domains: $d }) { id } }',
        { n: name, d: domains },
      )
    ).createAccount.id;
  const accountOf = async (eventId: string) =>
    (
      await db.query('SELECT account_id FROM usage_event WHERE workspace_id = $1 AND event_id = $2', [
        a.id,
        eventId,
      ])
    )[0]?.account_id;
  const unmatched = async (as = token) =>
    (
      await gql<{ unmatchedIdentities: { totalCount: number; edges: { node: Identity }[] } }>(
        UNMATCHED,
        {},
        as,
      )
    ).unmatchedIdentities;

  beforeAll(async () => {
    api = await startTestApp();
    a = await createWorkspace(api, 'Mapping');
    token = (await signIn(api, a.members.ADMIN.email)).accessToken;
    key = await createApiKey(api, token);
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  it("attributes an event by the user email's domain, subdomains included", async () => {
    const lumen = await createAccount('Lumen Pictures', ['lumen.example']);
    const direct = usageEvent({ orgId: 'org-lumen', userEmail: 'Ana@Lumen.example' });
    const sub = usageEvent({ orgId: 'org-lumen-vfx', userEmail: 'bo@vfx.lumen.example' });
    expect((await postUsage(api, key, { events: [direct, sub] })).body.accepted).toBe(2);
    expect(await accountOf(direct.eventId as string)).toBe(lumen);
    expect(await accountOf(sub.eventId as string)).toBe(lumen);
    await waitForRollups(db); // counts are kept by the rollup worker
    const [identity] = await db.query(
      `SELECT status, matched_by, event_count::int AS event_count FROM generator_identity WHERE workspace_id = $1 AND org_id = 'org-lumen'`,
      [a.id],
    );
    expect(identity).toEqual({ status: 'matched', matched_by: 'email_domain', event_count: 1 });
  });

  it('queues unknown identifiers, then a link attributes past and future events and is audited', async () => {
    const past = [
      usageEvent({
        orgId: 'org-mystery',
        projectId: 'p1',
        userEmail: 'x@gmail.example',
        occurredAt: '2026-01-10T10:00:00Z',
      }),
      usageEvent({
        orgId: 'org-mystery',
        projectId: 'p1',
        userEmail: 'y@gmail.example',
        occurredAt: '2026-01-12T10:00:00Z',
      }),
      usageEvent({
        orgId: 'org-mystery',
        projectId: 'p1',
        userEmail: 'z@gmail.example',
        occurredAt: '2020-03-01T00:00:00Z',
      }),
    ];
    expect((await postUsage(api, key, { events: past })).body.accepted).toBe(3);
    expect(await accountOf(past[0].eventId as string)).toBeNull();

    await waitForRollups(db);
    const queue = await unmatched();
    const queued = queue.edges
      .map((edge) => edge.node)
      .find((node) => node.orgId === 'org-mystery') as Identity;
    expect(queued).toMatchObject({
      projectId: 'p1',
      emailDomain: 'gmail.example',
      status: 'UNMATCHED',
      eventCount: 3,
      firstSeenAt: '2020-03-01T00:00:00.000Z',
      lastSeenAt: '2026-01-12T10:00:00.000Z',
    });

    const nova = await createAccount('Nova Streaming', ['nova.example']);
    const linked = await gql(LINK, { i: queued.id, a: nova });
    expect(linked.linkGeneratorIdentity).toMatchObject({
      attributedEvents: 3,
      identity: {
        id: queued.id,
        status: 'MATCHED',
        matchedBy: 'MANUAL',
        account: { id: nova, name: 'Nova Streaming' },
      },
    });
    for (const event of past) expect(await accountOf(event.eventId as string)).toBe(nova);
    expect((await unmatched()).edges.map((edge) => edge.node.id)).not.toContain(queued.id);

    // future events of that identity, and of a new project of the same organisation
    const later = usageEvent({ orgId: 'org-mystery', projectId: 'p1', userEmail: 'x@gmail.example' });
    const otherProject = usageEvent({
      orgId: 'org-mystery',
      projectId: 'p2',
      userEmail: 'w@elsewhere.example',
    });
    expect((await postUsage(api, key, { events: [later, otherProject] })).body.accepted).toBe(2);
    expect(await accountOf(later.eventId as string)).toBe(nova);
    expect(await accountOf(otherProject.eventId as string)).toBe(nova);

    const audit = await gql<{
      auditEntries: { edges: { node: { action: string; before: any; after: any } }[] };
    }>('query ($id: ID!) { auditEntries(entityId: $id) { edges { node { action before after } } } }', {
      id: queued.id,
    });
    expect(audit.auditEntries.edges.map((edge) => edge.node)).toEqual([
      {
        action: 'link',
        before: { status: 'unmatched', matchedBy: null, accountId: null },
        after: { status: 'matched', matchedBy: 'manual', accountId: nova },
      },
    ]);
  });

  it('stores batches of an identity while its counts are being updated, and counts every event once', async () => {
    const ids = { orgId: 'org-busy', projectId: null, userEmail: 'u@busy.example' };
    const first = usageEvent({ ...ids, occurredAt: '2026-02-01T00:00:00Z' });
    expect((await postUsage(api, key, { events: [first] })).body.accepted).toBe(1);
    await waitForRollups(db);
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // what the rollup worker holds while it adds counts: the identity's row updated, not committed
      await runner.query(
        `UPDATE generator_identity SET event_count = event_count WHERE workspace_id = $1 AND org_id = 'org-busy'`,
        [a.id],
      );
      const batches = await Promise.all(
        [0, 1, 2].map((n) =>
          postUsage(api, key, {
            events: [
              usageEvent({ ...ids, occurredAt: `2026-02-0${n + 2}T00:00:00Z` }),
              usageEvent({ ...ids, occurredAt: `2026-02-0${n + 2}T12:00:00Z` }),
            ],
          }),
        ),
      );
      expect(batches.map((batch) => batch.body.accepted)).toEqual([2, 2, 2]);
    } finally {
      await runner.commitTransaction();
      await runner.release();
    }
    expect((await postUsage(api, key, { events: [first] })).body.duplicates).toBe(1);
    await waitForRollups(db);
    const [identity] = await db.query(
      `SELECT event_count::int AS events, first_seen_at, last_seen_at FROM generator_identity
        WHERE workspace_id = $1 AND org_id = 'org-busy'`,
      [a.id],
    );
    expect(identity).toEqual({
      events: 7,
      first_seen_at: new Date('2026-02-01T00:00:00Z'),
      last_seen_at: new Date('2026-02-04T12:00:00Z'),
    });
  });

  it('backfills past events in batches, however many share one instant', async () => {
    const instant = '2026-03-01T12:00:00.000Z';
    const ids = { orgId: 'org-bulk', projectId: null, userEmail: null };
    const many = Array.from({ length: 5000 }, (_, i) => ({
      eventId: `bulk-${i}`,
      kind: 'generation.completed',
      occurredAt: instant,
      ...ids,
    }));
    expect((await postUsage(api, key, { events: many })).body.accepted).toBe(5000);
    const rest = [
      usageEvent({ eventId: 'bulk-a', occurredAt: instant, ...ids }),
      usageEvent({ eventId: 'bulk-b', occurredAt: '2026-03-02T00:00:00Z', ...ids }),
      usageEvent({ eventId: 'bulk-c', occurredAt: '2025-01-01T00:00:00Z', ...ids }),
    ];
    expect((await postUsage(api, key, { events: rest })).body.accepted).toBe(3);
    await waitForRollups(db);
    const identity = (await unmatched()).edges
      .map((edge) => edge.node)
      .find((node) => node.orgId === 'org-bulk')!;
    expect(identity.eventCount).toBe(5003);
    const account = await createAccount('Bulk Studio', []);
    const linked = await gql(LINK, { i: identity.id, a: account });
    expect(linked.linkGeneratorIdentity.attributedEvents).toBe(5003);
    const [{ left }] = await db.query(
      'SELECT count(*)::int AS left FROM usage_event WHERE identity_id = $1 AND account_id IS DISTINCT FROM $2',
      [identity.id, account],
    );
    expect(left).toBe(0);
  });

  it('pages the unmatched queue with cursors and refuses bad ids', async () => {
    const events = Array.from({ length: 5 }, (_, i) =>
      usageEvent({ orgId: `org-page-${i}`, userEmail: null, occurredAt: `2026-02-0${i + 1}T00:00:00Z` }),
    );
    await postUsage(api, key, { events });
    const first = await gql(
      '{ unmatchedIdentities(first: 2) { totalCount edges { node { orgId } } pageInfo { endCursor hasNextPage } } }',
    );
    expect(first.unmatchedIdentities.edges).toHaveLength(2);
    expect(first.unmatchedIdentities.pageInfo.hasNextPage).toBe(true);
    const next = await gql(
      'query ($c: String) { unmatchedIdentities(first: 50, after: $c) { edges { node { orgId } } } }',
      {
        c: first.unmatchedIdentities.pageInfo.endCursor,
      },
    );
    expect(next.unmatchedIdentities.edges.length).toBe(first.unmatchedIdentities.totalCount - 2);

    const bad = await api.graphql(LINK, { i: 'nope', a: 'nope' }, bearer(token));
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const missing = await api.graphql(
      LINK,
      { i: '00000000-0000-4000-8000-000000000000', a: await createAccount('Spare', []) },
      bearer(token),
    );
    expect(codes(missing)).toEqual(['NOT_FOUND']);
  });

  it("keeps workspaces apart: B's key and members cannot see or link A's identities", async () => {
    const b = await createWorkspace(api, 'Rival');
    const bToken = (await signIn(api, b.members.ADMIN.email)).accessToken;
    const bKey = await createApiKey(api, bToken);
    await postUsage(api, key, { events: [usageEvent({ orgId: 'org-alpha-secret', userEmail: null })] });
    const aIdentity = (await unmatched()).edges
      .map((edge) => edge.node)
      .find((node) => node.orgId === 'org-alpha-secret')!;

    // same identifiers from B's generator: B's own identity, never A's
    await postUsage(api, bKey, { events: [usageEvent({ orgId: 'org-alpha-secret', userEmail: null })] });
    await waitForRollups(db);
    const bQueue = await unmatched(bToken);
    expect(bQueue.totalCount).toBe(1);
    expect(bQueue.edges[0].node.id).not.toBe(aIdentity.id);
    expect(bQueue.edges[0].node.eventCount).toBe(1);

    const bAccount = (
      await gql<{ createAccount: { id: string } }>(
        'mutation { createAccount(input: { name: "Rival Films", kind: STUDIO }) { id } }',
        {},
        bToken,
      )
    ).createAccount.id;
    expect(codes(await api.graphql(LINK, { i: aIdentity.id, a: bAccount }, bearer(bToken)))).toEqual([
      'NOT_FOUND',
    ]);
    const aAccount = await createAccount('Alpha Own', []);
    expect(
      codes(await api.graphql(LINK, { i: bQueue.edges[0].node.id, a: aAccount }, bearer(token))),
    ).toEqual(['NOT_FOUND']);
    // an API key cannot link, even a read one of the same workspace
    const readKey = await createApiKey(api, token, ['READ']);
    expect(codes(await api.graphql(LINK, { i: aIdentity.id, a: aAccount }, bearer(readKey)))).toEqual([
      'FORBIDDEN',
    ]);
    const [{ status }] = await db.query('SELECT status FROM generator_identity WHERE id = $1', [
      aIdentity.id,
    ]);
    expect(status).toBe('unmatched');
  });
});
