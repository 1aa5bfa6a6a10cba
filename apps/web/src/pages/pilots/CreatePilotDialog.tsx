import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import type { PilotIntegrationKind } from '../../gql/graphql';
import { Dialog } from '../../ui/Dialog';
import { humanize } from '../../ui/format';
import { FormError } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { isoDay } from '../dashboard/dashboard-params';
import { ActiveMembersQuery } from '../pipeline/pipeline.operations';
import { INTEGRATION_KINDS } from './pilot-options';
import { CreatePilotMutation } from './pilots.operations';

const DEFAULT_DAYS = 30;

function newPilotForm(ownerId: string) {
  const start = new Date();
  return {
    name: '',
    integrationKind: 'API' as PilotIntegrationKind,
    startDate: isoDay(start),
    endDate: isoDay(new Date(start.getTime() + DEFAULT_DAYS * 86_400_000)),
    creditBudgetUsd: '',
    ownerId,
    notes: '',
  };
}

/** A new pilot for an account: name, kind, dates, credit and owner; criteria are added on its page. */
export function CreatePilotDialog({
  account,
  onClose,
}: {
  account: { id: string; name: string };
  onClose(): void;
}) {
  const viewer = useViewer();
  const navigate = useNavigate();
  const toast = useToast();
  const [{ data: members }] = useQuery({ query: ActiveMembersQuery, requestPolicy: 'cache-first' });
  const [{ fetching, error }, create] = useMutation(CreatePilotMutation);
  const [form, setForm] = useState(() => newPilotForm(viewer.memberId));
  const change = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));

  return (
    <Dialog open title={`New pilot with ${account.name}`} onClose={onClose}>
      <form
        className="form-grid"
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await create({
            input: {
              ...form,
              accountId: account.id,
              name: form.name.trim(),
              creditBudgetUsd: Number(form.creditBudgetUsd),
              notes: form.notes.trim() || null,
            },
          });
          if (result.error || !result.data) return;
          toast(`Pilot ${result.data.createPilot.name} created.`);
          navigate(`/pilots/${result.data.createPilot.id}`);
        }}
      >
        <label className="field span-2">
          <span>Name</span>
          <input
            required
            autoFocus
            value={form.name}
            onChange={change('name')}
            placeholder="Trailer sprint"
          />
        </label>
        <label className="field">
          <span>Integration</span>
          <select value={form.integrationKind} onChange={change('integrationKind')}>
            {INTEGRATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {humanize(kind)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Credit (USD)</span>
          <input
            required
            type="number"
            min="1"
            step="any"
            value={form.creditBudgetUsd}
            onChange={change('creditBudgetUsd')}
          />
        </label>
        <label className="field">
          <span>First day</span>
          <input required type="date" value={form.startDate} onChange={change('startDate')} />
        </label>
        <label className="field">
          <span>Last day</span>
          <input
            required
            type="date"
            value={form.endDate}
            min={form.startDate}
            onChange={change('endDate')}
          />
        </label>
        <label className="field span-2">
          <span>Owner</span>
          <select value={form.ownerId} onChange={change('ownerId')}>
            {members?.members.edges
              .filter(({ node }) => node.role !== 'EXECUTIVE')
              .map(({ node }) => (
                <option key={node.id} value={node.id}>
                  {node.user.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field span-2">
          <span>Notes</span>
          <textarea rows={3} value={form.notes} onChange={change('notes')} />
        </label>
        <div className="form-footer span-2">
          <FormError error={error} />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={fetching}>
            Create pilot
          </button>
        </div>
      </form>
    </Dialog>
  );
}
