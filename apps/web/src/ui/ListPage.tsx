import { type ReactNode, useState } from 'react';
import type { AnyVariables } from 'urql';
import type { ListKind } from '../gql/graphql';
import { ColumnChooser } from './ColumnChooser';
import type { ListView } from './list-params';
import { PagedTable, type PagedTableProps } from './PagedTable';
import { SavedViews } from './SavedViews';

type ListPageProps<Data, Vars extends AnyVariables, Row extends { id: string }> = Omit<
  PagedTableProps<Data, Vars, Row>,
  'sort' | 'onSort'
> & {
  /** Which list: the member's saved views are kept per list. */
  list: ListKind;
  title: ReactNode;
  subtitle: ReactNode;
  view: ListView;
  /** Whether the column heads sort (the API orders this list by them). */
  sortable?: boolean;
  /** Buttons at the right of the header (export, create). */
  actions?: ReactNode;
  filterLabel: string;
  /** The fields of the filter bar. */
  filters: ReactNode;
  /** Between the header and the filters (views such as "Overdue"). */
  tabs?: ReactNode;
  /** Between the filters and the table (bulk actions, undo). */
  notices?: ReactNode;
  /** After the table (dialogs). */
  children?: ReactNode;
};

/**
 * The frame of every list page: header with its actions, saved views and the column chooser,
 * the filter bar, and the paged table of the view in the address.
 */
export function ListPage<Data, Vars extends AnyVariables, Row extends { id: string }>({
  list,
  title,
  subtitle,
  view,
  sortable,
  actions,
  filterLabel,
  filters,
  tabs,
  notices,
  children,
  columns,
  ...table
}: ListPageProps<Data, Vars, Row>) {
  // a saved view applied replaces the filter fields, typed text included
  const [applied, setApplied] = useState(0);
  const chosen = view.columns ? new Set(view.columns) : null;
  const visible = columns.filter((column, index) => index === 0 || !chosen || chosen.has(column.key));
  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="page-subtitle">{subtitle}</p>
        </div>
        {actions && <div className="header-actions">{actions}</div>}
      </header>
      <div className="list-toolbar" role="group" aria-label="View">
        <SavedViews
          list={list}
          current={view.query}
          onApply={(query) => {
            view.apply(query);
            setApplied(applied + 1);
          }}
        />
        <ColumnChooser
          columns={columns}
          visible={new Set(visible.map((column) => column.key))}
          onChange={view.setColumns}
        />
      </div>
      {tabs}
      <form
        key={applied}
        className="filters filters-bar"
        aria-label={filterLabel}
        onSubmit={(event) => event.preventDefault()}
      >
        {filters}
      </form>
      {notices}
      <PagedTable
        key={view.key}
        {...table}
        columns={visible}
        sort={sortable ? view.sort : undefined}
        onSort={sortable ? view.setSort : undefined}
      />
      {children}
    </div>
  );
}
