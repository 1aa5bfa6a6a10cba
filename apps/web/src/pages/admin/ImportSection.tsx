import { type FormEvent, useState } from 'react';
import { freshAccessToken } from '../../auth/refresh';
import { FormError } from '../../ui/States';

const KINDS = ['accounts', 'contacts', 'interactions'] as const;

interface ImportReport {
  kind: string;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  failed: number;
  errors: { line: number; field: string; message: string }[];
  ignoredColumns: string[];
}

interface RefusedLine {
  line?: number;
  field?: string;
  path?: string;
  message: string;
}

/** The server refused the whole file; its lines, when it names them, are shown like refused rows. */
class FileRefused extends Error {
  constructor(
    message: string,
    readonly lines: { line: number | null; field: string; message: string }[],
  ) {
    super(message);
  }
}

/** Sends a CSV file to `POST /v1/imports/:kind` and shows what was (or would be) kept and refused. */
async function uploadCsv(kind: string, file: File, dryRun: boolean): Promise<ImportReport> {
  const token = await freshAccessToken();
  const response = await fetch(`/v1/imports/${kind}?dryRun=${dryRun}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: file,
  });
  const body = await response.json().catch(() => null);
  if (response.ok) return body as ImportReport;
  if (Array.isArray(body?.errors) && typeof body?.rows === 'number')
    return { ignoredColumns: [], ...body } as ImportReport;
  const lines = [
    ...((body?.fields as RefusedLine[] | undefined) ?? []),
    ...((body?.errors as RefusedLine[] | undefined) ?? []),
  ].map((entry) => ({
    line: entry.line ?? null,
    field: entry.field ?? entry.path ?? 'file',
    message: entry.message,
  }));
  if (lines.length)
    throw new FileRefused(
      'The file was refused: nothing was imported. Fix these lines and upload it again.',
      lines,
    );
  if (response.status >= 500)
    throw new Error(
      `The server could not read this file (HTTP ${response.status}). Check that it is a UTF-8 CSV file without control characters, then upload it again.`,
    );
  throw new Error(
    body?.message
      ? `${String(body.message).replace(/[.]?$/, '.')}`
      : `The import failed (HTTP ${response.status}).`,
  );
}

export function ImportSection() {
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file') as File | null;
    if (!file || !file.size) return setError(new Error('Choose a CSV file first.'));
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(await uploadCsv(String(form.get('kind')), file, form.get('dryRun') === 'on'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-label="Import" className="stack">
      <form className="inline-form panel" onSubmit={submit} aria-label="Import a CSV file">
        <label className="field">
          <span>What the file holds</span>
          <select name="kind" defaultValue="accounts">
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>CSV file</span>
          <input name="file" type="file" accept=".csv,text/csv" required />
        </label>
        <label className="check">
          <input type="checkbox" name="dryRun" defaultChecked /> Dry run (check only, save nothing)
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      </form>
      <p className="muted small">
        HubSpot- and Salesforce-style headers are understood. Bad rows are reported by line and skipped; the
        rest are kept.
      </p>
      <FormError error={error} />
      {error instanceof FileRefused && (
        <RefusedLines caption="Lines the server refused" lines={error.lines} />
      )}
      {report && (
        <div className="panel" role="status" aria-label="Import report">
          <h2 className="panel-title">{report.dryRun ? 'Dry run: nothing was saved' : 'Import finished'}</h2>
          <dl className="facts">
            <div>
              <dt>Rows</dt>
              <dd>{report.rows}</dd>
            </div>
            <div>
              <dt>{report.dryRun ? 'Would create' : 'Created'}</dt>
              <dd>{report.created}</dd>
            </div>
            <div>
              <dt>{report.dryRun ? 'Would update' : 'Updated'}</dt>
              <dd>{report.updated}</dd>
            </div>
            <div>
              <dt>Refused</dt>
              <dd className={report.failed ? 'overdue' : undefined}>{report.failed}</dd>
            </div>
          </dl>
          {report.ignoredColumns.length > 0 && (
            <p className="small">Ignored columns: {report.ignoredColumns.join(', ')}</p>
          )}
          {report.errors.length > 0 && (
            <RefusedLines
              caption="Refused rows: fix them in the file and upload it again"
              lines={report.errors}
            />
          )}
        </div>
      )}
    </section>
  );
}

/** The lines of a CSV file the server refused, by line and field. */
function RefusedLines({
  caption,
  lines,
}: {
  caption: string;
  lines: { line: number | null; field: string; message: string }[];
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              Line
            </th>
            <th scope="col">Field</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((row, index) => (
            <tr key={`${row.line}-${row.field}-${index}`}>
              <td className="numeric">{row.line ?? '—'}</td>
              <td>{row.field}</td>
              <td>{row.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
