import { Connection, ConnectionArgs, isDatabaseUnavailable, paginate } from '@greenlight/common';
import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiKeyPrincipal, memberIdOf } from '../context/principal';
import { TenantContext } from '../context/tenant-context';
import { WorkspaceScope } from '../context/workspace-scoped.repository';
import { ApiKey, ApiKeyScope } from '../entities';
import { randomSecret, sameHash, sha256 } from '../tokens/secrets';

/** `glk_<8-character prefix>_<43-character secret>` */
const KEY_FORMAT = /^glk_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * How long a key found valid in the database is let in from memory without asking it again. A
 * revocation on this instance applies at once; one made on another instance, within this time.
 */
export const VERIFIED_KEY_MS = 5_000;
/** How long a key checked against the database is still let in while the database cannot be reached. */
export const KNOWN_KEY_GRACE_MS = 10 * 60_000;
const MAX_KNOWN_KEYS = 10_000;

interface KnownKey {
  principal: ApiKeyPrincipal;
  /** When the database last found the key valid. */
  at: number;
}

/** The principal of a key the database found valid within VERIFIED_KEY_MS. */
function freshPrincipal(known: KnownKey | undefined): ApiKeyPrincipal | undefined {
  return known && Date.now() - known.at < VERIFIED_KEY_MS ? known.principal : undefined;
}

function newPrefix(): string {
  return Array.from({ length: 8 }, () => PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)]).join('');
}

function snapshot(key: ApiKey): Record<string, unknown> {
  return { name: key.name, prefix: key.prefix, scopes: key.scopes, revokedAt: key.revokedAt };
}

@Injectable()
export class ApiKeyService {
  /**
   * Keys lately found valid in the database, by the key's SHA-256: let in from memory for
   * VERIFIED_KEY_MS, and for KNOWN_KEY_GRACE_MS while the database cannot be reached.
   */
  private readonly known = new Map<string, KnownKey>();
  /** Bumped by every revocation, so a check that read the key before it is not remembered. */
  private revocations = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
    private readonly context: TenantContext,
  ) {}

  /** Creates a key in the current workspace; the plaintext is returned here and never again. */
  async create(name: string, scopes: readonly ApiKeyScope[]): Promise<{ apiKey: ApiKey; key: string }> {
    const prefix = newPrefix();
    const key = `glk_${prefix}_${randomSecret(32)}`;
    const principal = this.context.principal();
    return this.dataSource.transaction(async (manager) => {
      const apiKey = await this.scope.repository(ApiKey, 'API key', manager).insert({
        name: name.trim(),
        prefix,
        keyHash: sha256(key),
        scopes: [...new Set(scopes)],
        createdById: memberIdOf(principal),
      });
      await this.audit.record(
        { entity: 'api_key', entityId: apiKey.id, action: 'create', after: snapshot(apiKey) },
        manager,
      );
      return { apiKey, key };
    });
  }

  list(args: ConnectionArgs, includeRevoked = false): Promise<Connection<ApiKey>> {
    const query = this.scope
      .repository(ApiKey, 'API key')
      .query('k', (q) => (includeRevoked ? q : q.andWhere('k.revoked_at IS NULL')));
    return paginate(
      query,
      args,
      { expression: 'k.created_at', value: (row) => row.createdAt.toISOString(), part: 'timestamp', direction: 'DESC' },
      {
        expression: 'k.id',
        value: (row) => row.id,
      },
    );
  }

  async revoke(id: string): Promise<ApiKey> {
    this.revocations++;
    try {
      return await this.revokeInDatabase(id);
    } finally {
      this.revocations++;
      this.forget(id);
    }
  }

  /** Drops the key from memory: its next use is checked against the database. */
  private forget(apiKeyId: string): void {
    for (const [hash, known] of this.known) if (known.principal.apiKeyId === apiKeyId) this.known.delete(hash);
  }

  private revokeInDatabase(id: string): Promise<ApiKey> {
    return this.dataSource.transaction(async (manager) => {
      const keys = this.scope.repository(ApiKey, 'API key', manager);
      const apiKey = await keys.getById(id, { lock: true });
      if (apiKey.revokedAt) return apiKey;
      const before = snapshot(apiKey);
      apiKey.revokedAt = new Date();
      await keys.save(apiKey);
      await this.audit.record(
        { entity: 'api_key', entityId: apiKey.id, action: 'revoke', before, after: snapshot(apiKey) },
        manager,
      );
      return apiKey;
    });
  }

  /**
   * The principal for a valid, unrevoked key; null otherwise. A key the database found valid
   * within VERIFIED_KEY_MS is let in from memory; otherwise it is checked there, and its use
   * recorded at most once a minute. While the database cannot be reached, a key found valid in it
   * within KNOWN_KEY_GRACE_MS is still let in (so answers kept in memory can be served); a
   * revocation made meanwhile on another instance applies once the database is back.
   */
  async authenticate(key: string): Promise<ApiKeyPrincipal | null> {
    const match = KEY_FORMAT.exec(key);
    if (!match) return null;
    const keyHash = sha256(key);
    const known = this.known.get(keyHash);
    const verified = freshPrincipal(known);
    if (verified) return verified;
    const revocations = this.revocations;
    const repository = this.dataSource.getRepository(ApiKey);
    let row: ApiKey | null;
    try {
      row = await repository.findOneBy({ prefix: match[1] });
    } catch (error) {
      if (isDatabaseUnavailable(error) && known && Date.now() - known.at < KNOWN_KEY_GRACE_MS) return known.principal;
      throw error;
    }
    if (!row || row.revokedAt || !sameHash(row.keyHash, keyHash)) {
      this.known.delete(keyHash);
      return null;
    }
    const principal: ApiKeyPrincipal = { kind: 'api_key', workspaceId: row.workspaceId, apiKeyId: row.id, scopes: row.scopes };
    if (revocations === this.revocations) this.remember(keyHash, principal);
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await repository
        .createQueryBuilder()
        .update()
        .set({ lastUsedAt: () => 'now()' })
        .where('workspace_id = :workspaceId AND id = :id', { workspaceId: row.workspaceId, id: row.id })
        .andWhere(`(last_used_at IS NULL OR last_used_at <= now() - interval '1 minute')`)
        .execute();
    }
    return principal;
  }

  /**
   * The principal of a key the database found valid within VERIFIED_KEY_MS, without asking it;
   * undefined when only the database can tell (then `authenticate`).
   */
  verifiedInMemory(key: string): ApiKeyPrincipal | undefined {
    if (!KEY_FORMAT.test(key)) return undefined;
    return freshPrincipal(this.known.get(sha256(key)));
  }

  private remember(keyHash: string, principal: ApiKeyPrincipal): void {
    this.known.delete(keyHash);
    if (this.known.size >= MAX_KNOWN_KEYS) this.known.delete(this.known.keys().next().value!);
    this.known.set(keyHash, { principal, at: Date.now() });
  }
}
