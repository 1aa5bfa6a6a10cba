import { type FormEvent, useState } from 'react';
import { useClient } from 'urql';
import { describeError } from '../../ui/errors';
import { MemberSelect, type MemberOption } from '../../ui/MemberSelect';
import { useToast } from '../../ui/Toast';
import type { AccountRow } from './AccountsPage';
import { BulkMoveStageMutation, UpdateAccountMutation } from './accounts.operations';

type Action = 'owner' | 'stage' | 'tag';

/** Assign an owner, move to a stage or add a tag, for every selected account. */
export function AccountBulkActions({
  selected,
  stages,
  members,
  onDone,
}: {
  selected: AccountRow[];
  stages: { id: string; name: string }[];
  members: readonly MemberOption[];
  onDone(): void;
}) {
  const client = useClient();
  const toast = useToast();
  const [action, setAction] = useState<Action>('owner');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = String(form.get('value') ?? '').trim();
    if (!value) return setProblem('Choose what to apply first.');
    setBusy(true);
    setProblem(null);
    const failures: string[] = [];
    for (const account of selected) {
      const result =
        action === 'stage'
          ? await client
              .mutation(BulkMoveStageMutation, {
                input: {
                  accountId: account.id,
                  stageId: value,
                  reason:
                    String(form.get('reason') ?? '').trim() || 'Moved with others from the accounts list',
                },
              })
              .toPromise()
          : await client
              .mutation(UpdateAccountMutation, {
                input:
                  action === 'owner'
                    ? { id: account.id, ownerId: value }
                    : { id: account.id, tags: [...new Set([...account.tags, value])] },
              })
              .toPromise();
      if (result.error) failures.push(`${account.name}: ${describeError(result.error)}`);
    }
    setBusy(false);
    if (failures.length) return setProblem(failures.join(' '));
    toast(`${selected.length} account${selected.length > 1 ? 's' : ''} updated.`);
    onDone();
  }

  return (
    <form className="bulk-bar panel" aria-label="Bulk actions" onSubmit={apply}>
      <strong>{selected.length} selected</strong>
      <label className="field">
        <span>Action</span>
        <select value={action} onChange={(event) => setAction(event.target.value as Action)}>
          <option value="owner">Assign owner</option>
          <option value="stage">Move to stage</option>
          <option value="tag">Add tag</option>
        </select>
      </label>
      {action === 'owner' && <MemberSelect key="owner" label="Owner" name="value" members={members} />}
      {action === 'stage' && (
        <>
          <label className="field">
            <span>Stage</span>
            <select name="value" key="stage" defaultValue="">
              <option value="">Choose…</option>
              {stages.map((stage) => (
                <option key={stage.id} value={stage.id}>
                  {stage.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Reason</span>
            <input name="reason" placeholder="Shown in each stage history" />
          </label>
        </>
      )}
      {action === 'tag' && (
        <label className="field">
          <span>Tag</span>
          <input name="value" key="tag" />
        </label>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Applying…' : 'Apply'}
      </button>
      <button type="button" className="button button-quiet" onClick={onDone}>
        Clear selection
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
