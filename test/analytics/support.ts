import { Role } from '@greenlight/identity';
import { DataSource } from 'typeorm';
import { Caller, CrmWorld, createAccount } from '../crm/support';
import { TestApp } from '../support/test-app';

export const DAY = 86_400_000;

/** A small deterministic generator, so a failing data set can be rebuilt. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

export interface RawStage {
  id: string;
  key: string;
  position: number;
  category: string;
  archived_at: Date | null;
}

export interface RawAccount {
  id: string;
  owner_id: string | null;
  kind: string;
  region: string | null;
  expected_annual_value: string | null;
  currency: string;
  archived_at: Date | null;
  stage_id: string;
}

export interface RawTransition {
  id: string;
  account_id: string;
  to_stage_id: string;
  at: Date;
}

/** The same filter the dashboards take, applied in TypeScript to raw account rows. */
export interface Filter {
  ownerIds?: string[];
  kinds?: string[];
  regions?: string[];
  includeArchived?: boolean;
}

export function matches(account: RawAccount, filter: Filter): boolean {
  if (!filter.includeArchived && account.archived_at) return false;
  if (filter.ownerIds && !filter.ownerIds.includes(account.owner_id ?? '')) return false;
  if (filter.kinds && !filter.kinds.map((kind) => kind.toLowerCase()).includes(account.kind)) return false;
  if (filter.regions && !filter.regions.map((r) => r.toLowerCase()).includes((account.region ?? '').toLowerCase()))
    return false;
  return true;
}

export const narrows = (filter: Filter) => Boolean(filter.ownerIds || filter.kinds || filter.regions);

/** Linear interpolation between the closest ranks, like PostgreSQL's percentile_cont. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export class RawRows {
  constructor(
    private readonly db: DataSource,
    private readonly workspaceId: string,
  ) {}

  stages(): Promise<RawStage[]> {
    return this.db.query('SELECT id, key, position, category, archived_at FROM stage WHERE workspace_id = $1', [
      this.workspaceId,
    ]);
  }

  accounts(): Promise<RawAccount[]> {
    return this.db.query(
      `SELECT id, owner_id, kind::text AS kind, region, expected_annual_value::text, currency, archived_at, stage_id
         FROM account WHERE workspace_id = $1`,
      [this.workspaceId],
    );
  }

  transitions(): Promise<RawTransition[]> {
    return this.db.query(
      'SELECT id, account_id, to_stage_id, at FROM stage_transition WHERE workspace_id = $1 ORDER BY account_id, at, id',
      [this.workspaceId],
    );
  }
}

export const OWNER_ROLES = [Role.ADMIN, Role.PARTNERSHIPS, Role.ACCOUNT_MANAGER];
export const KINDS = ['STUDIO', 'STREAMER', 'NETWORK', 'TALENT_AGENCY'];
export const REGIONS = ['Los Angeles', 'London', 'london', null];

/**
 * Accounts with a year of stage history: created through the API, their creation moved a year back
 * and a walk of moves (forward, back, to paused or lost) inserted in SQL with past times, the
 * current stage kept equal to the last move; then moves and archiving through the API.
 */
export async function seedPipeline(
  api: TestApp,
  world: CrmWorld,
  seed: number,
  count = 18,
): Promise<{ accountIds: string[]; instants: Date[] }> {
  const rng = random(seed);
  const db = api.app.get(DataSource);
  const rep = world.as[Role.PARTNERSHIPS];
  const { stages } = await rep.data<{ stages: { id: string; key: string; category: string }[] }>(
    '{ stages { id key category } }',
  );
  const funnel = stages.filter((stage) => ['OPEN', 'WON'].includes(stage.category));
  const exits = stages.filter((stage) => !['OPEN', 'WON'].includes(stage.category));
  const now = Date.now();
  const accountIds: string[] = [];
  const instants: Date[] = [];
  for (let i = 0; i < count; i++) {
    const account = await createAccount(rep, {
      name: `Figure ${String(i).padStart(2, '0')} ${pick(rng, ['Pictures', 'Stream', 'Talent'])}`,
      kind: KINDS[i % KINDS.length],
      ownerId: world.workspace.members[OWNER_ROLES[i % 3]].memberId,
      region: REGIONS[(i >> 1) % REGIONS.length],
      expectedAnnualValue: i % 5 === 4 ? null : 10_000 * (1 + (i % 7)) + 0.25 * i,
      currency: i % 4 === 3 ? 'EUR' : 'USD',
    });
    accountIds.push(account.id);
    let at = now - (330 + Math.floor(rng() * 30)) * DAY - Math.floor(rng() * DAY);
    await db.query(`UPDATE stage_transition SET at = $2 WHERE account_id = $1`, [account.id, new Date(at)]);
    let position = 0;
    let from = funnel[0].id;
    const moves = 2 + Math.floor(rng() * 6);
    for (let m = 0; m < moves; m++) {
      at += Math.floor((1 + rng() * 50) * DAY);
      if (at > now - DAY) break;
      const roll = rng();
      let to: string;
      if (roll < 0.6 && position < funnel.length - 1) to = funnel[++position].id;
      else if (roll < 0.8 && position > 0) to = funnel[--position].id;
      else if (roll < 0.9) to = pick(rng, exits).id;
      else to = funnel[(position = Math.min(funnel.length - 1, position + 2))].id;
      if (to === from) continue;
      await db.query(
        `INSERT INTO stage_transition (workspace_id, account_id, from_stage_id, to_stage_id, at, reason)
         VALUES ($1, $2, $3, $4, $5, 'history')`,
        [world.workspace.id, account.id, from, to, new Date(at)],
      );
      if (instants.length < 3 && rng() < 0.3) instants.push(new Date(at));
      from = to;
    }
    await db.query(
      `UPDATE account SET stage_id = $2, stage_entered_at = $3 WHERE id = $1`,
      [account.id, from, new Date(at)],
    );
  }
  const moveTo = async (caller: Caller, accountId: string, key: string) => {
    const stage = stages.find((candidate) => candidate.key === key)!;
    const [{ stage_id }] = await db.query('SELECT stage_id FROM account WHERE id = $1', [accountId]);
    if (stage_id === stage.id) return;
    await caller.data(
      'mutation ($input: MoveAccountStageInput!) { moveAccountStage(input: $input) { id } }',
      { input: { accountId, stageId: stage.id, reason: 'dashboard test' } },
    );
  };
  await moveTo(rep, accountIds[0], 'pilot');
  await moveTo(rep, accountIds[0], 'engaged');
  await moveTo(world.as[Role.ACCOUNT_MANAGER], accountIds[1], 'negotiation');
  for (const id of [accountIds[2], accountIds[7]])
    await rep.data('mutation ($id: ID!) { archiveAccount(id: $id) { id } }', { id });
  accountIds.push((await createAccount(rep, { name: 'Figure newcomer', kind: 'STUDIO', region: 'London' })).id);
  return { accountIds, instants };
}

/** The dashboard filters each reconciliation runs, from none to combined. */
export function filtersOf(world: CrmWorld): Filter[] {
  const member = (role: Role) => world.workspace.members[role].memberId;
  return [
    {},
    { includeArchived: true },
    { ownerIds: [member(Role.PARTNERSHIPS)] },
    { kinds: ['STUDIO', 'NETWORK'] },
    { regions: ['LONDON'] },
    { ownerIds: [member(Role.ADMIN), member(Role.ACCOUNT_MANAGER)], kinds: ['STREAMER', 'STUDIO'], includeArchived: true },
  ];
}

/** Pages through a drill-down connection, `first` at a time, and returns every account id. */
export async function allPages(
  fetchPage: (after: string | null) => Promise<{ edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await fetchPage(after);
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
  throw new Error('drill-down never ended');
}
