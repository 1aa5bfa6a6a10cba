import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { humanize } from '../../ui/format';
import { ACCOUNT_KINDS } from '../pipeline/account-kinds';
import { ActiveMembersQuery } from '../pipeline/pipeline.operations';
import { type DashboardParams, PERIOD_PRESETS, today } from './dashboard-params';

/** Period (last 30, 90, 365 days or custom dates) and the owner, kind and region filters. */
export function DashboardFilters({ params }: { params: DashboardParams }) {
  const [{ data }] = useQuery({ query: ActiveMembersQuery, requestPolicy: 'cache-first' });
  const [region, setRegion] = useState(params.filter.regions?.[0] ?? '');
  const currentRegion = params.filter.regions?.[0] ?? '';

  useEffect(() => {
    const timer = setTimeout(() => {
      if (currentRegion !== region.trim()) params.set({ region: region.trim() || null });
    }, 300);
    return () => clearTimeout(timer);
  }, [region, currentRegion, params]);

  return (
    <div className="filters dashboard-filters" role="group" aria-label="Dashboard filters">
      <label className="field field-inline">
        <span>Period</span>
        <select
          value={params.preset}
          onChange={(event) =>
            event.target.value === 'custom'
              ? params.set({ period: 'custom', from: params.period.from, to: params.period.to })
              : params.set({ period: event.target.value, from: null, to: null })
          }
        >
          {PERIOD_PRESETS.map((days) => (
            <option key={days} value={days}>
              Last {days} days
            </option>
          ))}
          <option value="custom">Custom dates</option>
        </select>
      </label>
      {params.preset === 'custom' && (
        <>
          <label className="field field-inline">
            <span>From</span>
            <input
              type="date"
              value={params.period.from}
              max={params.period.to}
              onChange={(event) => event.target.value && params.set({ from: event.target.value })}
            />
          </label>
          <label className="field field-inline">
            <span>To</span>
            <input
              type="date"
              value={params.period.to}
              min={params.period.from}
              max={today()}
              onChange={(event) => event.target.value && params.set({ to: event.target.value })}
            />
          </label>
        </>
      )}
      <label className="field field-inline">
        <span>Owner</span>
        <select
          value={params.filter.ownerIds?.[0] ?? ''}
          onChange={(event) => params.set({ owner: event.target.value || null })}
        >
          <option value="">Anyone</option>
          {data?.members.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.user.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>Kind</span>
        <select
          value={params.filter.kinds?.[0] ?? ''}
          onChange={(event) => params.set({ kind: event.target.value || null })}
        >
          <option value="">All kinds</option>
          {ACCOUNT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {humanize(kind)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>Region</span>
        <input
          type="search"
          value={region}
          placeholder="Any region"
          onChange={(event) => setRegion(event.target.value)}
        />
      </label>
    </div>
  );
}
