import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import type { GrantDetailsFragment, GrantStatus } from '../../gql/graphql';
import { Dialog } from '../../ui/Dialog';
import { TextAreaField, TextField } from '../../ui/Field';
import { formProblems } from '../../ui/field-errors';
import { FormError } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { formatCredits, statusAction } from './grant-format';
import { ChangeGrantStatusMutation, ExtendGrantMutation } from './grants.operations';

interface GrantDialogProps {
  grant: GrantDetailsFragment;
  /** Who has the grant, for the title. */
  subjectName: string;
  onClose(): void;
}

/** Pauses, resumes, activates or revokes a grant, with the reason kept in its history. */
export function GrantStatusDialog({ grant, subjectName, to, onClose }: GrantDialogProps & { to: GrantStatus }) {
  const [{ fetching, error }, change] = useMutation(ChangeGrantStatusMutation);
  const [reason, setReason] = useState('');
  const toast = useToast();
  const { errors, unexplained } = formProblems(error);
  const action = statusAction(grant.status, to);
  return (
    <Dialog open title={`${action} the grant of ${subjectName}`} onClose={onClose}>
      <form
        className="stack"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await change({ input: { id: grant.id, status: to, reason: reason.trim() } });
          if (result.error) return;
          toast(`The grant of ${subjectName} is now ${to.toLowerCase()}.`);
          onClose();
        }}
      >
        <TextAreaField
          label="Reason"
          rows={3}
          value={reason}
          placeholder="Why, for the history"
          onChange={(event) => setReason(event.target.value)}
          error={errors.reason ?? errors.status}
        />
        <div className="form-footer">
          <FormError error={unexplained} />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={to === 'REVOKED' ? 'button button-danger' : 'button button-primary'}
            disabled={fetching}
          >
            {action}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Moves a grant's last day and/or its credit limit, with a reason. */
export function ExtendGrantDialog({ grant, subjectName, onClose }: GrantDialogProps) {
  const [{ fetching, error }, extend] = useMutation(ExtendGrantMutation);
  const toast = useToast();
  const [openEnded, setOpenEnded] = useState(false);
  const { errors, unexplained } = formProblems(error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiresOn = String(form.get('expiresOn') ?? '');
    const creditLimit = String(form.get('creditLimit') ?? '').trim();
    const result = await extend({
      input: {
        id: grant.id,
        reason: String(form.get('reason') ?? '').trim(),
        ...(openEnded ? { expiresOn: null } : expiresOn && expiresOn !== grant.expiresOn ? { expiresOn } : {}),
        ...(creditLimit && Number(creditLimit) !== grant.creditLimit ? { creditLimit: Number(creditLimit) } : {}),
      },
    });
    if (result.error) return;
    toast(`The grant of ${subjectName} is extended.`);
    onClose();
  }

  return (
    <Dialog open title={`Extend the grant of ${subjectName}`} onClose={onClose}>
      <form className="stack" onSubmit={submit} aria-label="Extend the grant" noValidate>
        <TextField
          label="Last day"
          name="expiresOn"
          type="date"
          defaultValue={grant.expiresOn ?? ''}
          disabled={openEnded}
          error={errors.expiresOn}
        />
        <label className="checkbox">
          <input type="checkbox" checked={openEnded} onChange={(event) => setOpenEnded(event.target.checked)} />
          Open-ended (no last day)
        </label>
        {grant.creditUnit && (
          <TextField
            label={`Credit limit (${grant.creditUnit === 'USD' ? 'USD' : 'generations'})`}
            name="creditLimit"
            type="number"
            min={0}
            step="any"
            defaultValue={grant.creditLimit ?? ''}
            hint={`Now ${formatCredits(grant.creditLimit, grant.creditUnit)}`}
            error={errors.creditLimit}
          />
        )}
        <TextAreaField label="Reason" name="reason" rows={3} placeholder="Why, for the history" error={errors.reason} />
        <div className="form-footer">
          <FormError error={unexplained ?? (errors.id ? new Error(errors.id) : null)} />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={fetching}>
            Extend
          </button>
        </div>
      </form>
    </Dialog>
  );
}
