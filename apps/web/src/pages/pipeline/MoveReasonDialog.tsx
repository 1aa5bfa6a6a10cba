import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { MoveAccountStageMutation } from './pipeline.operations';

export interface StageMove {
  account: { id: string; name: string };
  from: { name: string };
  to: { id: string; name: string };
}

/** Asks why the account moves, then records the transition. */
export function MoveReasonDialog({ move, onClose }: { move: StageMove; onClose(): void }) {
  const [{ fetching, error }, moveStage] = useMutation(MoveAccountStageMutation);
  const [reason, setReason] = useState('');
  const toast = useToast();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await moveStage({ input: { accountId: move.account.id, stageId: move.to.id, reason: reason.trim() } });
    if (result.error) return;
    toast(`${move.account.name} moved to ${move.to.name}.`);
    onClose();
  }

  return (
    <Dialog open title={`Move ${move.account.name}`} onClose={onClose}>
      <form onSubmit={submit} className="stack">
        <p>
          From <strong>{move.from.name}</strong> to <strong>{move.to.name}</strong>.
        </p>
        <label className="field">
          <span>Reason</span>
          <textarea
            name="reason"
            rows={3}
            required
            autoFocus
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            placeholder="Why is it moving? Shown in the stage history."
          />
        </label>
        <FormError error={error} />
        <div className="form-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={fetching || !reason.trim()}>
            {fetching ? 'Moving…' : `Move to ${move.to.name}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
