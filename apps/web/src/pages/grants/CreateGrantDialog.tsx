import type { FormEvent } from 'react';
import { useMutation } from 'urql';
import type { CreditUnit, GrantStatus } from '../../gql/graphql';
import { Dialog } from '../../ui/Dialog';
import { SelectField, splitList, TextAreaField, TextField } from '../../ui/Field';
import { formProblems } from '../../ui/field-errors';
import { FormError } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { isoDay } from '../dashboard/dashboard-params';
import { CreateGrantMutation } from './grants.operations';

/** Who is given access: an account (with seats and maybe a pilot) or one person. */
export interface GrantSubject {
  kind: 'ACCOUNT' | 'CONTACT';
  id: string;
  name: string;
  pilots?: { id: string; name: string }[];
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const numberOrNull = (value: string) => (value === '' ? null : Number(value));

/** A new grant: seats, credits, models, days, notes and pilot; offered or active at once. */
export function CreateGrantDialog({ subject, onClose }: { subject: GrantSubject; onClose(): void }) {
  const [{ fetching, error }, create] = useMutation(CreateGrantMutation);
  const toast = useToast();
  const { errors, unexplained } = formProblems(error);
  const forAccount = subject.kind === 'ACCOUNT';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const creditUnit = (text(form, 'creditUnit') || null) as CreditUnit | null;
    const result = await create({
      input: {
        ...(forAccount ? { accountId: subject.id } : { contactId: subject.id }),
        seats: forAccount ? numberOrNull(text(form, 'seats')) : undefined,
        creditUnit,
        creditLimit: numberOrNull(text(form, 'creditLimit')),
        modelTier: text(form, 'modelTier') || null,
        models: splitList(form.get('models')),
        startsOn: text(form, 'startsOn'),
        expiresOn: text(form, 'expiresOn') || null,
        status: text(form, 'status') as GrantStatus,
        pilotId: text(form, 'pilotId') || null,
        notes: text(form, 'notes') || null,
      },
    });
    if (result.error) return;
    toast(`Access granted to ${subject.name}.`);
    onClose();
  }

  return (
    <Dialog open wide title={`Grant access to ${subject.name}`} onClose={onClose}>
      <form className="form-grid" onSubmit={submit} aria-label="New grant" noValidate>
        {forAccount && (
          <TextField label="Seats" name="seats" type="number" min={1} step={1} inputMode="numeric" error={errors.seats} hint="None: not limited" />
        )}
        <SelectField label="Status" name="status" defaultValue="OFFERED" error={errors.status}>
          <option value="OFFERED">Offered</option>
          <option value="ACTIVE">Active now</option>
        </SelectField>
        <SelectField label="Credits in" name="creditUnit" defaultValue="USD" error={errors.creditUnit}>
          <option value="USD">USD (spend)</option>
          <option value="GENERATIONS">Generations</option>
          <option value="">No credit limit</option>
        </SelectField>
        <TextField label="Credits" name="creditLimit" type="number" min={0} step="any" inputMode="decimal" error={errors.creditLimit} />
        <TextField label="Model tier" name="modelTier" placeholder="pro" error={errors.modelTier} />
        <TextField label="Models" name="models" hint="Comma-separated; none: every model of the tier" error={errors.models} />
        <TextField label="First day" name="startsOn" type="date" defaultValue={isoDay(new Date())} error={errors.startsOn} />
        <TextField label="Last day" name="expiresOn" type="date" hint="Empty: open-ended" error={errors.expiresOn} />
        {forAccount && (
          <SelectField label="Pilot" name="pilotId" defaultValue="" className="span-2" error={errors.pilotId}>
            <option value="">None</option>
            {subject.pilots?.map((pilot) => (
              <option key={pilot.id} value={pilot.id}>
                {pilot.name}
              </option>
            ))}
          </SelectField>
        )}
        <TextAreaField label="Notes" name="notes" rows={3} className="span-2" error={errors.notes} />
        <div className="span-2 form-footer">
          <FormError error={unexplained} />
          {(errors.accountId ?? errors.contactId) && (
            <p className="form-error" role="alert">
              {errors.accountId ?? errors.contactId}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={fetching}>
            {fetching ? 'Granting…' : 'Grant access'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
