import { EntityManager } from 'typeorm';
import { StagesService } from '../stages/stages.service';
import { ImportRowError } from './import-report';

/** A row read from the file: its line, and its cells keyed by our field names. */
export interface SourceRow {
  line: number;
  cells: Record<string, string>;
}

export interface BatchResult {
  created: number;
  updated: number;
  errors: ImportRowError[];
}

/** Everything a batch writer needs about where it writes. */
export interface ImportScope {
  manager: EntityManager;
  workspaceId: string;
  /** The member running the import, or null for the CLI. */
  memberId: string | null;
  dryRun: boolean;
  /** The pipeline: where new accounts start, and the history of their stages. */
  stages: StagesService;
}

export type BatchWriter = (scope: ImportScope, rows: SourceRow[]) => Promise<BatchResult>;

export const rowError = (line: number, field: string, message: string): ImportRowError => ({
  line,
  field,
  message,
});

/** Member ids by lower-case e-mail (for owner columns). */
export async function membersByEmail(
  manager: EntityManager,
  workspaceId: string,
  emails: string[],
): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows: { id: string; email: string }[] = await manager.query(
    `SELECT m.id, u.email FROM membership m JOIN user_account u ON u.id = m.user_id
      WHERE m.workspace_id = $1 AND u.email = ANY($2)`,
    [workspaceId, emails],
  );
  return new Map(rows.map((row) => [row.email, row.id]));
}

/** Contacts holding any of these (lower-case) e-mail addresses, by address. */
export async function contactsByEmail(
  manager: EntityManager,
  workspaceId: string,
  emails: string[],
): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows: { id: string; email: string }[] = await manager.query(
    `SELECT c.id, e.email FROM unnest($2::text[]) AS e(email)
       CROSS JOIN LATERAL (SELECT id FROM contact WHERE workspace_id = $1 AND emails @> ARRAY[e.email]) c`,
    [workspaceId, emails],
  );
  return new Map(rows.map((row) => [row.email, row.id]));
}

/** Accounts matching these names (lower case) or domains. */
export async function accountsByNameOrDomain(
  manager: EntityManager,
  workspaceId: string,
  names: string[],
  domains: string[],
): Promise<{ byName: Map<string, string>; byDomain: Map<string, string> }> {
  // One indexed probe per name or domain (a single OR over arrays would scan the table).
  const rows: { id: string; name: string; domains: string[] }[] =
    names.length || domains.length
      ? await manager.query(
          `SELECT id, lower(name) AS name, domains, archived_at, created_at FROM account WHERE workspace_id = $1 AND lower(name) = ANY($2)
           UNION
           SELECT a.id, lower(a.name), a.domains, a.archived_at, a.created_at
             FROM unnest($3::text[]) AS d(domain)
             CROSS JOIN LATERAL (SELECT * FROM account WHERE workspace_id = $1 AND domains @> ARRAY[d.domain]) a
           ORDER BY archived_at NULLS FIRST, created_at`,
          [workspaceId, names, [...new Set(domains)]],
        )
      : [];
  const byName = new Map<string, string>();
  const byDomain = new Map<string, string>();
  for (const row of rows) {
    if (!byName.has(row.name)) byName.set(row.name, row.id);
    for (const domain of row.domains) if (!byDomain.has(domain)) byDomain.set(domain, row.id);
  }
  return { byName, byDomain };
}
