import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { type AnyVariables, type TypedDocumentNode, useQuery } from 'urql';
import { ErrorState, Loading } from './States';

export interface Column<Row> {
  key: string;
  label: string;
  /** The API's sort field for this column, when it can sort. */
  sort?: string;
  numeric?: boolean;
  render(row: Row): ReactNode;
}

export interface Connection<Row> {
  /** Asked with the first page only (`withTotal`): the count does not change with the page. */
  totalCount?: number | null;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: Row }[];
}

export interface Sort {
  by: string;
  direction: 'ASC' | 'DESC';
}

export interface PagedTableProps<Data, Vars extends AnyVariables, Row extends { id: string }> {
  caption: string;
  columns: Column<Row>[];
  /** The list query; it takes `after`, `first` and `withTotal` besides `variables`. */
  query: TypedDocumentNode<Data, Vars>;
  variables: Omit<NonNullable<Vars>, 'first' | 'after' | 'withTotal'>;
  connection(data: Data): Connection<Row>;
  sort?: Sort;
  onSort?(sort: Sort): void;
  /** Checkboxes per row, for bulk actions. */
  selection?: {
    selected: Map<string, Row>;
    onChange(selected: Map<string, Row>): void;
    label(row: Row): string;
  };
  empty: ReactNode;
  pageSize?: number;
}

/**
 * A list view over a keyset-paginated connection: sortable column heads, rows loaded a page at a
 * time ("Load more" continues after the last cursor), optional row selection.
 */
export function PagedTable<Data, Vars extends AnyVariables, Row extends { id: string }>(
  props: PagedTableProps<Data, Vars, Row>,
) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  // the first page's total, shown under the last page
  const [total, setTotal] = useState<number | null>(null);
  // the rows of each page loaded, for "select all shown"
  const [shown, setShown] = useState(new Map<string, Row[]>());
  const onRows = useCallback(
    (page: string, rows: Row[]) => setShown((current) => new Map(current).set(page, rows)),
    [],
  );
  const { columns, sort, onSort, selection, caption } = props;
  const loaded = [...shown.values()].flat();
  const allSelected = loaded.length > 0 && loaded.every((row) => selection?.selected.has(row.id));
  return (
    // focusable, so a table wider than the screen scrolls from the keyboard too
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region needs keyboard access
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table list-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="cell-check">
                <input
                  type="checkbox"
                  aria-label="Select all shown"
                  checked={allSelected}
                  disabled={loaded.length === 0}
                  onChange={(event) => {
                    const next = new Map(selection.selected);
                    for (const row of loaded) {
                      if (event.target.checked) next.set(row.id, row);
                      else next.delete(row.id);
                    }
                    selection.onChange(next);
                  }}
                />
              </th>
            )}
            {columns.map((column) => {
              const sorted = sort && column.sort === sort.by;
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? 'numeric' : undefined}
                  aria-sort={sorted ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : undefined}
                >
                  {column.sort && onSort ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() =>
                        onSort({
                          by: column.sort!,
                          direction: sorted && sort.direction === 'ASC' ? 'DESC' : 'ASC',
                        })
                      }
                    >
                      {column.label}
                      <span aria-hidden="true">{sorted ? (sort.direction === 'ASC' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        {cursors.map((after, index) => (
          <TablePage
            key={after ?? 'first'}
            {...props}
            after={after}
            first={index === 0}
            last={index === cursors.length - 1}
            loaded={index * (props.pageSize ?? 50)}
            onMore={(cursor) => setCursors([...cursors, cursor])}
            onRows={onRows}
            total={total}
            onTotal={setTotal}
          />
        ))}
      </table>
    </div>
  );
}

function TablePage<Data, Vars extends AnyVariables, Row extends { id: string }>({
  query,
  variables,
  connection,
  columns,
  selection,
  empty,
  pageSize = 50,
  after,
  first,
  last,
  loaded,
  onMore,
  onRows,
  total,
  onTotal,
}: PagedTableProps<Data, Vars, Row> & {
  after: string | null;
  first: boolean;
  last: boolean;
  loaded: number;
  onMore(cursor: string): void;
  onRows(page: string, rows: Row[]): void;
  total: number | null;
  onTotal(total: number | null): void;
}) {
  const [{ data, fetching, error }, refetch] = useQuery<Data, Vars>({
    query,
    // the total is counted with the first page only
    variables: { ...variables, after, first: pageSize, withTotal: after === null } as unknown as Vars,
    requestPolicy: 'cache-and-network',
  });
  useEffect(() => {
    if (data) onRows(after ?? '', connection(data).edges.map((edge) => edge.node));
    if (data && after === null) onTotal(connection(data).totalCount ?? null);
    // `connection` is a new function on every render; the rows change only with the data
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, after, onRows, onTotal]);
  const span = columns.length + (selection ? 1 : 0);
  const note = (content: ReactNode) => (
    <tbody>
      <tr>
        <td colSpan={span}>{content}</td>
      </tr>
    </tbody>
  );
  if (!data) {
    if (error)
      return note(<ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />);
    return fetching ? note(<Loading label="Loading" />) : null;
  }
  const page = connection(data);
  if (first && page.totalCount === 0) return note(empty);
  const shown = loaded + page.edges.length;
  return (
    <>
      <tbody>
        {page.edges.map(({ node }) => (
          <tr key={node.id} data-row={node.id}>
            {selection && (
              <td className="cell-check">
                <input
                  type="checkbox"
                  aria-label={`Select ${selection.label(node)}`}
                  checked={selection.selected.has(node.id)}
                  onChange={(event) => {
                    const next = new Map(selection.selected);
                    if (event.target.checked) next.set(node.id, node);
                    else next.delete(node.id);
                    selection.onChange(next);
                  }}
                />
              </td>
            )}
            {columns.map((column) => (
              <td key={column.key} className={column.numeric ? 'numeric' : undefined}>
                {column.render(node)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {last && (
        <tbody>
          <tr>
            <td colSpan={span} className="table-footer-cell">
              <div className="table-footer">
                <span className="muted" role="status">
                  {shown} of {page.totalCount ?? total}
                </span>
                {page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
                  <button type="button" className="button" onClick={() => onMore(page.pageInfo.endCursor!)}>
                    Load more
                  </button>
                )}
              </div>
            </td>
          </tr>
        </tbody>
      )}
    </>
  );
}
