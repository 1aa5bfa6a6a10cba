import { freshAccessToken } from '../auth/refresh';

/** Where each list's CSV is downloaded from. */
const EXPORT_PATHS = {
  accounts: '/v1/exports/accounts.csv',
  contacts: '/v1/exports/contacts.csv',
  interactions: '/v1/exports/interactions.csv',
  tasks: '/v1/exports/tasks.csv',
  grants: '/v1/grants.csv',
} as const;

export type ExportKind = keyof typeof EXPORT_PATHS;

/**
 * Downloads the list's CSV (`GET /v1/exports/<kind>.csv`, `GET /v1/grants.csv`) with its filter
 * and order: every matching row, streamed by the server, not only the pages on screen.
 */
export async function downloadCsv(
  kind: ExportKind,
  view: { filter?: object; sortBy?: string; sortDirection?: string },
): Promise<void> {
  const query = new URLSearchParams();
  if (view.filter && Object.keys(view.filter).length) query.set('filter', JSON.stringify(view.filter));
  if (view.sortBy) query.set('sortBy', view.sortBy);
  if (view.sortDirection) query.set('sortDirection', view.sortDirection);
  const token = await freshAccessToken();
  const response = await fetch(`${EXPORT_PATHS[kind]}?${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    const fields = body?.fields as { message: string }[] | undefined;
    throw new Error(
      fields?.map((field) => field.message).join(' ') ||
        body?.message ||
        `The export failed (HTTP ${response.status}).`,
    );
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${kind}-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
