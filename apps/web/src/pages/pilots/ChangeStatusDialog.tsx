import { useState } from 'react';
import { useMutation } from 'urql';
import type { PilotStatus } from '../../gql/graphql';
import { Dialog } from '../../ui/Dialog';
import { humanize } from '../../ui/format';
import { FormError } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { ChangePilotStatusMutation } from './pilots.operations';

interface Props {
  pilot: { id: string; name: string; status: PilotStatus; allowedNextStatuses: PilotStatus[] };
  onClose(): void;
  onChanged(): void;
}

/** Moves the pilot to one of the statuses allowed next, with the reason kept in its history. */
export function ChangeStatusDialog({ pilot, onClose, onChanged }: Props) {
  const [status, setStatus] = useState<PilotStatus>(pilot.allowedNextStatuses[0]!);
  const [reason, setReason] = useState('');
  const [{ fetching, error }, change] = useMutation(ChangePilotStatusMutation);
  const toast = useToast();
  return (
    <Dialog open title={`Change the status of ${pilot.name}`} onClose={onClose}>
      <form
        className="stack"
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await change({ input: { id: pilot.id, status, reason: reason.trim() || null } });
          if (result.error) return;
          toast(`${pilot.name} is now ${humanize(status).toLowerCase()}.`);
          onChanged();
        }}
      >
        <label className="field">
          <span>New status</span>
          <select value={status} autoFocus onChange={(event) => setStatus(event.target.value as PilotStatus)}>
            {pilot.allowedNextStatuses.map((next) => (
              <option key={next} value={next}>
                {humanize(next)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Reason</span>
          <textarea
            rows={3}
            value={reason}
            placeholder="Why, for the history"
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        <div className="form-footer">
          <FormError error={error} />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={fetching}>
            Change to {humanize(status).toLowerCase()}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
