import { type FormEvent, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import type { ContactKind } from '../../gql/graphql';
import { useLookups } from '../../interactions/lookups';
import { Autocomplete, type Option } from '../../ui/Autocomplete';
import { describeError } from '../../ui/errors';
import { SelectField, splitList, TextAreaField, TextField } from '../../ui/Field';
import { formProblems } from '../../ui/field-errors';
import { humanize } from '../../ui/format';
import { FormError } from '../../ui/States';
import { AccountFormOptionsQuery } from '../accounts/accounts.operations';
import { CONTACT_KINDS, RELATIONSHIP_WORDS } from './contact-options';
import { CreateContactMutation, RepresentTalentMutation, UpdateContactMutation } from './contacts.operations';

export interface ContactValues {
  id: string;
  name: string;
  kind: ContactKind;
  title?: string | null;
  emails: string[];
  phones: string[];
  notes?: string | null;
  relationshipStrength?: number | null;
  owner?: { id: string } | null;
}

export interface SavedContact {
  id: string;
  name: string;
}

/**
 * A person's fields. Creating one can open a position at an account and, for agents and talent,
 * record who represents whom; editing changes the fields in place.
 */
export function ContactForm({
  contact,
  initialName = '',
  initialAccount,
  onSaved,
  onCancel,
}: {
  contact?: ContactValues;
  initialName?: string;
  initialAccount?: Option;
  onSaved(saved: SavedContact): void;
  onCancel(): void;
}) {
  const client = useClient();
  const lookups = useLookups();
  const [{ data: options }] = useQuery({ query: AccountFormOptionsQuery, requestPolicy: 'cache-first' });
  const [creation, create] = useMutation(CreateContactMutation);
  const [update, save] = useMutation(UpdateContactMutation);
  const [kind, setKind] = useState<ContactKind>(contact?.kind ?? 'EXECUTIVE');
  const [account, setAccount] = useState<Option[]>(initialAccount ? [initialAccount] : []);
  const [counterpart, setCounterpart] = useState<Option[]>([]);
  const [problem, setProblem] = useState<Record<string, string>>({});
  const [representationError, setRepresentationError] = useState<string | null>(null);
  const result = contact ? update : creation;
  const { errors, unexplained } = formProblems(result.error, problem);
  const members =
    options?.members.edges.map((edge) => edge.node).filter((member) => member.role !== 'EXECUTIVE') ?? [];
  const represents = !contact && kind === 'AGENT';
  const representedBy = !contact && kind === 'TALENT';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    if (!name) return setProblem({ name: 'Give the person a name.' });
    const strength = String(form.get('relationshipStrength') ?? '');
    setProblem({});
    const values = {
      name,
      kind,
      title: String(form.get('title') ?? '').trim() || null,
      emails: splitList(form.get('emails')),
      phones: splitList(form.get('phones')),
      notes: String(form.get('notes') ?? '').trim() || null,
      relationshipStrength: strength ? Number(strength) : null,
      ownerId: String(form.get('ownerId') ?? '') || undefined,
    };
    if (contact) {
      const saved = await save({ input: { id: contact.id, ...values } });
      if (!saved.error) onSaved(saved.data!.updateContact);
      return;
    }
    const created = await create({
      input: {
        ...values,
        title: values.title ?? undefined,
        notes: values.notes ?? undefined,
        relationshipStrength: values.relationshipStrength ?? undefined,
        accountId: account[0]?.id,
      },
    });
    if (created.error) return;
    const person = created.data!.createContact;
    const other = counterpart[0]?.id.replace(/^contact:/, '');
    if (other) {
      const input = represents
        ? { agentId: person.id, talentId: other, agencyId: account[0]?.id }
        : { agentId: other, talentId: person.id };
      const linked = await client.mutation(RepresentTalentMutation, { input }).toPromise();
      if (linked.error)
        return setRepresentationError(
          `${person.name} was created, but the representation was not recorded: ${describeError(linked.error)}`,
        );
    }
    onSaved(person);
  }

  return (
    <form
      className="form-grid"
      onSubmit={submit}
      aria-label={contact ? `Edit ${contact.name}` : 'New contact'}
      noValidate
    >
      <TextField
        label="Name"
        name="name"
        defaultValue={contact?.name ?? initialName}
        error={errors.name}
        required
        autoFocus
      />
      <SelectField
        label="Kind"
        name="kind"
        value={kind}
        onChange={(event) => setKind(event.target.value as ContactKind)}
        error={errors.kind}
      >
        {CONTACT_KINDS.map((value) => (
          <option key={value} value={value}>
            {humanize(value)}
          </option>
        ))}
      </SelectField>
      <TextField label="Title" name="title" defaultValue={contact?.title ?? ''} error={errors.title} />
      {!contact && (
        <div>
          <Autocomplete
            label="Works at"
            load={lookups.accounts}
            selected={account}
            onChange={setAccount}
            single
            placeholder="Type an account name"
          />
          {errors.accountId && (
            <span className="field-error" role="alert">
              {errors.accountId}
            </span>
          )}
        </div>
      )}
      {(represents || representedBy) && (
        <div className="span-2">
          <Autocomplete
            label={represents ? 'Represents (talent)' : 'Represented by (agent)'}
            load={represents ? lookups.talent : lookups.agents}
            selected={counterpart}
            onChange={setCounterpart}
            single
            placeholder={represents ? 'Type the talent’s name' : 'Type the agent’s name'}
          />
        </div>
      )}
      <TextField
        label="Emails"
        name="emails"
        defaultValue={contact?.emails.join(', ') ?? ''}
        hint="Comma-separated; the first is the primary one"
        error={errors.emails}
      />
      <TextField
        label="Phones"
        name="phones"
        defaultValue={contact?.phones.join(', ') ?? ''}
        hint="Comma-separated"
        error={errors.phones}
      />
      <SelectField
        label="Relationship"
        name="relationshipStrength"
        defaultValue={contact?.relationshipStrength ? String(contact.relationshipStrength) : ''}
        error={errors.relationshipStrength}
      >
        <option value="">Not rated</option>
        {[1, 2, 3, 4, 5].map((strength) => (
          <option key={strength} value={strength}>
            {strength} · {RELATIONSHIP_WORDS[strength]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Owner"
        name="ownerId"
        defaultValue={contact?.owner?.id ?? ''}
        error={errors.ownerId}
      >
        <option value="">{contact ? 'Keep as is' : 'Nobody'}</option>
        {members.map((member) => (
          <option key={member.id} value={member.id}>
            {member.user.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Notes"
        name="notes"
        className="span-2"
        rows={3}
        defaultValue={contact?.notes ?? ''}
        error={errors.notes}
      />
      <div className="span-2 form-footer">
        <FormError error={unexplained} />
        {representationError && (
          <p className="form-error" role="alert">
            {representationError}
          </p>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={result.fetching}>
          {result.fetching ? 'Saving…' : contact ? 'Save changes' : 'Create contact'}
        </button>
      </div>
    </form>
  );
}
