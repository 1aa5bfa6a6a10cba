import { TenantContext, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { dashboardCacheSql } from './dashboard-cache.sql';

/** Answers kept, across workspaces; the least recently used goes first. */
export const DASHBOARD_CACHE_ENTRIES = 1000;

const DATA_VERSION = Symbol('greenlight.dashboard-data-version');

interface Entry {
  version: string;
  value: Promise<unknown>;
}

/**
 * Dashboard answers kept per workspace, figure and arguments, valid while the workspace's data
 * version is the one they were computed at: every transaction that changes what dashboards read
 * raises it (CRM tables by a deferred trigger, the rollup worker and a rebuild in their statements),
 * so an answer is never older than the data committed before it was asked for. The version is read
 * before the figure is computed, so an answer is filed under a version at most as new as its data;
 * it is read once per request, shared by the request's figures (all asked for once it began).
 * Callers asking for the same figure at once share one computation.
 */
@Injectable()
export class DashboardCache {
  private readonly entries = new Map<string, Entry>();
  private enabled = true;

  constructor(
    private readonly db: TenantSql,
    private readonly context: TenantContext,
  ) {}

  /** The figure `name` for `args` (JSON), from the cache while the data has not changed, else `compute`d. */
  async remember<T>(name: string, args: unknown, compute: () => Promise<T>): Promise<T> {
    if (!this.enabled) return compute();
    const version = await this.version();
    const key = `${this.context.currentWorkspaceId()}\u0000${name}\u0000${JSON.stringify(args)}`;
    const found = this.entries.get(key);
    this.entries.delete(key);
    if (found?.version === version) {
      this.entries.set(key, found);
      return found.value as Promise<T>;
    }
    const value = compute();
    this.entries.set(key, { version, value });
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    if (this.entries.size > DASHBOARD_CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  private version(): Promise<string> {
    return this.context.perRequest(DATA_VERSION, async () => {
      const { version } = (await this.db.first<{ version: string }>(dashboardCacheSql.version()))!;
      return version;
    });
  }

  /** Turns the cache off (every figure computed) or on again, emptied: benchmarks measure both. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.entries.clear();
  }
}
