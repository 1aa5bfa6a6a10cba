import { randomUUID } from 'node:crypto';
import { InteractionKind, Sentiment } from '../enums';
import { EMAIL, list, parseInteractionKind, parseSentiment } from './csv-columns';
import { ImportRowError } from './import-report';
import { csvSql } from '../sql/csv.sql';
import { accountsByNameOrDomain, BatchWriter, contactsByEmail, rowError, SourceRow } from './row-writers';

interface InteractionRow {
  line: number;
  kind: InteractionKind;
  occurredAt: Date;
  summary: string;
  account: string;
  contacts: string[];
  durationMinutes?: number;
  location?: string;
  sentiment?: Sentiment;
  nextSteps?: string;
  timeZone: string;
}

function parse({ line, cells }: SourceRow): InteractionRow | ImportRowError {
  const kind = cells.kind?.trim() ? parseInteractionKind(cells.kind) : InteractionKind.MEETING;
  if (!kind)
    return rowError(
      line,
      'kind',
      `kind "${cells.kind}" is not one of: ${Object.values(InteractionKind).join(', ')}`,
    );
  const occurredAt = new Date(cells.occurredAt?.trim() ?? '');
  if (!cells.occurredAt?.trim() || Number.isNaN(occurredAt.getTime()))
    return rowError(
      line,
      'occurredAt',
      'occurredAt must be a date, such as 2026-03-01 or 2026-03-01T15:00:00Z',
    );
  const summary = [cells.subject?.trim(), cells.summary?.trim()].filter(Boolean).join(': ');
  if (!summary) return rowError(line, 'summary', 'summary (or subject) is required');
  if (summary.length > 50_000) return rowError(line, 'summary', 'summary must be at most 50000 characters');
  const account = cells.account?.trim();
  if (!account) return rowError(line, 'account', 'account is required');
  const contacts = list(cells.contacts).map((email) => email.toLowerCase());
  const bad = contacts.find((email) => !EMAIL.test(email));
  if (bad) return rowError(line, 'contacts', `"${bad}" is not an e-mail address`);
  let durationMinutes: number | undefined;
  if (cells.durationMinutes?.trim()) {
    durationMinutes = Number(cells.durationMinutes);
    if (!Number.isInteger(durationMinutes) || durationMinutes < 0 || durationMinutes > 10_080)
      return rowError(line, 'durationMinutes', 'durationMinutes must be a whole number of minutes');
  }
  let sentiment: Sentiment | undefined;
  if (cells.sentiment?.trim()) {
    sentiment = parseSentiment(cells.sentiment);
    if (!sentiment) return rowError(line, 'sentiment', 'sentiment must be positive, neutral or negative');
  }
  const timeZone = cells.timeZone?.trim() || 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return rowError(line, 'timeZone', `"${timeZone}" is not an IANA time zone`);
  }
  return {
    line,
    kind,
    occurredAt,
    summary,
    account,
    contacts,
    durationMinutes,
    sentiment,
    timeZone,
    location: cells.location?.trim() || undefined,
    nextSteps: cells.nextSteps?.trim() || undefined,
  };
}

/** Adds interactions to existing accounts, with attendees found by e-mail. */
export const writeInteractions: BatchWriter = async ({ query, memberId, dryRun }, rows) => {
  const errors: ImportRowError[] = [];
  const parsed: InteractionRow[] = [];
  for (const row of rows) {
    const result = parse(row);
    if ('message' in result) errors.push(result);
    else parsed.push(result);
  }
  const accounts = await accountsByNameOrDomain(
    query,
    [...new Set(parsed.map((row) => row.account.toLowerCase()))],
    [],
  );
  const emails = [...new Set(parsed.flatMap((row) => row.contacts))];
  const contactByEmail = await contactsByEmail(query, emails);

  const interactions: Record<string, unknown>[] = [];
  const accountLinks: Record<string, unknown>[] = [];
  const contactLinks: Record<string, unknown>[] = [];
  for (const row of parsed) {
    const accountId = accounts.byName.get(row.account.toLowerCase());
    if (!accountId) {
      errors.push(rowError(row.line, 'account', `no account named "${row.account}"`));
      continue;
    }
    const unknown = row.contacts.find((email) => !contactByEmail.has(email));
    if (unknown) {
      errors.push(rowError(row.line, 'contacts', `no contact with e-mail ${unknown}`));
      continue;
    }
    const id = randomUUID();
    interactions.push({
      id,
      kind: row.kind,
      occurred_at: row.occurredAt,
      time_zone: row.timeZone,
      duration_minutes: row.durationMinutes ?? null,
      location: row.location ?? null,
      summary: row.summary,
      sentiment: row.sentiment ?? null,
      next_steps: row.nextSteps ?? null,
      logged_by_id: memberId,
    });
    accountLinks.push({
      interaction_id: id,
      account_id: accountId,
      occurred_at: row.occurredAt,
    });
    for (const contactId of new Set(row.contacts.map((email) => contactByEmail.get(email)!))) {
      contactLinks.push({ interaction_id: id, contact_id: contactId });
    }
  }
  if (!dryRun && interactions.length) {
    await query(csvSql.insertInteractions(JSON.stringify(interactions)));
    await query(csvSql.insertInteractionAccounts(JSON.stringify(accountLinks)));
    if (contactLinks.length) await query(csvSql.insertInteractionContacts(JSON.stringify(contactLinks)));
  }
  return { created: interactions.length, updated: 0, errors };
};
