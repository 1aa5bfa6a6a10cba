import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { AccountKind } from '../../gql/graphql';
import { splitList, SelectField, TextField } from '../../ui/Field';
import { formProblems } from '../../ui/field-errors';
import { humanize } from '../../ui/format';
import { FormError } from '../../ui/States';
import { ACCOUNT_KINDS } from '../pipeline/account-kinds';
import { AccountFormOptionsQuery, CreateAccountMutation, UpdateAccountMutation } from './accounts.operations';

export interface AccountValues {
  id: string;
  name: string;
  kind: AccountKind;
  region?: string | null;
  tier?: string | null;
  website?: string | null;
  domains: string[];
  tags: string[];
  expectedAnnualValue?: number | null;
  currency: string;
  owner?: { id: string } | null;
}

function numberOrNull(value: FormDataEntryValue | null): number | null {
  const text = String(value ?? '').trim();
  return text === '' ? null : Number(text);
}

/**
 * Every field of an account. Without `account` it creates one (with a starting stage); with it,
 * it edits in place. The API's validation messages appear beside their fields.
 */
export function AccountForm({
  account,
  onSaved,
  onCancel,
}: {
  account?: AccountValues;
  onSaved(saved: { id: string; name: string }): void;
  onCancel(): void;
}) {
  const [{ data: options }] = useQuery({ query: AccountFormOptionsQuery, requestPolicy: 'cache-first' });
  const [creation, create] = useMutation(CreateAccountMutation);
  const [update, save] = useMutation(UpdateAccountMutation);
  const [problem, setProblem] = useState<Record<string, string>>({});
  const result = account ? update : creation;
  const { errors, unexplained } = formProblems(result.error, problem);
  const members =
    options?.members.edges.map((edge) => edge.node).filter((member) => member.role !== 'EXECUTIVE') ?? [];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    if (!name) return setProblem({ name: 'Give the account a name.' });
    setProblem({});
    const values = {
      name,
      kind: String(form.get('kind')) as AccountKind,
      region: String(form.get('region') ?? '').trim() || null,
      tier: String(form.get('tier') ?? '').trim() || null,
      website: String(form.get('website') ?? '').trim() || null,
      domains: splitList(form.get('domains')),
      tags: splitList(form.get('tags')),
      expectedAnnualValue: numberOrNull(form.get('expectedAnnualValue')),
      currency:
        String(form.get('currency') ?? '')
          .trim()
          .toUpperCase() || undefined,
      ownerId: String(form.get('ownerId') ?? '') || undefined,
    };
    if (account) {
      const saved = await save({ input: { id: account.id, ...values } });
      if (!saved.error) onSaved(saved.data!.updateAccount);
    } else {
      const created = await create({
        input: {
          ...values,
          region: values.region ?? undefined,
          tier: values.tier ?? undefined,
          website: values.website ?? undefined,
          expectedAnnualValue: values.expectedAnnualValue ?? undefined,
          stageId: String(form.get('stageId') ?? '') || undefined,
        },
      });
      if (!created.error) onSaved(created.data!.createAccount);
    }
  }

  return (
    <form
      className="form-grid"
      onSubmit={submit}
      aria-label={account ? `Edit ${account.name}` : 'New account'}
      noValidate
    >
      <TextField
        label="Name"
        name="name"
        defaultValue={account?.name}
        error={errors.name}
        required
        autoFocus
      />
      <SelectField label="Kind" name="kind" defaultValue={account?.kind ?? 'STUDIO'} error={errors.kind}>
        {ACCOUNT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {humanize(kind)}
          </option>
        ))}
      </SelectField>
      {!account && (
        <SelectField label="Stage" name="stageId" defaultValue="" error={errors.stageId}>
          <option value="">First open stage</option>
          {options?.stages.map((stage) => (
            <option key={stage.id} value={stage.id}>
              {stage.name}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        label="Owner"
        name="ownerId"
        defaultValue={account?.owner?.id ?? ''}
        error={errors.ownerId}
      >
        <option value="">{account ? 'Keep as is' : 'Me'}</option>
        {members.map((member) => (
          <option key={member.id} value={member.id}>
            {member.user.name}
          </option>
        ))}
      </SelectField>
      <TextField label="Region" name="region" defaultValue={account?.region ?? ''} error={errors.region} />
      <TextField label="Tier" name="tier" defaultValue={account?.tier ?? ''} error={errors.tier} />
      <TextField
        label="Expected annual value"
        name="expectedAnnualValue"
        type="number"
        min={0}
        step="any"
        defaultValue={account?.expectedAnnualValue ?? ''}
        error={errors.expectedAnnualValue}
      />
      <TextField
        label="Currency"
        name="currency"
        defaultValue={account?.currency ?? 'USD'}
        maxLength={3}
        error={errors.currency}
      />
      <TextField
        label="Website"
        name="website"
        defaultValue={account?.website ?? ''}
        error={errors.website}
      />
      <TextField
        label="Domains"
        name="domains"
        defaultValue={account?.domains.join(', ') ?? ''}
        hint="Comma-separated, e.g. granite.com"
        error={errors.domains}
      />
      <TextField
        label="Tags"
        name="tags"
        className="span-2"
        defaultValue={account?.tags.join(', ') ?? ''}
        hint="Comma-separated"
        error={errors.tags}
      />
      <div className="span-2 form-footer">
        <FormError error={unexplained} />
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={result.fetching}>
          {result.fetching ? 'Saving…' : account ? 'Save changes' : 'Create account'}
        </button>
      </div>
    </form>
  );
}
