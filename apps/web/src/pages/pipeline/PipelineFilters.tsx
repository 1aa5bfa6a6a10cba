import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { humanize } from '../../ui/format';
import { ACCOUNT_KINDS } from './account-kinds';
import { ActiveMembersQuery } from './pipeline.operations';

/** Owner, kind and text filters, kept in the address so a filtered board can be shared. */
export function PipelineFilters() {
  const [params, setParams] = useSearchParams();
  const [{ data }] = useQuery({ query: ActiveMembersQuery, requestPolicy: 'cache-first' });
  const [text, setText] = useState(params.get('q') ?? '');

  function set(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((params.get('q') ?? '') !== text.trim()) set('q', text.trim());
    }, 250);
    return () => clearTimeout(timer);
  });

  return (
    <div className="filters" role="group" aria-label="Filters">
      <label className="field field-inline">
        <span>Owner</span>
        <select value={params.get('owner') ?? ''} onChange={(event) => set('owner', event.target.value)}>
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
        <select value={params.get('kind') ?? ''} onChange={(event) => set('kind', event.target.value)}>
          <option value="">All kinds</option>
          {ACCOUNT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {humanize(kind)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>Name</span>
        <input type="search" value={text} placeholder="Filter by name or domain" onChange={(event) => setText(event.target.value)} />
      </label>
    </div>
  );
}
