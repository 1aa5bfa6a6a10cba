import { useState } from 'react';
import { downloadCsv, type ExportKind } from './csv-export';
import type { Sort } from './PagedTable';
import { FormError } from './States';

/** Downloads the list as CSV with the filters and order on screen. */
export function ExportButton({ kind, filter, sort }: { kind: ExportKind; filter: object; sort?: Sort }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await downloadCsv(kind, { filter, sortBy: sort?.by, sortDirection: sort?.direction });
          } catch (caught) {
            setError(caught);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      <FormError error={error} />
    </>
  );
}
