import type { ListView } from './list-params';

/** The start of a local day (`YYYY-MM-DD`), `plusDays` later, as an instant; undefined for none. */
export function dayStart(day: string, plusDays = 0): string | undefined {
  return day ? new Date(new Date(`${day}T00:00`).getTime() + plusDays * 86_400_000).toISOString() : undefined;
}

/** "From" and "To" days (`?from=…&to=…`, both included). */
export function DateRangeFilter({ view }: { view: ListView }) {
  return (
    <>
      <label className="field">
        <span>From</span>
        <input
          type="date"
          value={view.get('from')}
          onChange={(event) => view.set({ from: event.target.value })}
        />
      </label>
      <label className="field">
        <span>To</span>
        <input
          type="date"
          value={view.get('to')}
          onChange={(event) => view.set({ to: event.target.value })}
        />
      </label>
    </>
  );
}
