import { Connection, ConnectionArgs, paginate } from '@greenlight/common';
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

function newPrefix(): string {
  return Array.from({ length: 8 }, () => PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)]).join('');
}

function snapshot(key: ApiKey): Record<string, unknown> {
  return { name: key.name, prefix: key.prefix, scopes: key.scopes, revokedAt: key.revokedAt };
}

@Injectable()
export class ApiKeyService {
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
      await this.audit.record(
        { entity: 'api_key', entityId: apiKey.id, action: 'revoke', before, after: snapshot(apiKey) },
        manager,
      );
      return apiKey;
    });
  }

  /** The principal for a valid, unrevoked key; null otherwise. Records the use at most once a minute. */
  async authenticate(key: string): Promise<ApiKeyPrincipal | null> {
    const match = KEY_FORMAT.exec(key);
    if (!match) return null;
    const repository = this.dataSource.getRepository(ApiKey);
    const row = await repository.findOneBy({ prefix: match[1] });
    if (!row || row.revokedAt || !sameHash(row.keyHash, sha256(key))) return null;
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await repository
        .createQueryBuilder()
        .update()
        .set({ lastUsedAt: () => 'now()' })
        .where('workspace_id = :workspaceId AND id = :id', { workspaceId: row.workspaceId, id: row.id })
        .andWhere(`(last_used_at IS NULL OR last_used_at <= now() - interval '1 minute')`)
        .execute();
    }
    return { kind: 'api_key', workspaceId: row.workspaceId, apiKeyId: row.id, scopes: row.scopes };
  }
}
