import { SqlFragment } from '@greenlight/identity';
import { EntityManager } from 'typeorm';
import { csvSql } from '../sql/csv.sql';
import { StagesService } from '../stages/stages.service';
import { ImportRowError } from './import-report';

/** A row read from the file: its line, and its cells keyed by our field names. */
export interface SourceRow {
  line: number;
  cells: Record<string, string>;
}

interface BatchResult {
  created: number;
  updated: number;
  errors: ImportRowError[];
}

/** Everything a batch writer needs about where it writes. */
interface ImportScope {
  manager: EntityManager;
  /** Runs a statement in the batch's transaction, in the import's workspace. */
  query: ImportSql;
  /** The member running the import, or null for the CLI. */
  memberId: string | null;
  dryRun: boolean;
  /** The pipeline: where new accounts start, and the history of their stages. */
  stages: StagesService;
}

export type ImportSql = <Row = Record<string, unknown>>(statement: SqlFragment) => Promise<Row[]>;

export type BatchWriter = (scope: ImportScope, rows: SourceRow[]) => Promise<BatchResult>;

export const rowError = (line: number, field: string, message: string): ImportRowError => ({
  line,
  field,
  message,
});

/** Member ids by lower-case e-mail (for owner columns). */
export async function membersByEmail(query: ImportSql, emails: string[]): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows = await query<{ id: string; email: string }>(csvSql.membersByEmail(emails));
  return new Map(rows.map((row) => [row.email, row.id]));
}

/** Contacts holding any of these (lower-case) e-mail addresses, by address. */
export async function contactsByEmail(query: ImportSql, emails: string[]): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows = await query<{ id: string; email: string }>(csvSql.contactsByEmail(emails));
  return new Map(rows.map((row) => [row.email, row.id]));
}

/** Accounts matching these names (lower case) or domains. */
export async function accountsByNameOrDomain(
  query: ImportSql,
  names: string[],
  domains: string[],
): Promise<{ byName: Map<string, string>; byDomain: Map<string, string> }> {
  // One indexed probe per name or domain (a single OR over arrays would scan the table).
  const rows =
    names.length || domains.length
      ? await query<{ id: string; name: string; domains: string[] }>(
          csvSql.accountsByNameOrDomain(names, [...new Set(domains)]),
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
