import { useDroppable } from '@dnd-kit/core';
import { StageBadge } from '../../ui/Badge';
import { AccountCard } from './AccountCard';
import type { BoardAccount, BoardStage } from './PipelinePage';

export function StageColumn({ stage, accounts, canEdit }: { stage: BoardStage; accounts: BoardAccount[]; canEdit: boolean }) {
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
        <span className="column-count" title={`${stage.accountCount} accounts in this stage`}>
          {accounts.length}
        </span>
      </header>
      <ul className="column-cards">
        {accounts.map((account) => (
          <li key={account.id}>
            <AccountCard account={account} canEdit={canEdit} />
          </li>
        ))}
        {accounts.length === 0 && <li className="column-empty">No accounts</li>}
      </ul>
    </section>
  );
}
