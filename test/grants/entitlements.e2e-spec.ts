import { Entitlements, EntitlementsService, GrantChanges, GrantUsageReader } from '@greenlight/grants';
import { Role, systemPrincipal, TenantContext, TenantSql } from '@greenlight/identity';
import { createTestDatabase, TestDatabase } from '@greenlight/testing';
import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { Caller, createAccount, createContact } from '../crm/support';
import { signIn } from '../identity/fixtures';
import { healthWorld, HealthWorld, ingest } from '../health/support';
import { startTestApp, TestApp } from '../support/test-app';
import { waitForRollups } from '../telemetry/rollup-support';
import { createApiKey } from '../telemetry/support';
import { changeGrantStatus, createGrant, day, entitlements } from './support';

/** A TCP relay in front of PostgreSQL that can be cut (every connection dropped, new ones refused) and restored. */
async function relayTo(
  url: string,
): Promise<{ url: string; cut(): void; restore(): Promise<void>; close(): void }> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  let server: Server;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(Number(target.port), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const relayed = new URL(url);
  relayed.host = `127.0.0.1:${port}`;
  return {
    url: relayed.toString(),
    cut() {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
    restore: listen,
    close() {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}

describe('GET /v1/entitlements', () => {
  let api: TestApp;
  let world: HealthWorld;
  let rep: Caller;
  let key: string;
  const domain = 'entitled.example';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApp({ ENTITLEMENTS_CACHE_SECONDS: '0' });
    world = await healthWorld(api, 'Entitlements');
    rep = world.rep;
    const admin = await signIn(
      api,
      world.workspace.members[Role.ADMIN].email,
      undefined,
      world.workspace.slug,
    );
    key = await createApiKey(api, admin.accessToken, ['ENTITLEMENTS_READ']);
    const studio = await createAccount(rep, { name: 'Entitled Studio', domains: [domain] });
    const other = await createAccount(rep, { name: 'Other Studio', domains: ['other-entitled.example'] });
    const director = await createContact(rep, {
      name: 'Dir Ector',
      emails: ['dir@freelance.example'],
      accountId: studio.id,
    });
    ids.studio = studio.id;
    ids.studioGrant = (
      await createGrant(rep, {
        accountId: studio.id,
        status: 'ACTIVE',
        seats: 10,
        creditUnit: 'USD',
        creditLimit: 100,
      })
    ).id;
    ids.personal = (
      await createGrant(rep, {
        contactId: director.id,
        status: 'ACTIVE',
        models: ['vidgen-3'],
        modelTier: 'preview',
      })
    ).id;
    ids.offered = (await createGrant(rep, { contactId: director.id })).id;
    ids.paused = (await createGrant(rep, { accountId: studio.id, status: 'ACTIVE' })).id;
    await changeGrantStatus(rep, ids.paused, 'PAUSED');
    ids.future = (await createGrant(rep, { accountId: studio.id, status: 'ACTIVE', startsOn: day(3) })).id;
    ids.other = (await createGrant(rep, { accountId: other.id, status: 'ACTIVE' })).id;
    await ingest(api, world.usageKey, domain, 4, 0, { costUsd: 2.5 });
    await waitForRollups(api.app.get(DataSource));
  });
  afterAll(() => api.close());

  it("answers a person's own ACTIVE grants and their current company's, with credits used and left", async () => {
    const answer = await entitlements(api.baseUrl, key, { email: 'DIR@freelance.example' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ subject: { email: 'dir@freelance.example' }, stale: false });
    expect(answer.body.grants.map((grant: any) => grant.id).sort()).toEqual(
      [ids.studioGrant, ids.personal].sort(),
    );
    expect(answer.body.grants.find((grant: any) => grant.id === ids.studioGrant)).toMatchObject({
      kind: 'account',
      seats: 10,
      credits: { unit: 'usd', limit: 100, used: 10, left: 90 },
    });
    expect(answer.body.grants.find((grant: any) => grant.id === ids.personal)).toMatchObject({
      kind: 'contact',
      modelTier: 'preview',
      models: ['vidgen-3'],
      credits: null,
    });
    expect(answer.headers.get('etag')).toBe(`"${answer.body.version}"`);
  });

  it("answers by the email's domain and by the generator organisation linked to the account", async () => {
    const byDomain = await entitlements(api.baseUrl, key, { email: `someone@${domain}` });
    expect(byDomain.body.grants.map((grant: any) => grant.id)).toEqual([ids.studioGrant]);
    const byOrg = await entitlements(api.baseUrl, key, { orgId: `org-${domain}` });
    expect(byOrg.body.grants.map((grant: any) => grant.id)).toEqual([ids.studioGrant]);
    const nobody = await entitlements(api.baseUrl, key, { orgId: 'org-unknown' });
    expect(nobody.body.grants).toEqual([]);
  });

  it('answers 304 to the same version, and a new version once a grant changes', async () => {
    const first = await entitlements(api.baseUrl, key, { orgId: `org-${domain}` });
    const again = await entitlements(
      api.baseUrl,
      key,
      { orgId: `org-${domain}` },
      { 'if-none-match': first.headers.get('etag')! },
    );
    expect(again.status).toBe(304);
    await changeGrantStatus(rep, ids.studioGrant, 'PAUSED');
    const after = await entitlements(
      api.baseUrl,
      key,
      { orgId: `org-${domain}` },
      { 'if-none-match': first.headers.get('etag')! },
    );
    expect(after.status).toBe(200);
    expect(after.body.grants).toEqual([]);
    await changeGrantStatus(rep, ids.studioGrant, 'ACTIVE');
  });

  it('answers repeat callers from memory, and computes their answer again in the background before it expires', async () => {
    const cacheMs = 10_000;
    const service = new EntitlementsService(
      api.app.get(DataSource),
      api.app.get(TenantSql),
      api.app.get(TenantContext),
      api.app.get(GrantUsageReader),
      cacheMs,
      api.app.get(GrantChanges),
    );
    const context = api.app.get(TenantContext);
    const ask = (at: number) =>
      context.run(systemPrincipal(world.workspace.id), () => service.answer({ orgId: `org-${domain}` }, at));
    const started = Date.now();
    const first = await ask(started);
    expect(first.grants.map((grant) => grant.id)).toEqual([ids.studioGrant]);
    await expect(ask(started + cacheMs / 2)).resolves.toBe(first);
    // near its expiry: the answer in memory at once, a new one computed meanwhile
    await expect(ask(started + cacheMs - 1)).resolves.toBe(first);
    let refreshed = await ask(started + 1);
    for (const deadline = Date.now() + 30_000; refreshed === first && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      refreshed = await ask(started + 1);
    }
    expect(refreshed).not.toBe(first);
    expect(refreshed).toMatchObject({ version: first.version, stale: false });
  });

  it('has answers computed together come due apart, and computes due answers again one at a time', async () => {
    const cacheMs = 100_000;
    const service = new EntitlementsService(
      api.app.get(DataSource),
      api.app.get(TenantSql),
      api.app.get(TenantContext),
      api.app.get(GrantUsageReader),
      cacheMs,
      api.app.get(GrantChanges),
    );
    const workspaceId = world.workspace.id;
    const subjects = Array.from({ length: 20 }, (_, i) => ({ email: `caller${i}@${domain}` }));
    const started = Date.now();
    const firsts: Entitlements[] = [];
    for (const subject of subjects)
      firsts.push(await api.app.get(TenantContext).run(systemPrincipal(workspaceId), () => service.answer(subject)));
    const computedBy = Date.now();
    const inner = service as unknown as { refresh(): void; compute(subject: unknown): Promise<unknown> };
    let refresh = jest.spyOn(inner, 'refresh').mockImplementation(() => undefined);
    const dueAt = (now: number) => {
      refresh.mockClear();
      subjects.forEach((subject, i) => expect(service.answerInMemory(workspaceId, subject, now)).toBe(firsts[i]));
      return refresh.mock.calls.length;
    };
    expect(dueAt(started + cacheMs / 2 - 1)).toBe(0);
    const midway = dueAt(computedBy + cacheMs * 0.7);
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(subjects.length);
    expect(dueAt(computedBy + cacheMs * 0.9)).toBe(subjects.length);

    refresh.mockRestore();
    refresh = jest.spyOn(inner, 'refresh');
    const compute = inner.compute.bind(service);
    let running = 0;
    let mostAtOnce = 0;
    jest.spyOn(inner, 'compute').mockImplementation(async (subject) => {
      mostAtOnce = Math.max(mostAtOnce, ++running);
      try {
        return await compute(subject);
      } finally {
        running--;
      }
    });
    // all due at once, each answered from memory at once; computed again in the background
    expect(dueAt(computedBy + cacheMs * 0.9)).toBe(subjects.length);
    const renewed = () => subjects.every((subject, i) => service.answerInMemory(workspaceId, subject) !== firsts[i]);
    for (const deadline = Date.now() + 60_000; !renewed() && Date.now() < deadline; )
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(renewed()).toBe(true);
    expect(mostAtOnce).toBe(1);
    subjects.forEach((subject, i) =>
      expect(service.answerInMemory(workspaceId, subject)).toMatchObject({ version: firsts[i].version, stale: false }),
    );
  }, 120_000);

  it("never answers another workspace's grants", async () => {
    const elsewhere = await healthWorld(api, 'Elsewhere');
    const admin = await signIn(
      api,
      elsewhere.workspace.members[Role.ADMIN].email,
      undefined,
      elsewhere.workspace.slug,
    );
    const otherKey = await createApiKey(api, admin.accessToken, ['ENTITLEMENTS_READ']);
    const queries: Record<string, string>[] = [
      { email: 'dir@freelance.example' },
      { email: `someone@${domain}` },
      { orgId: `org-${domain}` },
    ];
    for (const query of queries)
      expect((await entitlements(api.baseUrl, otherKey, query)).body.grants).toEqual([]);
  });

  it('takes only keys with the entitlements:read scope, and exactly one of email and orgId', async () => {
    const admin = await signIn(
      api,
      world.workspace.members[Role.ADMIN].email,
      undefined,
      world.workspace.slug,
    );
    const readKey = await createApiKey(api, admin.accessToken, ['READ']);
    expect((await entitlements(api.baseUrl, readKey, { orgId: 'x' })).status).toBe(403);
    expect((await entitlements(api.baseUrl, world.usageKey, { orgId: 'x' })).status).toBe(403);
    const member = await fetch(`${api.baseUrl}/v1/entitlements?orgId=x`, {
      headers: { authorization: `Bearer ${admin.accessToken}` },
    });
    expect(member.status).toBe(403);
    expect((await entitlements(api.baseUrl, key, {})).status).toBe(400);
    expect((await entitlements(api.baseUrl, key, { email: 'a@b.example', orgId: 'x' })).status).toBe(400);
    expect((await entitlements(api.baseUrl, key, { email: 'not an address' })).status).toBe(400);
  });
});

describe('GET /v1/entitlements while PostgreSQL is away', () => {
  let db: TestDatabase;
  let relay: Awaited<ReturnType<typeof relayTo>>;
  let api: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    relay = await relayTo(db.url);
    api = await startTestApp({ ENTITLEMENTS_CACHE_SECONDS: '0' }, { db: { ...db, url: relay.url } });
  });
  afterAll(async () => {
    await api.close();
    relay.close();
    await db.drop();
  });

  it('answers the last answer marked stale, and fresh ones once the database is back', async () => {
    const world = await healthWorld(api, 'Away');
    const admin = await signIn(
      api,
      world.workspace.members[Role.ADMIN].email,
      undefined,
      world.workspace.slug,
    );
    const key = await createApiKey(api, admin.accessToken, ['ENTITLEMENTS_READ']);
    const account = await createAccount(world.rep, { name: 'Away Studio', domains: ['away.example'] });
    const grant = await createGrant(world.rep, { accountId: account.id, status: 'ACTIVE' });
    const fresh = await entitlements(api.baseUrl, key, { email: 'x@away.example' });
    expect(fresh.body).toMatchObject({ stale: false, grants: [{ id: grant.id }] });

    relay.cut();
    const stale = await entitlements(api.baseUrl, key, { email: 'x@away.example' });
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({
      stale: true,
      version: fresh.body.version,
      grants: [{ id: grant.id }],
    });
    expect(stale.headers.get('warning')).toMatch(/^110/);
    const unknown = await entitlements(api.baseUrl, key, { email: 'x@never-asked.example' });
    expect(unknown.status).toBe(503);

    await relay.restore();
    let back = await entitlements(api.baseUrl, key, { email: 'x@away.example' });
    for (let attempt = 0; back.body?.stale !== false && attempt < 100; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      back = await entitlements(api.baseUrl, key, { email: 'x@away.example' });
    }
    expect(back.body).toMatchObject({ stale: false, grants: [{ id: grant.id }] });
  });
});
