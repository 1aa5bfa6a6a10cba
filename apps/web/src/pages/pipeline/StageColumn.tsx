import { useDroppable } from '@dnd-kit/core';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import type { AccountFilter } from '../../gql/graphql';
import { StageBadge } from '../../ui/Badge';
import { formatMoney } from '../../ui/format';
import { ErrorState } from '../../ui/States';
import { AccountCard } from './AccountCard';
import type { BoardStage } from './board.types';
import { StageAccountsQuery } from './pipeline.operations';

const PAGE_SIZE = 20;

interface StageTotals {
  accountCount: number;
  expectedAnnualValue: { amount: number; currency: string }[];
}

/**
 * One stage of the board: its most recently moved accounts first, a page at a time ("Load more"
 * continues after the last card), so every account of the stage can be reached.
 */
export function StageColumn({
  stage,
  filter,
  totals,
  filtered,
  canEdit,
}: {
  stage: BoardStage;
  filter: AccountFilter;
  /** Every account of the stage (owner and kind filters applied), not only the cards shown. */
  totals?: StageTotals;
  filtered: boolean;
  canEdit: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [shownCount, setShownCount] = useState<number | null>(null);
  const headingId = `stage-${stage.id}`;
  const count = shownCount ?? (filtered ? null : totals?.accountCount);
  return (
    <section
      ref={setNodeRef}
      className={isOver ? 'column column-over' : 'column'}
      aria-labelledby={headingId}
      data-stage={stage.name}
    >
      <header className="column-header">
        <h2 id={headingId}>
          <StageBadge stage={stage} />
        </h2>
        <span className="column-count" title={`${count ?? stage.accountCount} accounts in this stage`}>
          {count ?? '…'}
        </span>
      </header>
      {totals && (
        <p className="column-total muted small" data-stage-total={stage.name}>
          {totals.expectedAnnualValue.length
            ? totals.expectedAnnualValue.map((value) => formatMoney(value.amount, value.currency)).join(' + ')
            : 'No expected value'}
        </p>
      )}
      <ul className="column-cards">
        {cursors.map((after, index) => (
          <ColumnPage
            key={after ?? 'first'}
            stage={stage}
            filter={filter}
            after={after}
            first={index === 0}
            last={index === cursors.length - 1}
            canEdit={canEdit}
            onCount={setShownCount}
            onMore={(cursor) => setCursors([...cursors, cursor])}
          />
        ))}
      </ul>
    </section>
  );
}

function ColumnPage({
  stage,
  filter,
  after,
  first,
  last,
  canEdit,
  onCount,
  onMore,
}: {
  stage: BoardStage;
  filter: AccountFilter;
  after: string | null;
  first: boolean;
  last: boolean;
  canEdit: boolean;
  onCount(count: number): void;
  onMore(cursor: string): void;
}) {
  const [{ data, error }, refetch] = useQuery({
    query: StageAccountsQuery,
    variables: { filter: { ...filter, stageIds: [stage.id] }, first: PAGE_SIZE, after },
  });
  const totalCount = data?.accounts.totalCount;
  useEffect(() => {
    if (first && totalCount !== undefined) onCount(totalCount);
  }, [first, totalCount, onCount]);
  if (!data) {
    if (error)
      return (
        <li>
          <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />
        </li>
      );
    return first ? <li className="column-empty">Loading…</li> : null;
  }
  const page = data.accounts;
  return (
    <>
      {page.edges.map(({ node }) => (
        <li key={node.id}>
          <AccountCard account={node} canEdit={canEdit} />
        </li>
      ))}
      {first && page.totalCount === 0 && <li className="column-empty">No accounts</li>}
      {last && page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <li>
          <button
            type="button"
            className="button button-quiet column-more"
            onClick={() => onMore(page.pageInfo.endCursor!)}
            aria-label={`Load more accounts in ${stage.name}`}
          >
            Load more
          </button>
        </li>
      )}
    </>
  );
}
