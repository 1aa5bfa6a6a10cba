import {
  DndContext,
  type DragCancelEvent,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import type { AccountKind } from '../../gql/graphql';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { AccountCard } from './AccountCard';
import type { BoardAccount, BoardStage } from './board.types';
import { MoveReasonDialog } from './MoveReasonDialog';
import { PipelineFilters } from './PipelineFilters';
import { PipelineBoardQuery as BoardQuery } from './pipeline.operations';
import { StageColumn } from './StageColumn';

export interface PendingMove {
  account: BoardAccount;
  from: BoardStage;
  to: BoardStage;
}

/** Accounts as cards in stage columns; dragging a card to another column moves it, with a reason. */
export default function PipelinePage() {
  const viewer = useViewer();
  const [params] = useSearchParams();
  const owner = params.get('owner');
  const kind = params.get('kind') as AccountKind | null;
  const text = params.get('q');
  const filter = useMemo(
    () => ({ ownerIds: owner ? [owner] : null, kinds: kind ? [kind] : null, text: text || null }),
    [owner, kind, text],
  );
  const totalsFilter = useMemo(
    () => ({ ownerIds: owner ? [owner] : null, kinds: kind ? [kind] : null }),
    [owner, kind],
  );
  const [{ data, fetching, error }, refetch] = useQuery({
    query: BoardQuery,
    variables: { filter, totalsFilter },
  });
  const [dragging, setDragging] = useState<BoardAccount | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor),
  );

  function onDragEnd({ active, over }: DragEndEvent) {
    setDragging(null);
    const account = active.data.current?.account as BoardAccount | undefined;
    if (!account || !over || over.id === account.stage.id || !data) return;
    const from = data.stages.find((stage) => stage.id === account.stage.id)!;
    const to = data.stages.find((stage) => stage.id === over.id)!;
    setPending({ account, from, to });
  }

  const filtered = Boolean(owner || kind || text);
  const stageName = (id: string | number | undefined) =>
    data?.stages.find((stage) => stage.id === id)?.name ?? 'no stage';
  const accountName = (active: { data: { current?: Record<string, unknown> } }) =>
    (active.data.current?.account as BoardAccount | undefined)?.name ?? 'The account';
  const announcements = {
    onDragStart: ({ active }: DragStartEvent) => `Picked up ${accountName(active)}.`,
    onDragOver: ({ active, over }: DragOverEvent) =>
      over
        ? `${accountName(active)} is over ${stageName(over.id)}.`
        : `${accountName(active)} is over no stage.`,
    onDragEnd: ({ active, over }: DragEndEvent) =>
      over
        ? `${accountName(active)} dropped on ${stageName(over.id)}.`
        : `${accountName(active)} was put back.`,
    onDragCancel: ({ active }: DragCancelEvent) => `Moving ${accountName(active)} was cancelled.`,
  };
  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>Pipeline</h1>
          <p className="page-subtitle">
            {data
              ? `${data.accounts.totalCount} accounts${filtered ? ' match the filters' : ''}`
              : 'Accounts by adoption stage'}
            {viewer.canEdit && ' · drag a card to another stage to move it'}
          </p>
        </div>
        <PipelineFilters />
      </header>
      {!data && fetching && <Loading label="Loading the pipeline" />}
      {!data && error && (
        <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      {data && data.stages.length === 0 && (
        <EmptyState
          title="The pipeline has no stages yet."
          hint="An admin can add stages under Admin › Stages."
        />
      )}
      {data && data.stages.length > 0 && data.accounts.totalCount === 0 && (
        <EmptyState
          title={filtered ? 'No account matches these filters.' : 'No accounts yet.'}
          hint={
            filtered
              ? 'Clear or change the filters above.'
              : 'Import accounts from a CSV file under Admin › Import.'
          }
        />
      )}
      {data && data.stages.length > 0 && data.accounts.totalCount > 0 && (
        <DndContext
          sensors={sensors}
          accessibility={{ announcements }}
          onDragStart={({ active }) => setDragging(active.data.current?.account ?? null)}
          onDragCancel={() => setDragging(null)}
          onDragEnd={onDragEnd}
        >
          <div className="board" aria-label="Pipeline board">
            {data.stages.map((stage) => (
              <StageColumn
                key={`${stage.id} ${JSON.stringify(filter)}`}
                stage={stage}
                filter={filter}
                totals={data.pipeline.stages.find((entry) => entry.stage.id === stage.id)}
                filtered={filtered}
                canEdit={viewer.canEdit}
              />
            ))}
          </div>
          <DragOverlay>{dragging && <AccountCard account={dragging} canEdit={false} overlay />}</DragOverlay>
        </DndContext>
      )}
      {pending && <MoveReasonDialog move={pending} onClose={() => setPending(null)} />}
    </div>
  );
}
