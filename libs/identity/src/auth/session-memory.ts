import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import { hash } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { MemberPrincipal } from '../context/principal';

/** The channel the database notifies of changes to memberships, users and sessions (migration SessionChangeNotifications). */
export const SESSION_CHANGE_CHANNEL = 'session_change';
/** How long a verified session is let in from memory at most (its access token may end sooner). */
export const SESSION_MEMORY_MS = 60_000;
const MAX_SESSIONS = 10_000;
const RETRY_MS = 1_000;

interface Remembered {
  principal: MemberPrincipal;
  /** Epoch milliseconds after which the database is asked again. */
  until: number;
}

/**
 * Signed-in sessions the database found valid, let in from memory on their next requests without
 * an authentication statement. Kept only while this instance listens on `session_change` on a
 * connection of its own: every change that could alter or end a session (role, status, removal,
 * sign-out, a revoked or expired refresh token, the user's e-mail or name) is notified by triggers
 * whoever writes it, and drops the sessions it names. While that connection is not listening
 * (not yet started, PostgreSQL away, reconnecting), nothing is kept and nothing is let in from
 * memory. Kept by the SHA-256 of the access token, never the token itself.
 */
@Injectable()
export class SessionMemory implements OnModuleDestroy {
  private readonly logger = new Logger(SessionMemory.name);
  private readonly sessions = new Map<string, Remembered>();
  private client: Client | null = null;
  private listening = false;
  private closed = false;
  /** Whether the last attempt to listen failed (said once, not at every retry). */
  private failing = false;
  private retry: NodeJS.Timeout | undefined;
  /** Bumped by every drop and every change of the listener: a reading older than it is not kept. */
  private epoch = 0;
  /** Delay before listening again once the connection was lost. */
  retryMs = RETRY_MS;

  /** Listens outside any request's context, though the first request is what starts it. */
  private readonly listen = AsyncResource.bind(() => void this.connect());

  constructor(private readonly dataSource: DataSource) {}

  /** Whether sessions are kept: the listening connection is established. */
  get isListening(): boolean {
    return this.listening;
  }

  /** The session of this access token, when the database found it valid and nothing changed since. */
  recall(token: string): MemberPrincipal | undefined {
    if (!this.listening) {
      if (!this.client && !this.retry && !this.closed) this.listen();
      return undefined;
    }
    const key = hash('sha256', token, 'base64');
    const remembered = this.sessions.get(key);
    if (!remembered) return undefined;
    if (Date.now() < remembered.until) return remembered.principal;
    this.sessions.delete(key);
    return undefined;
  }

  /** Taken before reading a session from the database, and given back to `remember`. */
  mark(): number {
    return this.epoch;
  }

  /**
   * Keeps a session read from the database, unless the listener was not established or anything
   * was dropped since `mark()` (the reading may predate that change).
   */
  remember(token: string, principal: MemberPrincipal, tokenExpiresAt: number, mark: number): void {
    if (!this.listening || mark !== this.epoch) return;
    const key = hash('sha256', token, 'base64');
    this.sessions.delete(key);
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    this.sessions.set(key, {
      principal: Object.freeze(principal),
      until: Math.min(tokenExpiresAt, Date.now() + SESSION_MEMORY_MS),
    });
  }

  /**
   * Drops the sessions of a membership, user or session (refresh-token family) id, or all of them
   * for `*`. Also called by this instance's own writes once committed, so they apply here before the
   * notification arrives.
   */
  forget(id: string): void {
    this.epoch++;
    if (id === '*') return this.sessions.clear();
    for (const [key, { principal }] of this.sessions)
      if (principal.membershipId === id || principal.userId === id || principal.sessionId === id)
        this.sessions.delete(key);
  }

  private async connect(): Promise<void> {
    const { url, applicationName } = this.dataSource.options as PostgresDataSourceOptions;
    const client = new Client({
      connectionString: url,
      application_name: `${applicationName ?? 'greenlight'}-sessions`,
      keepAlive: true,
    });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel === SESSION_CHANGE_CHANNEL) this.forget(message.payload ?? '*');
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANGE_CHANNEL}`);
    } catch (error) {
      if (!this.failing)
        this.logger.warn(
          `Sessions are read from the database on every request until it can be listened to: ${String(error)}`,
        );
      this.failing = true;
      this.lost(client);
      return;
    }
    if (this.client !== client) return;
    this.epoch++;
    this.listening = true;
    this.failing = false;
  }

  /** The listener is gone: forget everything (changes may go unheard) and listen again later. */
  private lost(client: Client): void {
    if (this.client !== client) return;
    if (this.listening)
      this.logger.warn(
        'Lost the connection listening for session changes: sessions are read from the database until it is back',
      );
    this.client = null;
    this.listening = false;
    this.forget('*');
    client.end().catch(() => undefined);
    if (!this.closed)
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.listen();
      }, this.retryMs).unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    this.listening = false;
    this.sessions.clear();
    await client?.end().catch(() => undefined);
  }
}
