import { type KeyboardEvent, useDeferredValue, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import type { GlobalSearchQuery } from '../gql/graphql';
import { describeError } from '../ui/errors';
import { formatDate, humanize } from '../ui/format';
import { SearchQuery } from './search.operations';
import { Snippet } from './snippet';

type Hit = GlobalSearchQuery['search'][number];

/** What tells hits apart: a contact's company, an interaction's accounts and date. */
function hitContext(hit: Hit): string | null {
  if (hit.contact)
    return [hit.contact.title, hit.contact.currentAccount?.name].filter(Boolean).join(' at ') || null;
  if (hit.interaction)
    return `${humanize(hit.interaction.kind)} with ${hit.interaction.accounts.map((account) => account.name).join(', ') || 'no account'}, ${formatDate(hit.interaction.occurredAt)}`;
  return null;
}

function hitLink(hit: Hit): string | null {
  if (hit.account) return `/accounts/${hit.account.id}`;
  if (hit.contact) return `/contacts/${hit.contact.id}`;
  const account = hit.interaction?.accounts[0];
  return account ? `/accounts/${account.id}#timeline` : null;
}

/** The header's search box: accounts, contacts and interactions; `/` focuses it. */
export function GlobalSearch() {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const query = useDeferredValue(text.trim());
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [{ data, fetching, error }] = useQuery({
    query: SearchQuery,
    variables: { query },
    pause: query.length < 2,
  });

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (
        event.key !== '/' ||
        ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
        document.querySelector('dialog[open]')
      )
        return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    const links = [...(list.current?.querySelectorAll('a') ?? [])];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'Escape') {
      setOpen(false);
      input.current?.focus();
    } else if (event.key === 'ArrowDown' && links.length) {
      event.preventDefault();
      links[Math.min(index + 1, links.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && index >= 0) {
      event.preventDefault();
      if (index === 0) input.current?.focus();
      else links[index - 1].focus();
    }
  }

  const hits = data?.search ?? [];
  const show = open && query.length >= 2;
  return (
    <div
      className="global-search"
      role="search"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node)) setOpen(false);
      }}
    >
      <label htmlFor="global-search" className="visually-hidden">
        Search accounts, contacts and interactions
      </label>
      <input
        id="global-search"
        ref={input}
        type="search"
        placeholder="Search accounts, contacts, notes…  /"
        autoComplete="off"
        value={text}
        aria-controls={show ? 'global-search-results' : undefined}
        onKeyDown={onKeyDown}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
      />
      {show && (
        <div className="search-results" id="global-search-results">
          {error && <p className="search-note">{describeError(error)}</p>}
          {!error && fetching && !hits.length && <p className="search-note">Searching…</p>}
          {!error && !fetching && !hits.length && (
            <p className="search-note">Nothing matches “{query}”. Try fewer or different words.</p>
          )}
          <ul ref={list} aria-label="Search results">
            {hits.map((hit) => {
              const to = hitLink(hit);
              const body = (
                <>
                  <span className="search-kind">{humanize(hit.kind)}</span>
                  <span className="search-title">{hit.interaction ? hitContext(hit) : hit.title}</span>
                  {hit.contact && hitContext(hit) && (
                    <span className="search-context">{hitContext(hit)}</span>
                  )}
                  <span className="search-snippet">
                    <Snippet html={hit.snippet} />
                  </span>
                </>
              );
              return (
                <li key={`${hit.kind}-${hit.id}`}>
                  {to ? (
                    <Link to={to} onKeyDown={onKeyDown} onClick={() => setOpen(false)}>
                      {body}
                    </Link>
                  ) : (
                    <span>{body}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
