import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useLookups } from '../../interactions/lookups';
import { Autocomplete } from '../../ui/Autocomplete';
import { humanize } from '../../ui/format';
import { ActiveMembersQuery } from '../pipeline/pipeline.operations';
import { withChanges } from '../dashboard/dashboard-params';
import { PILOT_STATUSES } from './pilot-options';

/** Status, owner, account and "ending soon" filters, kept in the address. */
export function PilotsFilters({ endingSoonDays, onChange }: { endingSoonDays: number; onChange(): void }) {
  const [params, setParams] = useSearchParams();
  const [{ data }] = useQuery({ query: ActiveMembersQuery, requestPolicy: 'cache-first' });
  const lookups = useLookups();
  const account = params.get('account');

  function set(changes: Record<string, string | null>) {
    onChange();
    setParams(withChanges(new URLSearchParams(window.location.search), changes), { replace: true });
  }

  return (
    <div className="filters filters-bar" role="group" aria-label="Filters">
      <label className="field field-inline">
        <span>Status</span>
        <select value={params.get('status') ?? ''} onChange={(event) => set({ status: event.target.value })}>
          <option value="">Any status</option>
          {PILOT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {humanize(status)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>Owner</span>
        <select value={params.get('owner') ?? ''} onChange={(event) => set({ owner: event.target.value })}>
          <option value="">Anyone</option>
          {data?.members.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.user.name}
            </option>
          ))}
        </select>
      </label>
      <div className="filter-account">
        <Autocomplete
          label="Account"
          single
          placeholder="Any account"
          load={lookups.accounts}
          selected={account ? [{ id: account, label: params.get('accountName') ?? 'This account' }] : []}
          onChange={(chosen) =>
            set({ account: chosen[0]?.id ?? null, accountName: chosen[0]?.label ?? null })
          }
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={!!params.get('endingSoon')}
          onChange={(event) => set({ endingSoon: event.target.checked ? '1' : null })}
        />
        Ending within {endingSoonDays} days
      </label>
    </div>
  );
}
