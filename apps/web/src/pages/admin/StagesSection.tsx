import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { AdminStagesQuery, StageCategory } from '../../gql/graphql';
import { StageBadge } from '../../ui/Badge';
import { Dialog } from '../../ui/Dialog';
import { humanize } from '../../ui/format';
import { ErrorState, FormError, Loading } from '../../ui/States';
import {
  CreateStageMutation,
  DeleteStageMutation,
  ReorderStagesMutation,
  StagesQuery,
  UpdateStageMutation,
} from './admin.operations';

const CATEGORIES: StageCategory[] = ['OPEN', 'WON', 'PAUSED', 'LOST'];

type AdminStage = AdminStagesQuery['stages'][number];

/** The adoption pipeline: add, rename, recategorise, reorder (drag a row, or the arrows) and delete stages. */
export function StagesSection() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: StagesQuery });
  const [creation, create] = useMutation(CreateStageMutation);
  const [update, updateStage] = useMutation(UpdateStageMutation);
  const [reorder, reorderStages] = useMutation(ReorderStagesMutation);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<AdminStage | null>(null);
  // the order dragged locally, until the stages it was made from are read again
  const [order, setOrder] = useState<{ ids: string[]; from: unknown } | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  if (!data) {
    if (error) return <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
    return fetching ? <Loading label="Loading stages" /> : null;
  }
  const byId = new Map(data.stages.map((stage) => [stage.id, stage]));
  const stages =
    order?.from === data ? order.ids.map((id) => byId.get(id)!).filter(Boolean) : data.stages;

  async function saveOrder(ids: string[]) {
    setOrder({ ids, from: data });
    const result = await reorderStages({ stageIds: ids });
    if (result.error) setOrder(null);
    else refetch({ requestPolicy: 'network-only' });
  }

  function move(index: number, by: number) {
    return saveOrder(
      arrayMove(
        stages.map((stage) => stage.id),
        index,
        index + by,
      ),
    );
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const ids = stages.map((stage) => stage.id);
    void saveOrder(arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
  }

  const stageName = (id: string | number) => byId.get(String(id))?.name ?? 'the stage';
  const position = (id: string | number | undefined) => stages.findIndex((stage) => stage.id === id) + 1;
  const announcements = {
    onDragStart: ({ active }: { active: { id: string | number } }) => `Picked up ${stageName(active.id)}.`,
    onDragOver: ({
      active,
      over,
    }: {
      active: { id: string | number };
      over: { id: string | number } | null;
    }) =>
      over
        ? `${stageName(active.id)} is at position ${position(over.id)}.`
        : `${stageName(active.id)} is nowhere.`,
    onDragEnd: ({
      active,
      over,
    }: {
      active: { id: string | number };
      over: { id: string | number } | null;
    }) =>
      over
        ? `${stageName(active.id)} moved to position ${position(over.id)}.`
        : `${stageName(active.id)} was put back.`,
    onDragCancel: ({ active }: { active: { id: string | number } }) =>
      `Moving ${stageName(active.id)} was cancelled.`,
  };

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const result = await create({
      input: {
        name: String(form.get('name')).trim(),
        category: String(form.get('category')) as StageCategory,
      },
    });
    if (!result.error) {
      formElement.reset();
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function rename(event: FormEvent<HTMLFormElement>, id: string) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await updateStage({
      input: {
        id,
        name: String(form.get('name')).trim(),
        category: String(form.get('category')) as StageCategory,
      },
    });
    if (!result.error) setEditing(null);
  }

  return (
    <section aria-label="Stages" className="stack">
      <FormError error={update.error ?? reorder.error} />
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        accessibility={{ announcements }}
        onDragEnd={onDragEnd}
      >
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Stages in pipeline order</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Drag to reorder</span>
                </th>
                <th scope="col">#</th>
                <th scope="col">Stage</th>
                <th scope="col">Category</th>
                <th scope="col" className="numeric">
                  Accounts
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <SortableContext items={stages.map((stage) => stage.id)} strategy={verticalListSortingStrategy}>
              <tbody>
                {stages.map((stage, index) =>
                  editing === stage.id ? (
                    <tr key={stage.id}>
                      <td />
                      <td>{index + 1}</td>
                      <td colSpan={4}>
                        <form className="inline-form" onSubmit={(event) => rename(event, stage.id)}>
                          <label className="field">
                            <span>Name</span>
                            <input name="name" defaultValue={stage.name} required autoFocus />
                          </label>
                          <label className="field">
                            <span>Category</span>
                            <select name="category" defaultValue={stage.category}>
                              {CATEGORIES.map((category) => (
                                <option key={category} value={category}>
                                  {humanize(category)}
                                </option>
                              ))}
                            </select>
                          </label>
                          <button type="submit" className="button button-primary">
                            Save
                          </button>
                          <button type="button" className="button" onClick={() => setEditing(null)}>
                            Cancel
                          </button>
                        </form>
                      </td>
                    </tr>
                  ) : (
                    <SortableRow key={stage.id} id={stage.id} name={stage.name}>
                      <td>{index + 1}</td>
                      <td>
                        <StageBadge stage={stage} /> <span className="muted small">{stage.key}</span>
                      </td>
                      <td>{humanize(stage.category)}</td>
                      <td className="numeric">{stage.accountCount}</td>
                      <td className="cell-action">
                        <button
                          type="button"
                          className="button button-quiet"
                          onClick={() => setEditing(stage.id)}
                          aria-label={`Edit ${stage.name}`}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                          aria-label={`Move ${stage.name} up`}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          disabled={index === stages.length - 1}
                          onClick={() => move(index, 1)}
                          aria-label={`Move ${stage.name} down`}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          className="button button-quiet"
                          onClick={() => setDeleting(stage)}
                          aria-label={`Delete ${stage.name}`}
                        >
                          Delete
                        </button>
                      </td>
                    </SortableRow>
                  ),
                )}
              </tbody>
            </SortableContext>
          </table>
        </div>
      </DndContext>
      <Dialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'stage'}`}
        onClose={() => setDeleting(null)}
      >
        {deleting && (
          <DeleteStageForm
            stage={deleting}
            others={stages.filter((stage) => stage.id !== deleting.id)}
            onDone={() => {
              setDeleting(null);
              refetch({ requestPolicy: 'network-only' });
            }}
          />
        )}
      </Dialog>
      <form className="inline-form panel" onSubmit={add} aria-label="Add a stage">
        <label className="field grow">
          <span>New stage</span>
          <input name="name" required placeholder="e.g. Legal review" />
        </label>
        <label className="field">
          <span>Category</span>
          <select name="category" defaultValue="OPEN">
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {humanize(category)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={creation.fetching}>
          Add stage
        </button>
        <FormError error={creation.error} />
      </form>
    </section>
  );
}

/** A stage row dragged by its handle (pointer, or Space and the arrow keys). */
function SortableRow({ id, name, children }: { id: string; name: string; children: ReactNode }) {
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } =
    useSortable({ id });
  return (
    <tr
      ref={setNodeRef}
      data-stage-row={name}
      className={isDragging ? 'row-dragging' : undefined}
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      <td className="cell-handle">
        <button
          ref={setActivatorNodeRef}
          type="button"
          className="drag-handle"
          {...attributes}
          {...listeners}
          aria-label={`Reorder ${name}`}
        >
          ⠿
        </button>
      </td>
      {children}
    </tr>
  );
}

/** Deleting a stage that holds accounts asks where they go. */
function DeleteStageForm({
  stage,
  others,
  onDone,
}: {
  stage: AdminStage;
  others: AdminStage[];
  onDone(): void;
}) {
  const [deletion, deleteStage] = useMutation(DeleteStageMutation);
  const [target, setTarget] = useState('');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await deleteStage({ id: stage.id, moveAccountsTo: target || null });
    if (!result.error) onDone();
  }
  return (
    <form className="stack" onSubmit={submit} aria-label={`Delete ${stage.name}`}>
      {stage.accountCount > 0 ? (
        <label className="field">
          <span>
            Move its {stage.accountCount} {stage.accountCount === 1 ? 'account' : 'accounts'} to
          </span>
          <select required value={target} onChange={(event) => setTarget(event.target.value)}>
            <option value="">Choose a stage</option>
            {others.map((other) => (
              <option key={other.id} value={other.id}>
                {other.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p>No account is in this stage.</p>
      )}
      <p className="muted small">
        A stage with history is archived rather than erased, so past moves keep their names.
      </p>
      <FormError error={deletion.error} />
      <div className="form-footer">
        <button type="submit" className="button button-danger" disabled={deletion.fetching}>
          Delete stage
        </button>
      </div>
    </form>
  );
}
