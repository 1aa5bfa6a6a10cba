import { Role } from '@greenlight/identity';
import { Client } from 'pg';
import { startTestApp, TestApp } from '../support/test-app';
import { createAccount, crmWorld, CrmWorld, stageId } from './support';

/** Hang guard for polling: fails the test instead of waiting forever. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A lookup of a referenced row that fails for want of a database is not a reference that does not
 * exist: the caller is told to retry (SERVICE_UNAVAILABLE with retryAfter), not that the id is wrong.
 */
describe('a database failure while checking a reference', () => {
  let api: TestApp;
  let world: CrmWorld;
  let blocker: Client;
  let observer: Client;
  const rep = () => world.as[Role.PARTNERSHIPS];

  beforeAll(async () => {
    api = await startTestApp();
    world = await crmWorld(api, 'Reference outage');
    blocker = new Client({ connectionString: api.db.url });
    await blocker.connect();
    // pg_stat_activity keeps one snapshot per transaction: watch from outside the locking one
    observer = new Client({ connectionString: api.db.url });
    await observer.connect();
  });
  afterAll(async () => {
    await blocker?.end();
    await observer?.end();
    await api?.close();
  });

  /**
   * Sends `request` while the stage table is locked, and ends the server connection whose stage
   * lookup waits on the lock, as a database going away would.
   */
  async function withStageLookupCut<T>(request: () => Promise<T>): Promise<T> {
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE stage IN ACCESS EXCLUSIVE MODE');
    try {
      const response = request();
      const pid = await eventually(async () => {
        const { rows } = await observer.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND wait_event_type = 'Lock' AND query ILIKE '%FROM "stage"%'`,
        );
        return rows[0]?.pid;
      }, 'the stage lookup waiting on the lock');
      await observer.query('SELECT pg_terminate_backend($1)', [pid]);
      return await response;
    } finally {
      await blocker.query('ROLLBACK');
    }
  }

  it('creating an account in a stage answers SERVICE_UNAVAILABLE, not "stageId is not a stage"', async () => {
    const pilot = await stageId(rep(), 'pilot');
    const response = await withStageLookupCut(() =>
      rep().call(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
        input: { name: 'Outage Pictures', kind: 'STUDIO', stageId: pilot },
      }),
    );
    expect(response.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', retryAfter: 2 }) }),
    ]);
    const { accounts } = await rep().data(`{ accounts(filter: { text: "Outage Pictures" }) { totalCount } }`);
    expect(accounts.totalCount).toBe(0);
  });

  it('moving an account to a stage answers SERVICE_UNAVAILABLE, and the account stays where it was', async () => {
    const account = await createAccount(rep(), { name: 'Steady Studio' });
    const pilot = await stageId(rep(), 'pilot');
    const response = await withStageLookupCut(() =>
      rep().call(
        `mutation($input: MoveAccountStageInput!) { moveAccountStage(input: $input) { id } }`,
        { input: { accountId: account.id, stageId: pilot } },
      ),
    );
    expect(response.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', retryAfter: 2 }) }),
    ]);
    const { account: after } = await rep().data(`query($id: ID!) { account(id: $id) { stage { key } } }`, {
      id: account.id,
    });
    expect(after.stage.key).toBe('prospect');
  });

  it('an id that is not a stage still answers NOT_FOUND naming stageId', async () => {
    const response = await rep().call(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
      input: { name: 'Nowhere Films', kind: 'STUDIO', stageId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'stageId is not a stage of this workspace',
        extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
      }),
    ]);
  });
});
