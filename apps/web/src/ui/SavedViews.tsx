import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { ListKind } from '../gql/graphql';
import { DeleteSavedViewMutation, SavedViewsQuery, SaveViewMutation } from './saved-views.operations';
import { FormError } from './States';

/** Canonical form of an address query, so equal views compare equal whatever their key order. */
function canonical(query: string): string {
  const params = new URLSearchParams(query);
  params.sort();
  return params.toString();
}

/**
 * The member's saved views of a list: pick one to apply its filters, order and columns; save the
 * view on screen under a name (the same name replaces it); delete the one applied.
 */
export function SavedViews({
  list,
  current,
  onApply,
}: {
  list: ListKind;
  /** The address query of the view on screen. */
  current: string;
  onApply(query: string): void;
}) {
  const [{ data }, refetch] = useQuery({ query: SavedViewsQuery, variables: { list } });
  // the list may hold no view to tie the mutations' answers to: read it again after each
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [saving, save] = useMutation(SaveViewMutation);
  const [deleting, remove] = useMutation(DeleteSavedViewMutation);
  const [naming, setNaming] = useState(false);
  const views = data?.savedViews ?? [];
  const applied = views.find((view) => canonical(view.query) === canonical(current));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    if (!name) return;
    const result = await save({ input: { list, name, query: canonical(current) } });
    if (!result.error) {
      setNaming(false);
      reload();
    }
  }

  return (
    <div className="saved-views">
      <label className="field field-inline">
        <span>View</span>
        <select
          value={applied?.id ?? ''}
          onChange={(event) => {
            const view = views.find((entry) => entry.id === event.target.value);
            onApply(view ? view.query : '');
          }}
        >
          <option value="">{applied || !current ? 'Default' : 'Unsaved view'}</option>
          {views.map((view) => (
            <option key={view.id} value={view.id}>
              {view.name}
            </option>
          ))}
        </select>
      </label>
      {naming ? (
        <form className="inline-form" aria-label="Save this view" onSubmit={submit}>
          <label className="field field-inline">
            <span>Name</span>
            <input name="name" required maxLength={80} autoFocus defaultValue={applied?.name ?? ''} />
          </label>
          <button type="submit" className="button button-primary" disabled={saving.fetching}>
            Save
          </button>
          <button type="button" className="button" onClick={() => setNaming(false)}>
            Cancel
          </button>
          <FormError error={saving.error} />
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setNaming(true)}>
          Save view
        </button>
      )}
      {applied && !naming && (
        <button
          type="button"
          className="button button-quiet"
          disabled={deleting.fetching}
          onClick={async () => {
            const result = await remove({ id: applied.id });
            if (!result.error) reload();
          }}
        >
          Delete view
        </button>
      )}
      <FormError error={deleting.error} />
    </div>
  );
}
