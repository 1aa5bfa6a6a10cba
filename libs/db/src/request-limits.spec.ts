import { CLS_REQ, ClsServiceManager } from 'nestjs-cls';
import { Client, Pool } from 'pg';
import { outsideRequest, requestLimitedPg } from './request-limits';

const server = () => process.env.GREENLIGHT_TEST_SERVER_URL!;
const LOCK = 4242;

/** Runs `work` as if serving an HTTP request (the request context nestjs-cls sets up). */
function inRequest<T>(work: () => Promise<T>): Promise<T> {
  const cls = ClsServiceManager.getClsService();
  return cls.run(() => {
    cls.set(CLS_REQ, { url: '/graphql' });
    return work();
  });
}

async function timeoutOf(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ statement_timeout: string }>('SHOW statement_timeout');
  return rows[0].statement_timeout;
}

describe('requestLimitedPg', () => {
  let pools: Pool[];
  let blocker: Client;
  const limitedPool = (options: { max: number; connections: number; waitTimeoutMs?: number; name: string }) => {
    const pg = requestLimitedPg({ connections: options.connections, statementTimeoutMs: 1500 }, options.waitTimeoutMs ?? 10_000);
    const pool = new pg.Pool({ connectionString: server(), max: options.max, application_name: options.name });
    pools.push(pool);
    return pool;
  };
  /** Statements of pools named `name` waiting on the advisory lock. */
  const waiting = async (name: string) => {
    const { rows } = await blocker.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [name],
    );
    return rows[0].n as number;
  };
  const eventually = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition never met');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  beforeEach(async () => {
    pools = [];
    blocker = new Client({ connectionString: server() });
    await blocker.connect();
  });
  afterEach(async () => {
    await blocker.end();
    await Promise.all(pools.map((pool) => pool.end()));
  });

  it("runs a request's statements under its statement timeout and background work under the server's", async () => {
    const pool = limitedPool({ max: 1, connections: 1, name: 'limits-timeout' });
    const serverDefault = await timeoutOf(pool);
    expect(await inRequest(() => timeoutOf(pool))).toBe('1500ms');
    // the same connection, back in background hands
    expect(await timeoutOf(pool)).toBe(serverDefault);
    expect(await inRequest(() => outsideRequest(() => timeoutOf(pool)))).toBe(serverDefault);
  });

  it('gives one request at most its share of connections, while others still get theirs', async () => {
    const name = 'limits-share';
    const pool = limitedPool({ max: 4, connections: 2, name });
    await blocker.query('SELECT pg_advisory_lock($1)', [LOCK]);
    const heavy = inRequest(() =>
      Promise.all(Array.from({ length: 5 }, () => pool.query('SELECT pg_advisory_xact_lock($1)', [LOCK]))),
    );
    await eventually(async () => (await waiting(name)) === 2);
    // another request and background work are served while the heavy one waits
    expect((await inRequest(() => pool.query('SELECT 1 AS one'))).rows).toEqual([{ one: 1 }]);
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(await waiting(name)).toBe(2);
    await blocker.query('SELECT pg_advisory_unlock($1)', [LOCK]);
    expect(await heavy).toHaveLength(5);
  });

  it('fails a statement that waits too long for its turn like one that waits too long for the pool', async () => {
    const name = 'limits-wait';
    const pool = limitedPool({ max: 4, connections: 1, waitTimeoutMs: 200, name });
    await blocker.query('SELECT pg_advisory_lock($1)', [LOCK]);
    const [first, second] = await inRequest(async () => [
      pool.query('SELECT pg_advisory_xact_lock($1)', [LOCK]),
      pool.query('SELECT 1'),
    ]);
    await expect(second).rejects.toThrow(/^timeout exceeded when trying to connect/);
    await eventually(async () => (await waiting(name)) === 1);
    await blocker.query('SELECT pg_advisory_unlock($1)', [LOCK]);
    await first;
  });
});
