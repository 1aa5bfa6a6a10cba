import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { ErrorState, Loading } from '../../ui/States';

interface DashboardPanelProps<T> {
  /** Names the figure: `data-figure` on the section, ids of its title. */
  figure: string;
  title: ReactNode;
  actions?: ReactNode;
  wide?: boolean;
  result: { data?: T; fetching: boolean; error?: CombinedError };
  retry(): void;
  children(data: T): ReactNode;
}

/** One figure of the dashboard: its title, then its loading, error or loaded state. */
export function DashboardPanel<T>({
  figure,
  title,
  actions,
  wide,
  result,
  retry,
  children,
}: DashboardPanelProps<T>) {
  return (
    <section
      className={wide ? 'panel dashboard-panel span-2' : 'panel dashboard-panel'}
      aria-labelledby={`${figure}-title`}
      data-figure={figure}
    >
      <div className="panel-head">
        <h2 className="panel-title" id={`${figure}-title`}>
          {title}
        </h2>
        {actions}
      </div>
      {result.data ? (
        children(result.data)
      ) : result.error ? (
        <ErrorState error={result.error} retry={retry} />
      ) : (
        <Loading label="Loading" />
      )}
    </section>
  );
}
