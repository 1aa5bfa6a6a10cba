import { randomUUID } from 'node:crypto';
import { ContactKind } from '../enums';
import { EMAIL, domainOf, parseContactKind } from './csv-columns';
import { csvSql } from '../sql/csv.sql';
import { ImportRowError } from './import-report';
import {
  accountsByNameOrDomain,
  BatchWriter,
  contactsByEmail,
  membersByEmail,
  rowError,
  SourceRow,
} from './row-writers';

interface ContactRow {
  line: number;
  name: string;
  email?: string;
  phone?: string;
  title?: string;
  kind?: ContactKind;
  company?: string;
  ownerEmail?: string;
  notes?: string;
  relationshipStrength?: number;
}

function parse({ line, cells }: SourceRow): ContactRow | ImportRowError {
  const name = (
    cells.name?.trim() ||
    [cells.firstName, cells.lastName]
      .map((part) => part?.trim())
      .filter(Boolean)
      .join(' ')
  ).trim();
  if (!name) return rowError(line, 'name', 'name (or first and last name) is required');
  if (name.length > 200) return rowError(line, 'name', 'name must be at most 200 characters');
  const email = cells.email?.trim().toLowerCase() || undefined;
  if (email && !EMAIL.test(email))
    return rowError(line, 'email', `"${cells.email}" is not an e-mail address`);
  let kind: ContactKind | undefined;
  if (cells.kind?.trim()) {
    kind = parseContactKind(cells.kind);
    if (!kind)
      return rowError(
        line,
        'kind',
        `kind "${cells.kind}" is not one of: ${Object.values(ContactKind).join(', ')}`,
      );
  }
  let relationshipStrength: number | undefined;
  if (cells.relationshipStrength?.trim()) {
    relationshipStrength = Number(cells.relationshipStrength);
    if (!Number.isInteger(relationshipStrength) || relationshipStrength < 1 || relationshipStrength > 5) {
      return rowError(
        line,
        'relationshipStrength',
        'relationshipStrength must be a whole number from 1 to 5',
      );
    }
  }
  const phone = cells.phone?.trim() || undefined;
  if (phone && !/^\+?[0-9 ().-]{5,30}$/.test(phone))
    return rowError(line, 'phone', `"${phone}" is not a phone number`);
  return {
    line,
    name,
    email,
    phone,
    kind,
    relationshipStrength,
    title: cells.title?.trim() || undefined,
    company: cells.company?.trim() || undefined,
    ownerEmail: cells.owner?.trim().toLowerCase() || undefined,
    notes: cells.notes?.trim() || undefined,
  };
}

/**
 * Upserts contacts by e-mail. A company column (or the e-mail's domain) links the contact to an
 * existing account with a current position there.
 */
export const writeContacts: BatchWriter = async ({ query, dryRun }, rows) => {
  const errors: ImportRowError[] = [];
  const parsed: ContactRow[] = [];
  for (const row of rows) {
    const result = parse(row);
    if ('message' in result) errors.push(result);
    else parsed.push(result);
  }
  const owners = await membersByEmail(query, [
    ...new Set(parsed.flatMap((row) => (row.ownerEmail ? [row.ownerEmail] : []))),
  ]);
  const emails = [...new Set(parsed.flatMap((row) => (row.email ? [row.email] : [])))];
  const byEmail = await contactsByEmail(query, emails);
  const accounts = await accountsByNameOrDomain(
    query,
    parsed.flatMap((row) => (row.company ? [row.company.toLowerCase()] : [])),
    parsed.flatMap((row) => (row.email ? [domainOf(row.email)] : [])),
  );

  const creates = new Map<string, Record<string, unknown>>();
  const updates = new Map<string, Record<string, unknown>>();
  const positions: { contact_id: string; account_id: string; title: string | null }[] = [];
  for (const row of parsed) {
    const ownerId = row.ownerEmail ? owners.get(row.ownerEmail) : undefined;
    if (row.ownerEmail && !ownerId) {
      errors.push(rowError(row.line, 'owner', `owner "${row.ownerEmail}" is not a member of this workspace`));
      continue;
    }
    const accountId = row.company
      ? accounts.byName.get(row.company.toLowerCase())
      : row.email
        ? accounts.byDomain.get(domainOf(row.email))
        : undefined;
    if (row.company && !accountId) {
      errors.push(
        rowError(row.line, 'company', `no account named "${row.company}": import the accounts first`),
      );
      continue;
    }
    const existing = row.email ? byEmail.get(row.email) : undefined;
    const values = {
      name: row.name,
      title: row.title ?? null,
      kind: row.kind ?? null,
      phones: row.phone ? [row.phone] : [],
      owner_id: ownerId ?? null,
      notes: row.notes ?? null,
      relationship_strength: row.relationshipStrength ?? null,
    };
    const contactId = existing ?? randomUUID();
    if (existing && !creates.has(existing)) {
      updates.set(existing, { id: existing, ...values });
    } else {
      creates.set(contactId, {
        id: contactId,
        ...values,
        kind: row.kind ?? ContactKind.OTHER,
        emails: row.email ? [row.email] : [],
      });
      if (row.email) byEmail.set(row.email, contactId);
    }
    if (accountId) positions.push({ contact_id: contactId, account_id: accountId, title: row.title ?? null });
  }
  if (!dryRun && creates.size) {
    await query(csvSql.insertContacts(JSON.stringify([...creates.values()])));
  }
  if (!dryRun && updates.size) {
    await query(csvSql.updateContacts(JSON.stringify([...updates.values()])));
  }
  if (!dryRun && positions.length) {
    await query(csvSql.insertPositions(JSON.stringify(positions)));
  }
  return { created: creates.size, updated: updates.size, errors };
};
