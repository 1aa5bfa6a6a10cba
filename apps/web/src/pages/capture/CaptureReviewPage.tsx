import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import type { CaptureReviewQuery as ReviewData } from '../../gql/graphql';
import { formatDate, formatDateTime } from '../../ui/format';
import { EmptyState, ErrorState, FormError, Loading } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import {
  AcceptCaptureSuggestionsMutation,
  CaptureReviewQuery,
  DismissCaptureSuggestionsMutation,
  IncludeCapturedEventMutation,
} from './capture.operations';

type Suggestion = ReviewData['captureReviewQueue'][number];

/** The server decides on at most this many at once. */
const BATCH = 100;

/**
 * What capture could not place on its own: unknown addresses at known accounts' domains (suggested
 * contacts) and messages that matched nobody; and the calendar events members excluded.
 */
export default function CaptureReviewPage() {
  const viewer = useViewer();
  const [{ data, fetching, error }, refetch] = useQuery({ query: CaptureReviewQuery, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const contacts = data?.captureReviewQueue.filter((s) => s.kind === 'CONTACT') ?? [];
  const messages = data?.captureReviewQueue.filter((s) => s.kind === 'MESSAGE') ?? [];

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Capture review</h1>
          <p className="page-subtitle capture-intro">
            Accept a suggested contact to create them at their account (their past meetings and mails are linked), or an
            unmatched message to log it. Dismissed entries never come back. Your calendars and BCC address are on the{' '}
            <Link to="/capture">Capture</Link> page.
          </p>
        </div>
      </header>
      {!data && fetching && <Loading label="Loading the review queue" />}
      {!data && error && <ErrorState error={error} retry={reload} />}
      {data && (
        <div className="stack">
          <SuggestionSection
            title="Suggested contacts"
            empty="No suggested contact."
            hint="Unknown addresses at an account's domain, seen in a meeting or a mail, will wait here."
            suggestions={contacts}
            canDecide={viewer.canEdit}
            reload={reload}
          />
          <SuggestionSection
            title="Unmatched messages"
            empty="No unmatched message."
            hint="Mail to a BCC address whose outside people match no contact or account will wait here."
            suggestions={messages}
            canDecide={viewer.canEdit}
            reload={reload}
          />
          <ExclusionsSection exclusions={data.captureExclusions} canDecide={viewer.canEdit} reload={reload} />
        </div>
      )}
    </div>
  );
}

function SuggestionSection({
  title,
  empty,
  hint,
  suggestions,
  canDecide,
  reload,
}: {
  title: string;
  empty: string;
  hint: string;
  suggestions: Suggestion[];
  canDecide: boolean;
  reload(): void;
}) {
  const toast = useToast();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [acceptance, accept] = useMutation(AcceptCaptureSuggestionsMutation);
  const [dismissal, dismiss] = useMutation(DismissCaptureSuggestionsMutation);
  const headingId = `review-${title.toLowerCase().replace(/\W+/g, '-')}`;
  const chosen = suggestions.filter((s) => selected.has(s.id)).map((s) => s.id);
  const allChosen = suggestions.length > 0 && chosen.length === suggestions.length;
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  async function decide(action: 'accept' | 'dismiss') {
    const run = action === 'accept' ? accept : dismiss;
    let done = 0;
    for (let start = 0; start < chosen.length; start += BATCH) {
      const result = await run({ ids: chosen.slice(start, start + BATCH) });
      if (result.error) break;
      done += Math.min(BATCH, chosen.length - start);
    }
    if (done) toast(`${done} ${action === 'accept' ? 'accepted' : 'dismissed'}.`);
    setSelected(new Set());
    reload();
  }

  return (
    <section className="panel stack" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} <span className="muted">({suggestions.length})</span>
      </h2>
      {suggestions.length === 0 ? (
        <EmptyState title={empty} hint={hint} />
      ) : (
        <>
          {canDecide && (
            <div className="bulk-bar" role="group" aria-label={`${title}: decide`}>
              <label className="field-inline">
                <input
                  type="checkbox"
                  checked={allChosen}
                  onChange={() => setSelected(allChosen ? new Set() : new Set(suggestions.map((s) => s.id)))}
                />{' '}
                Select all
              </label>
              <button type="button" className="button button-primary" disabled={!chosen.length || acceptance.fetching} onClick={() => decide('accept')}>
                Accept {chosen.length || ''}
              </button>
              <button type="button" className="button" disabled={!chosen.length || dismissal.fetching} onClick={() => decide('dismiss')}>
                Dismiss {chosen.length || ''}
              </button>
              <FormError error={acceptance.error ?? dismissal.error} />
            </div>
          )}
          <ul className="capture-review-list">
            {suggestions.map((suggestion) => (
              <li key={suggestion.id} className="capture-review-item" data-suggestion={suggestion.email ?? suggestion.label}>
                {canDecide && (
                  <input
                    type="checkbox"
                    aria-label={`Select ${suggestion.email ?? suggestion.label}`}
                    checked={selected.has(suggestion.id)}
                    onChange={() => toggle(suggestion.id)}
                  />
                )}
                <div className="capture-review-body">
                  {suggestion.kind === 'CONTACT' ? <ContactSuggestion suggestion={suggestion} /> : <MessageSuggestion suggestion={suggestion} />}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ContactSuggestion({ suggestion }: { suggestion: Suggestion }) {
  const domain = suggestion.email?.split('@')[1];
  return (
    <>
      <strong>{suggestion.label}</strong>
      {suggestion.label !== suggestion.email && <span className="muted"> {suggestion.email}</span>}
      <p className="small muted">
        At {suggestion.accountId ? <Link to={`/accounts/${suggestion.accountId}`}>the account of {domain}</Link> : domain}, first
        seen {formatDate(suggestion.createdAt)}
      </p>
    </>
  );
}

function MessageSuggestion({ suggestion }: { suggestion: Suggestion }) {
  const message = suggestion.message;
  return (
    <>
      <strong>{message?.subject || suggestion.label}</strong>
      {message && (
        <>
          <p className="small muted">
            From {message.from} · {formatDateTime(message.sentAt)} · with {message.participants.join(', ')}
          </p>
          {message.excerpt && <p className="small capture-excerpt">{message.excerpt}</p>}
        </>
      )}
    </>
  );
}

function ExclusionsSection({
  exclusions,
  canDecide,
  reload,
}: {
  exclusions: ReviewData['captureExclusions'];
  canDecide: boolean;
  reload(): void;
}) {
  const toast = useToast();
  const [inclusion, include] = useMutation(IncludeCapturedEventMutation);
  return (
    <section className="panel stack" aria-labelledby="review-excluded">
      <h2 id="review-excluded">
        Excluded events <span className="muted">({exclusions.length})</span>
      </h2>
      {exclusions.length === 0 ? (
        <EmptyState title="No excluded event." hint="A meeting excluded from its timeline entry is left out of every later poll, and listed here." />
      ) : (
        <ul className="capture-review-list">
          {exclusions.map((exclusion) => (
            <li key={exclusion.id} className="capture-review-item" data-exclusion={exclusion.label}>
              <div className="capture-review-body">
                <strong>{exclusion.label}</strong>
                <p className="small muted">
                  {exclusion.wholeSeries ? 'The whole series' : `The occurrence of ${formatDate(exclusion.occurrence)}`}, excluded{' '}
                  {formatDate(exclusion.createdAt)}
                </p>
              </div>
              {canDecide && (
                <button
                  type="button"
                  className="button"
                  disabled={inclusion.fetching}
                  onClick={async () => {
                    const result = await include({ id: exclusion.id });
                    if (result.error) return;
                    toast(`${exclusion.label} is captured again from the next poll.`);
                    reload();
                  }}
                >
                  Capture again
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError error={inclusion.error} />
    </section>
  );
}
