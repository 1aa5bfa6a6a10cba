import { type FormEvent, type ReactNode, useState } from 'react';
import type { CombinedError } from 'urql';
import { describeError } from './errors';
import { useToast } from './Toast';

/** The API's answer to a bulk edit: rows changed, and each row left unchanged by its position. */
export interface BulkAnswer {
  updated: number;
  failures: { index: number; message: string }[];
}

/** The most rows one bulk call changes (the API's bound); larger selections go in several calls. */
const MAX_ROWS = 100;

export interface BulkAction {
  value: string;
  label: string;
  /** The action's fields (named inputs, read from the form when applied). */
  fields?: ReactNode;
  /** What the form still lacks, if anything. */
  missing?(form: FormData): string | null;
  /** Applies the action to these rows (at most 100). */
  run(ids: string[], form: FormData): Promise<{ answer?: BulkAnswer; error?: CombinedError }>;
}

/**
 * The bar above a list with rows selected: choose an action, fill its fields, apply it to every
 * selected row in one API call per 100 rows; rows the API left unchanged are named with why.
 */
export function BulkActions<Row extends { id: string }>({
  noun,
  selected,
  name,
  actions,
  onDone,
}: {
  /** What a row is, singular: "contact". */
  noun: string;
  selected: Row[];
  name(row: Row): string;
  actions: BulkAction[];
  onDone(): void;
}) {
  const toast = useToast();
  const [chosen, setChosen] = useState(actions[0]!.value);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const action = actions.find((candidate) => candidate.value === chosen) ?? actions[0]!;

  async function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const missing = action.missing?.(form);
    if (missing) return setProblem(missing);
    setBusy(true);
    setProblem(null);
    const problems: string[] = [];
    let updated = 0;
    for (let start = 0; start < selected.length; start += MAX_ROWS) {
      const rows = selected.slice(start, start + MAX_ROWS);
      const result = await action.run(
        rows.map((row) => row.id),
        form,
      );
      if (result.error || !result.answer) {
        problems.push(result.error ? describeError(result.error) : 'The change was not applied.');
        break;
      }
      updated += result.answer.updated;
      for (const failure of result.answer.failures) problems.push(`${name(rows[failure.index]!)}: ${failure.message}.`);
    }
    setBusy(false);
    const plural = (count: number) => `${count} ${noun}${count === 1 ? '' : 's'}`;
    if (updated) toast(`${plural(updated)} updated.`);
    if (problems.length) return setProblem(`${updated ? `${plural(updated)} updated; ` : ''}not changed: ${problems.join(' ')}`);
    onDone();
  }

  return (
    <form className="bulk-bar panel" aria-label="Bulk actions" onSubmit={apply}>
      <strong>{selected.length} selected</strong>
      <label className="field">
        <span>Action</span>
        <select value={chosen} onChange={(event) => setChosen(event.target.value)}>
          {actions.map((candidate) => (
            <option key={candidate.value} value={candidate.value}>
              {candidate.label}
            </option>
          ))}
        </select>
      </label>
      <div key={chosen} className="bulk-fields">
        {action.fields}
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Applying…' : 'Apply'}
      </button>
      <button type="button" className="button button-quiet" onClick={onDone}>
        Clear selection
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
