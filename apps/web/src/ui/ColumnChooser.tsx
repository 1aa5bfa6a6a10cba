import type { Column } from './PagedTable';

/** Checkboxes choosing which columns of a list show; the first column always does. */
export function ColumnChooser<Row>({
  columns,
  visible,
  onChange,
}: {
  columns: Column<Row>[];
  visible: Set<string>;
  onChange(keys: string[] | null): void;
}) {
  const [first, ...rest] = columns;
  return (
    <details className="column-chooser">
      <summary className="button">Columns</summary>
      <fieldset className="column-chooser-menu">
        <legend className="visually-hidden">Columns shown</legend>
        {rest.map((column) => (
          <label key={column.key} className="check">
            <input
              type="checkbox"
              checked={visible.has(column.key)}
              onChange={(event) => {
                const keys = rest
                  .filter((entry) =>
                    entry.key === column.key ? event.target.checked : visible.has(entry.key),
                  )
                  .map((entry) => entry.key);
                onChange(keys.length === rest.length ? null : [first!.key, ...keys]);
              }}
            />{' '}
            {column.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
