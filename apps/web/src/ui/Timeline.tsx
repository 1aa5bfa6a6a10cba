import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge, SentimentBadge } from './Badge';
import { formatDateTime, humanize } from './format';

/** One entry of a timeline: what kind of event and when on the left, the event on the right. */
export function TimelineEntry({
  kind,
  label,
  at,
  children,
}: {
  /** A class suffix: `timeline-interaction`, `timeline-stage_change`… */
  kind: string;
  label: string;
  at: string;
  children: ReactNode;
}) {
  return (
    <li className={`timeline-entry timeline-${kind}`}>
      <div className="timeline-meta">
        <span className="timeline-kind">{label}</span>
        <time dateTime={at}>{formatDateTime(at)}</time>
      </div>
      <div className="timeline-body">{children}</div>
    </li>
  );
}

/**
 * An interaction on a timeline: its kind, accounts (when shown), sentiment, where capture found it
 * (calendar or e-mail), who logged it and its summary.
 */
export function InteractionHead({
  interaction,
  accounts,
}: {
  interaction: {
    kind: string;
    summary: string;
    sentiment?: string | null;
    loggedBy?: { user: { name: string } } | null;
    /** Set when calendar or e-mail capture logged it. */
    capture?: { source: string; cancelled: boolean } | null;
  };
  accounts?: { id: string; name: string }[];
}) {
  return (
    <>
      <div className="timeline-head">
        <strong>{humanize(interaction.kind)}</strong>
        {accounts?.map((account, index) => (
          <span key={account.id}>
            {index > 0 && ', '}
            <Link to={`/accounts/${account.id}`}>{account.name}</Link>
          </span>
        ))}
        <SentimentBadge sentiment={interaction.sentiment} />
        {interaction.capture && (
          <Badge tone="violet">{interaction.capture.source === 'CALENDAR' ? 'From calendar' : 'From e-mail'}</Badge>
        )}
        {interaction.capture?.cancelled && <Badge tone="amber">Cancelled</Badge>}
        {interaction.loggedBy && (
          <span className="muted small">logged by {interaction.loggedBy.user.name}</span>
        )}
      </div>
      <p className="timeline-text">{interaction.summary}</p>
    </>
  );
}
