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
/** How long a key checked against the database is still let in while the database cannot be reached. */
const KNOWN_KEY_GRACE_MS = 10 * 60_000;
const MAX_KNOWN_KEYS = 10_000;

function newPrefix(): string {
  return Array.from({ length: 8 }, () => PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)]).join('');
}

function snapshot(key: ApiKey): Record<string, unknown> {
  return { name: key.name, prefix: key.prefix, scopes: key.scopes, revokedAt: key.revokedAt };
}

@Injectable()
export class ApiKeyService {
  /** Keys lately found valid in the database, by prefix: let in while it cannot be reached. */
  private readonly known = new Map<string, { keyHash: string; principal: ApiKeyPrincipal; at: number }>();

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
    return this.dataSource.transaction(async (manager) => {
      const keys = this.scope.repository(ApiKey, 'API key', manager);
      const apiKey = await keys.getById(id, { lock: true });
      if (apiKey.revokedAt) return apiKey;
      const before = snapshot(apiKey);
      apiKey.revokedAt = new Date();
      await keys.save(apiKey);
      this.known.delete(apiKey.prefix);
      await this.audit.record(
        { entity: 'api_key', entityId: apiKey.id, action: 'revoke', before, after: snapshot(apiKey) },
        manager,
      );
      return apiKey;
    });
  }

  /**
   * The principal for a valid, unrevoked key; null otherwise. Records the use at most once a
   * minute. While the database cannot be reached, a key found valid in it within
   * KNOWN_KEY_GRACE_MS is still let in (so answers kept in memory can be served); a revocation
   * made meanwhile applies once the database is back.
   */
  async authenticate(key: string): Promise<ApiKeyPrincipal | null> {
    const match = KEY_FORMAT.exec(key);
    if (!match) return null;
    const repository = this.dataSource.getRepository(ApiKey);
    let row: ApiKey | null;
    try {
      row = await repository.findOneBy({ prefix: match[1] });
    } catch (error) {
      const known = this.known.get(match[1]);
      if (isDatabaseUnavailable(error) && known && Date.now() - known.at < KNOWN_KEY_GRACE_MS && sameHash(known.keyHash, sha256(key)))
        return known.principal;
      throw error;
    }
    if (!row || row.revokedAt || !sameHash(row.keyHash, sha256(key))) {
      this.known.delete(match[1]);
      return null;
    }
    const principal: ApiKeyPrincipal = { kind: 'api_key', workspaceId: row.workspaceId, apiKeyId: row.id, scopes: row.scopes };
    this.known.delete(match[1]);
    if (this.known.size >= MAX_KNOWN_KEYS) this.known.delete(this.known.keys().next().value!);
    this.known.set(match[1], { keyHash: row.keyHash, principal, at: Date.now() });
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
}
