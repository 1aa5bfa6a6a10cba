import { CLS_REQ, ClsServiceManager } from 'nestjs-cls';
import pg from 'pg';

/** How much of the database one HTTP request may use at once. */
export interface RequestDatabaseLimits {
  /** Pool connections one request holds at the same time; its further statements wait their turn. */
  connections: number;
  /** Longest a statement run for a request may take (ms); PostgreSQL cancels it after that. */
  statementTimeoutMs: number;
}

/** A counting semaphore whose waiters give up after a while. */
class Turns {
  private taken = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async take(timeoutMs: number): Promise<void> {
    if (this.taken < this.size) {
      this.taken++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        // worded like pg-pool's own timeout, so callers treat both as "the database is busy"
        reject(new Error("timeout exceeded when trying to connect: this request's connections stayed busy"));
      }, timeoutMs);
      this.waiting.push(grant);
    });
  }

  /** Hands the turn to the next waiter, if any. */
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.taken--;
  }
}

/** The turns of each request being served, found through the request context (nestjs-cls). */
const turnsByRequest = new WeakMap<object, Turns>();
/** The `statement_timeout` each pooled connection was given by a request; absent: the server's. */
const timeoutOf = new WeakMap<pg.PoolClient, number>();

function currentRequest(): object | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.get<object | undefined>(CLS_REQ) : undefined;
}

/** Runs `work` (and what it starts later) as background work, outside the current request's limits. */
export function outsideRequest<T>(work: () => T): T {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.exit(work) : work();
}

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, release: (error?: Error) => void) => void;

/**
 * The `pg` module with a pool that applies `limits` to the statements of HTTP requests: a request
 * holds at most `connections` pool connections at once (its other statements queue behind them,
 * so one request cannot take the whole pool), and each of its statements runs under
 * `statement_timeout`. Work outside requests (workers, schedules, commands) is not limited and
 * runs with the server's timeout. The timeout is set on a connection only when it changes hands
 * between request and background work, not for every statement. A statement that waits more than
 * `waitTimeoutMs` for its request's turn fails like one that waits too long for the pool.
 */
export function requestLimitedPg(limits: RequestDatabaseLimits, waitTimeoutMs: number): typeof pg {
  class RequestLimitedPool extends pg.Pool {
    override connect(): Promise<pg.PoolClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
      const connecting = this.connectWithinLimits();
      if (!callback) return connecting;
      connecting.then(
        (client) => callback(undefined, client, client.release),
        (error: Error) => callback(error, undefined, () => undefined),
      );
    }

    private async connectWithinLimits(): Promise<pg.PoolClient> {
      const request = currentRequest();
      if (!request) {
        const client = await super.connect();
        return prepared(client, null);
      }
      let turns = turnsByRequest.get(request);
      if (!turns) turnsByRequest.set(request, (turns = new Turns(limits.connections)));
      await turns.take(waitTimeoutMs);
      let client: pg.PoolClient;
      try {
        client = await prepared(await super.connect(), limits.statementTimeoutMs);
      } catch (error) {
        turns.give();
        throw error;
      }
      const release = client.release;
      client.release = (error?: Error | boolean) => {
        client.release = release;
        turns.give();
        return release.call(client, error);
      };
      return client;
    }
  }
  return Object.create(pg, { Pool: { value: RequestLimitedPool } }) as typeof pg;
}

/** Gives a connection the statement timeout of its new holder (null: the server's default). */
async function prepared(client: pg.PoolClient, statementTimeoutMs: number | null): Promise<pg.PoolClient> {
  const current = timeoutOf.get(client) ?? null;
  if (current === statementTimeoutMs) return client;
  // Checked out, the connection has no 'error' listener until its holder adds one: a server that
  // goes away during this statement would otherwise raise an unhandled 'error' and end the process.
  const ignore = () => undefined;
  client.on('error', ignore);
  try {
    if (statementTimeoutMs === null) {
      await client.query('RESET statement_timeout');
      timeoutOf.delete(client);
    } else {
      await client.query(`SET statement_timeout = ${Math.round(statementTimeoutMs)}`);
      timeoutOf.set(client, statementTimeoutMs);
    }
  } catch (error) {
    // destroyed by the release; the listener stays for whatever the dying connection still emits
    client.release(error as Error);
    throw error;
  }
  client.off('error', ignore);
  return client;
}
