import type { ListView } from './list-params';

/** "Archived": the archived records instead of the active ones (`?archived=true`). */
export function ArchivedFilter({ view }: { view: ListView }) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={view.get('archived') === 'true'}
        onChange={(event) => view.set({ archived: event.target.checked ? 'true' : null })}
      />{' '}
      Archived
    </label>
  );
}
