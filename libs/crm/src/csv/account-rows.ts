import { randomUUID } from 'node:crypto';
import { AccountKind } from '../enums';
import { DOMAIN } from '../accounts/account.inputs';
import { StageEntry } from '../stages/stages.service';
import { domainOf, list, parseAccountKind } from './csv-columns';
import { csvSql } from '../sql/csv.sql';
import { accountsByNameOrDomain, BatchWriter, ImportSql, membersByEmail, rowError, SourceRow } from './row-writers';
import { ImportRowError } from './import-report';

interface AccountRow {
  line: number;
  name: string;
  kind?: AccountKind;
  domains: string[];
  website?: string;
  region?: string;
  tier?: string;
  expectedAnnualValue?: number;
  currency?: string;
  tags: string[];
  ownerEmail?: string;
  stage?: string;
  /** The parent account's name. */
  parent?: string;
}

function parse(row: SourceRow): AccountRow | ImportRowError {
  const { cells, line } = row;
  const name = cells.name?.trim();
  if (!name) return rowError(line, 'name', 'name is required');
  if (name.length > 200) return rowError(line, 'name', 'name must be at most 200 characters');
  let kind: AccountKind | undefined;
  if (cells.kind?.trim()) {
    kind = parseAccountKind(cells.kind);
    if (!kind)
      return rowError(
        line,
        'kind',
        `kind "${cells.kind}" is not one of: ${Object.values(AccountKind).join(', ')}`,
      );
  }
  const domains = [
    ...new Set([...list(cells.domains), ...(cells.website ? [cells.website] : [])].map(domainOf)),
  ];
  const bad = domains.find((domain) => !DOMAIN.test(domain));
  if (bad) return rowError(line, 'domains', `"${bad}" is not a domain name`);
  let expectedAnnualValue: number | undefined;
  if (cells.expectedAnnualValue?.trim()) {
    expectedAnnualValue = Number(cells.expectedAnnualValue.replace(/[$€£,\s]/g, ''));
    if (!Number.isFinite(expectedAnnualValue) || expectedAnnualValue < 0 || expectedAnnualValue > 1e12) {
      return rowError(
        line,
        'expectedAnnualValue',
        `expectedAnnualValue "${cells.expectedAnnualValue}" is not an amount`,
      );
    }
  }
  const currency = cells.currency?.trim().toUpperCase() || undefined;
  if (currency && !/^[A-Z]{3}$/.test(currency))
    return rowError(line, 'currency', 'currency must be a three-letter ISO 4217 code');
  const website = cells.website?.trim() || undefined;
  return {
    line,
    name,
    kind,
    domains,
    region: cells.region?.trim() || undefined,
    tier: cells.tier?.trim() || undefined,
    website: website && !/^https?:\/\//i.test(website) ? `https://${website}` : website,
    expectedAnnualValue,
    currency,
    tags: list(cells.tags),
    ownerEmail: cells.owner?.trim().toLowerCase() || undefined,
    stage: cells.stage?.trim().toLowerCase() || undefined,
    parent: cells.parent?.trim() || undefined,
  };
}

/** Upserts accounts: an existing account is found by any of its domains, else by name. */
export const writeAccounts: BatchWriter = async ({ manager, query, dryRun, stages: pipeline }, rows) => {
  const errors: ImportRowError[] = [];
  const parsed: AccountRow[] = [];
  for (const row of rows) {
    const result = parse(row);
    if ('message' in result) errors.push(result);
    else parsed.push(result);
  }
  const owners = await membersByEmail(query, [
    ...new Set(parsed.flatMap((row) => (row.ownerEmail ? [row.ownerEmail] : []))),
  ]);
  // a new workspace gets its pipeline here, before its first accounts land in it
  const stages = await pipeline.list(manager);
  const initial = await pipeline.initialStage(manager);
  const existing = await accountsByNameOrDomain(
    query,
    parsed.flatMap((row) => [row.name.toLowerCase(), ...(row.parent ? [row.parent.toLowerCase()] : [])]),
    parsed.flatMap((row) => row.domains),
  );

  const creates = new Map<string, Record<string, unknown>>();
  const updates = new Map<string, Record<string, unknown>>();
  const entries: StageEntry[] = [];
  /** The parent each account of the file is given, and the line that gives it. */
  const parents = new Map<string, { parentId: string; line: number }>();
  const now = new Date();
  for (const row of parsed) {
    const ownerId = row.ownerEmail ? owners.get(row.ownerEmail) : undefined;
    if (row.ownerEmail && !ownerId) {
      errors.push(rowError(row.line, 'owner', `owner "${row.ownerEmail}" is not a member of this workspace`));
      continue;
    }
    const stage = row.stage
      ? stages.find((candidate) => candidate.key === row.stage || candidate.name.toLowerCase() === row.stage)
      : undefined;
    if (row.stage && !stage) {
      errors.push(
        rowError(
          row.line,
          'stage',
          `stage "${row.stage}" is not in the pipeline (${stages.map((s) => s.key).join(', ')})`,
        ),
      );
      continue;
    }
    const id =
      row.domains.map((domain) => existing.byDomain.get(domain)).find(Boolean) ??
      existing.byName.get(row.name.toLowerCase());
    // the parent is found by name among the workspace's accounts, those of earlier lines included
    const parentId = row.parent ? existing.byName.get(row.parent.toLowerCase()) : undefined;
    if (row.parent && !parentId) {
      errors.push(rowError(row.line, 'parent', `parent "${row.parent}" is not an account of this workspace`));
      continue;
    }
    if (parentId && parentId === id) {
      errors.push(rowError(row.line, 'parent', 'an account cannot be its own parent'));
      continue;
    }
    if (id && !creates.has(id)) {
      updates.set(id, {
        ...updates.get(id),
        id,
        ...defined({
          kind: row.kind,
          website: row.website,
          region: row.region,
          tier: row.tier,
          expected_annual_value: row.expectedAnnualValue,
          currency: row.currency,
          owner_id: ownerId,
          parent_id: parentId,
        }),
        domains: row.domains,
        tags: row.tags,
        stage_id: stage?.id ?? null,
      });
      if (parentId) parents.set(id, { parentId, line: row.line });
      continue;
    }
    const key = id ?? randomUUID();
    if (parentId) parents.set(key, { parentId, line: row.line });
    const previous = creates.get(key);
    creates.set(key, {
      ...previous,
      id: key,
      name: row.name,
      kind: row.kind ?? previous?.kind ?? AccountKind.OTHER,
      owner_id: ownerId ?? previous?.owner_id ?? null,
      parent_id: parentId ?? previous?.parent_id ?? null,
      region: row.region ?? previous?.region ?? null,
      tier: row.tier ?? previous?.tier ?? null,
      website: row.website ?? previous?.website ?? null,
      domains: [...new Set([...((previous?.domains as string[]) ?? []), ...row.domains])],
      expected_annual_value: row.expectedAnnualValue ?? previous?.expected_annual_value ?? null,
      currency: row.currency ?? previous?.currency ?? 'USD',
      tags: row.tags,
      stage_id: (stage ?? initial).id,
      stage_entered_at: now,
    });
    existing.byName.set(row.name.toLowerCase(), key);
    for (const domain of row.domains) existing.byDomain.set(domain, key);
  }
  // an existing account given a parent below it (directly, or through the file's other lines) is refused
  for (const id of await ownAncestors(query, parents)) {
    if (!updates.delete(id)) continue;
    errors.push(
      rowError(parents.get(id)!.line, 'parent', 'the parent would make the account its own ancestor'),
    );
  }
  if (!dryRun && creates.size) {
    const values = [...creates.values()];
    await query(csvSql.insertAccounts(JSON.stringify(values)));
    for (const value of values)
      entries.push({ accountId: value.id as string, fromStageId: null, toStageId: value.stage_id as string });
  }
  if (!dryRun && updates.size) {
    const values = [...updates.values()];
    const moved = await query<{ id: string; from_stage: string; to_stage: string }>(
      csvSql.updateAccounts(JSON.stringify(values)),
    );
    for (const row of moved)
      if (row.from_stage !== row.to_stage)
        entries.push({ accountId: row.id, fromStageId: row.from_stage, toStageId: row.to_stage });
  }
  if (!dryRun) await pipeline.recordEntries(manager, entries, 'imported', now);
  return { created: creates.size, updated: updates.size, errors };
};

/**
 * The accounts of `parents` that the new parents would make their own ancestor: each is followed up
 * through the file's parents, else the stored ones.
 */
async function ownAncestors(
  query: ImportSql,
  parents: Map<string, { parentId: string }>,
): Promise<string[]> {
  if (!parents.size) return [];
  const stored = await query<{ id: string; parent_id: string | null }>(
    csvSql.ancestors([...new Set([...parents.values()].map((parent) => parent.parentId))]),
  );
  const storedParent = new Map(stored.map((row) => [row.id, row.parent_id]));
  const parentOf = (id: string) => parents.get(id)?.parentId ?? storedParent.get(id) ?? null;
  return [...parents.keys()].filter((id) => {
    const seen = new Set<string>();
    for (let node = parentOf(id); node && !seen.has(node); node = parentOf(node)) {
      if (node === id) return true;
      seen.add(node);
    }
    return false;
  });
}

function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
