import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { StageCategory } from '../../gql/graphql';
import { StageBadge } from '../../ui/Badge';
import { humanize } from '../../ui/format';
import { ErrorState, FormError, Loading } from '../../ui/States';
import { CreateStageMutation, ReorderStagesMutation, StagesQuery, UpdateStageMutation } from './admin.operations';

const CATEGORIES: StageCategory[] = ['OPEN', 'WON', 'PAUSED', 'LOST'];

/** The adoption pipeline: add, rename, recategorise and reorder stages. */
export function StagesSection() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: StagesQuery });
  const [creation, create] = useMutation(CreateStageMutation);
  const [update, updateStage] = useMutation(UpdateStageMutation);
  const [reorder, reorderStages] = useMutation(ReorderStagesMutation);
  const [editing, setEditing] = useState<string | null>(null);

  if (!data) {
    if (error) return <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
    return fetching ? <Loading label="Loading stages" /> : null;
  }
  const stages = data.stages;

  async function move(index: number, by: number) {
    const ids = stages.map((stage) => stage.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    await reorderStages({ stageIds: ids });
    refetch({ requestPolicy: 'network-only' });
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const result = await create({ input: { name: String(form.get('name')).trim(), category: String(form.get('category')) as StageCategory } });
    if (!result.error) {
      formElement.reset();
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function rename(event: FormEvent<HTMLFormElement>, id: string) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await updateStage({
      input: { id, name: String(form.get('name')).trim(), category: String(form.get('category')) as StageCategory },
    });
    if (!result.error) setEditing(null);
  }

  return (
    <section aria-label="Stages" className="stack">
      <FormError error={update.error ?? reorder.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Stages in pipeline order</caption>
          <thead>
            <tr>
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
          <tbody>
            {stages.map((stage, index) =>
              editing === stage.id ? (
                <tr key={stage.id}>
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
                <tr key={stage.id}>
                  <td>{index + 1}</td>
                  <td>
                    <StageBadge stage={stage} /> <span className="muted small">{stage.key}</span>
                  </td>
                  <td>{humanize(stage.category)}</td>
                  <td className="numeric">{stage.accountCount}</td>
                  <td className="cell-action">
                    <button type="button" className="button button-quiet" onClick={() => setEditing(stage.id)} aria-label={`Edit ${stage.name}`}>
                      Edit
                    </button>
                    <button type="button" className="icon-button" disabled={index === 0} onClick={() => move(index, -1)} aria-label={`Move ${stage.name} up`}>
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
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
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
