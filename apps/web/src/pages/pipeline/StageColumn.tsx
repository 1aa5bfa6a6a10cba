import { useDroppable } from '@dnd-kit/core';
import { Link } from 'react-router';
import { StageBadge } from '../../ui/Badge';
import { formatMoney } from '../../ui/format';
import { AccountCard } from './AccountCard';
import type { BoardAccount, BoardStage } from './board.types';

interface StageTotals {
  accountCount: number;
  expectedAnnualValue: { amount: number; currency: string }[];
}

export function StageColumn({
  stage,
  accounts,
  totals,
  filtered,
  canEdit,
}: {
  stage: BoardStage;
  accounts: BoardAccount[];
  /** Every account of the stage (owner and kind filters applied), not only the cards shown. */
  totals?: StageTotals;
  filtered: boolean;
  canEdit: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const headingId = `stage-${stage.id}`;
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
        <span className="column-count" title={`${totals?.accountCount ?? stage.accountCount} accounts in this stage`}>
          {filtered ? accounts.length : (totals?.accountCount ?? accounts.length)}
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
        {accounts.map((account) => (
          <li key={account.id}>
            <AccountCard account={account} canEdit={canEdit} />
          </li>
        ))}
        {accounts.length === 0 && <li className="column-empty">No accounts</li>}
      </ul>
      {!filtered && totals && totals.accountCount > accounts.length && (
        <Link className="column-more small" to={`/accounts?stage=${stage.id}`}>
          All {totals.accountCount} in the accounts list
        </Link>
      )}
    </section>
  );
}
