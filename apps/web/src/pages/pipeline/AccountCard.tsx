import { useDraggable } from '@dnd-kit/core';
import type { PointerEventHandler } from 'react';
import { Link } from 'react-router';
import { formatMoney, formatRelative, humanize, initials } from '../../ui/format';
import type { BoardAccount } from './board.types';

interface AccountCardProps {
  account: BoardAccount;
  canEdit: boolean;
  /** The copy that follows the pointer while dragging. */
  overlay?: boolean;
}

/** A pipeline card: drag it by its body (pointer) or its handle (keyboard: Space, arrows, Space). */
export function AccountCard({ account, canEdit, overlay }: AccountCardProps) {
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, isDragging } = useDraggable({
    id: account.id,
    data: { account },
    disabled: !canEdit || overlay,
  });
  return (
    <article
      ref={overlay ? undefined : setNodeRef}
      className={['card', isDragging && 'card-dragging', overlay && 'card-overlay', canEdit && 'card-movable'].filter(Boolean).join(' ')}
      data-account={account.name}
      onPointerDown={canEdit ? (listeners?.onPointerDown as PointerEventHandler | undefined) : undefined}
    >
      <div className="card-title-row">
        <Link to={`/accounts/${account.id}`} className="card-title" draggable={false}>
          {account.name}
        </Link>
        {canEdit && !overlay && (
          <button
            ref={setActivatorNodeRef}
            type="button"
            className="drag-handle"
            {...attributes}
            {...listeners}
            aria-label={`Move ${account.name} to another stage`}
          >
            ⠿
          </button>
        )}
      </div>
      <div className="card-meta">
        <span>{humanize(account.kind)}</span>
        {account.expectedAnnualValue != null && <span>{formatMoney(account.expectedAnnualValue, account.currency)}</span>}
      </div>
      <div className="card-meta">
        <span title="Time in this stage">in stage {formatRelative(account.stageEnteredAt).replace(' ago', '')}</span>
        {account.owner && (
          <span className="avatar avatar-small" title={`Owner: ${account.owner.user.name}`}>
            {initials(account.owner.user.name)}
          </span>
        )}
      </div>
    </article>
  );
}
