import { type FormEvent, useMemo, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { useViewer } from '../auth/ViewerProvider';
import type { InteractionKind, Sentiment } from '../gql/graphql';
import { Autocomplete, type Option } from '../ui/Autocomplete';
import { humanize, toLocalInput } from '../ui/format';
import { FormError } from '../ui/States';
import { useToast } from '../ui/Toast';
import { LogInteractionMutation } from './interaction.operations';
import { contactOption, useLookups } from './lookups';
import { QuickAddContactMutation } from './lookups.operations';
import { INTERACTION_KINDS, SENTIMENTS } from './options';

interface FollowUp {
  key: number;
  title: string;
  due: string;
}

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Kind, when, accounts, attendees, summary, sentiment and follow-ups, saved in one mutation. */
export function LogInteractionForm({
  initialAccounts,
  initialAttendees = [],
  onDone,
}: {
  initialAccounts: Option[];
  initialAttendees?: Option[];
  onDone(): void;
}) {
  const viewer = useViewer();
  const lookups = useLookups();
  const toast = useToast();
  const [{ fetching, error }, logInteraction] = useMutation(LogInteractionMutation);
  const [kind, setKind] = useState<InteractionKind>('MEETING');
  const [sentiment, setSentiment] = useState<Sentiment | null>(null);
  const [accounts, setAccounts] = useState<Option[]>(initialAccounts);
  const [attendees, setAttendees] = useState<Option[]>(initialAttendees);
  const [followUps, setFollowUps] = useState<FollowUp[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const client = useClient();
  const accountIds = accounts.map((account) => account.id).join(',');
  const { attendeesAt } = lookups;
  const loadAttendees = useMemo(
    () => attendeesAt(accountIds ? accountIds.split(',') : []),
    [attendeesAt, accountIds],
  );
  const outsiders = attendees.filter(
    (a) => a.id.startsWith('contact:') && !accounts.some((account) => account.id === a.accountId),
  );
  const quickAdd = {
    label: (name: string) => `Add “${name}” as a contact${accounts[0] ? ` at ${accounts[0].label}` : ''}`,
    onCreate: async (name: string) => {
      const created = await client
        .mutation(QuickAddContactMutation, { input: { name, kind: 'OTHER', accountId: accounts[0]?.id } })
        .toPromise();
      if (created.error) {
        setProblem(`${name} could not be added: ${created.error.message}`);
        return null;
      }
      toast(`${name} added as a contact${accounts[0] ? ` at ${accounts[0].label}` : ''}.`);
      return contactOption(created.data!.createContact);
    },
  };

  async function submit(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    const form = document.getElementById('log-interaction-form') as HTMLFormElement;
    const data = new FormData(form);
    if (!accounts.length) return setProblem('Choose at least one account the interaction was with.');
    const summary = String(data.get('summary') ?? '').trim();
    if (!summary) return setProblem('Write a short summary of what happened.');
    setProblem(null);
    const members = attendees.filter((a) => a.id.startsWith('member:')).map((a) => a.id.slice(7));
    const result = await logInteraction({
      input: {
        kind,
        occurredAt: new Date(String(data.get('occurredAt'))).toISOString(),
        timeZone,
        accountIds: accounts.map((account) => account.id),
        contactIds: attendees.filter((a) => a.id.startsWith('contact:')).map((a) => a.id.slice(8)),
        memberIds: members.length ? [...new Set([viewer.memberId, ...members])] : undefined,
        summary,
        nextSteps: String(data.get('nextSteps') ?? '').trim() || undefined,
        sentiment,
        followUps: followUps
          .filter((followUp) => followUp.title.trim())
          .map((followUp) => ({
            title: followUp.title.trim(),
            dueAt: followUp.due ? new Date(`${followUp.due}T17:00`).toISOString() : undefined,
          })),
      },
    });
    if (result.error) return;
    const tasks = result.data!.logInteraction.tasks.length;
    toast(`${humanize(kind)} logged${tasks ? ` with ${tasks} follow-up${tasks > 1 ? 's' : ''}` : ''}.`);
    onDone();
  }

  return (
    // Ctrl+Enter in any field saves: a keyboard shortcut for the whole form, not a widget of its own.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form
      id="log-interaction-form"
      className="form-grid"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void submit();
        }
      }}
    >
      <fieldset className="segmented span-2">
        <legend className="field-label">Kind</legend>
        {INTERACTION_KINDS.map((value) => (
          <label key={value} className={kind === value ? 'segment selected' : 'segment'}>
            <input
              type="radio"
              name="kind"
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            {humanize(value)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>When</span>
        <input name="occurredAt" type="datetime-local" defaultValue={toLocalInput(new Date())} required />
      </label>
      <fieldset className="segmented">
        <legend className="field-label">Sentiment</legend>
        {SENTIMENTS.map((value) => (
          <label
            key={value}
            className={sentiment === value ? `segment selected sentiment-${value.toLowerCase()}` : 'segment'}
          >
            <input
              type="radio"
              name="sentiment"
              value={value}
              checked={sentiment === value}
              onChange={() => setSentiment(value)}
            />
            {humanize(value)}
          </label>
        ))}
      </fieldset>
      <div className="span-2">
        <Autocomplete
          label="Accounts"
          load={lookups.accounts}
          selected={accounts}
          onChange={setAccounts}
          placeholder="Type an account name"
          autoFocus={!initialAccounts.length}
        />
      </div>
      <div className="span-2">
        <Autocomplete
          label="Attendees"
          load={loadAttendees}
          selected={attendees}
          onChange={setAttendees}
          placeholder={
            accounts.length
              ? `People at ${accounts.map((a) => a.label).join(', ')} first, then everyone`
              : 'Contacts and teammates'
          }
          autoFocus={initialAccounts.length > 0}
          create={quickAdd}
        />
        {accounts.length > 0 && outsiders.length > 0 && (
          <p className="notice small" role="status">
            {outsiders
              .map((person) => `${person.label} ${person.detail ? `(${person.detail})` : ''}`.trim())
              .join(', ')}{' '}
            {outsiders.length > 1 ? 'do' : 'does'} not work at {accounts.map((a) => a.label).join(' or ')}.
            Check the attendees, or add their company to the accounts.
          </p>
        )}
      </div>
      <label className="field span-2">
        <span>Summary</span>
        <textarea name="summary" rows={3} placeholder="What was discussed, what they want" />
      </label>
      <label className="field span-2">
        <span>Next steps</span>
        <input name="nextSteps" placeholder="Optional" />
      </label>
      <fieldset className="span-2 follow-ups">
        <legend className="field-label">Follow-up tasks</legend>
        {followUps.map((followUp, index) => (
          <div key={followUp.key} className="follow-up-row">
            <label className="field grow">
              <span className="visually-hidden">Follow-up {index + 1} title</span>
              <input
                value={followUp.title}
                placeholder="e.g. Send the pilot proposal"
                aria-label={`Follow-up ${index + 1} title`}
                onChange={(event) =>
                  setFollowUps(
                    followUps.map((f) => (f.key === followUp.key ? { ...f, title: event.target.value } : f)),
                  )
                }
              />
            </label>
            <label className="field">
              <span className="visually-hidden">Follow-up {index + 1} due date</span>
              <input
                type="date"
                value={followUp.due}
                aria-label={`Follow-up ${index + 1} due date`}
                onChange={(event) =>
                  setFollowUps(
                    followUps.map((f) => (f.key === followUp.key ? { ...f, due: event.target.value } : f)),
                  )
                }
              />
            </label>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove follow-up ${index + 1}`}
              onClick={() => setFollowUps(followUps.filter((f) => f.key !== followUp.key))}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-quiet"
          onClick={() => setFollowUps([...followUps, { key: Date.now(), title: '', due: '' }])}
        >
          + Add follow-up
        </button>
      </fieldset>
      <div className="span-2 form-footer">
        {problem ? (
          <p className="form-error" role="alert">
            {problem}
          </p>
        ) : (
          <FormError error={error} />
        )}
        <span className="hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to save
        </span>
        <button type="submit" className="button button-primary" disabled={fetching}>
          {fetching ? 'Saving…' : 'Save interaction'}
        </button>
      </div>
    </form>
  );
}
