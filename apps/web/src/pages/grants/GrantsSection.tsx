import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import type { GrantDetailsFragment, GrantStatus } from '../../gql/graphql';
import { formatDateTime, formatDay, humanize } from '../../ui/format';
import { Meter } from '../../ui/Meter';
import { ErrorState, Loading } from '../../ui/States';
import { CreateGrantDialog, type GrantSubject } from './CreateGrantDialog';
import { ExtendGrantDialog, GrantStatusDialog } from './GrantDialogs';
import { AdoptionBadges, creditsText, firstLastUseText, GrantStatusBadge, statusAction } from './grant-format';
import { AccountGrantsQuery, ContactGrantsQuery } from './grants.operations';

/** A grant created refreshes the section even when it listed none before. */
const GRANTS_CONTEXT = { additionalTypenames: ['AccessGrant'] };

type Action = { grant: GrantDetailsFragment; to: GrantStatus | 'EXTEND' };

/** The grants of an account or a person: their use, history and, for members who edit, the controls. */
export function GrantsSection({ subject, canEdit }: { subject: Omit<GrantSubject, 'pilots'>; canEdit: boolean }) {
  const forAccount = subject.kind === 'ACCOUNT';
  const [account] = useQuery({
    query: AccountGrantsQuery,
    variables: { id: subject.id },
    pause: !forAccount,
    requestPolicy: 'cache-and-network',
    context: GRANTS_CONTEXT,
  });
  const [contact] = useQuery({
    query: ContactGrantsQuery,
    variables: { id: subject.id },
    pause: forAccount,
    requestPolicy: 'cache-and-network',
    context: GRANTS_CONTEXT,
  });
  const { data, fetching, error } = forAccount ? account : contact;
  const grants = (forAccount ? account.data?.account.grants : contact.data?.contact.grants) ?? [];
  const [creating, setCreating] = useState(false);
  const [action, setAction] = useState<Action | null>(null);
  const titleId = `grants-title-${subject.id}`;

  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 className="panel-title" id={titleId}>
          Beta access {data && <span className="count">{grants.length}</span>}
        </h2>
        {canEdit && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            Grant access
          </button>
        )}
      </div>
      {!data && fetching && <Loading label="Loading grants" />}
      {!data && error && <ErrorState error={error} />}
      {data && grants.length === 0 && <p className="muted">No access to the generator granted yet.</p>}
      <ul className="list">
        {grants.map((grant) => (
          <GrantItem
            key={grant.id}
            grant={grant}
            canEdit={canEdit}
            onAction={(to) => setAction({ grant, to })}
          />
        ))}
      </ul>
      {grants.length > 0 && (
        <Link className="small" to="/beta-access">
          Every grant on Beta access
        </Link>
      )}
      {creating && (
        <CreateGrantDialog
          subject={{ ...subject, pilots: account.data?.account.pilots }}
          onClose={() => setCreating(false)}
        />
      )}
      {action?.to === 'EXTEND' && (
        <ExtendGrantDialog grant={action.grant} subjectName={subject.name} onClose={() => setAction(null)} />
      )}
      {action && action.to !== 'EXTEND' && (
        <GrantStatusDialog
          grant={action.grant}
          to={action.to}
          subjectName={subject.name}
          onClose={() => setAction(null)}
        />
      )}
    </section>
  );
}

function GrantItem({
  grant,
  canEdit,
  onAction,
}: {
  grant: GrantDetailsFragment;
  canEdit: boolean;
  onAction(to: GrantStatus | 'EXTEND'): void;
}) {
  const terms = [
    grant.seats != null && `${grant.seats} seat${grant.seats === 1 ? '' : 's'}`,
    grant.modelTier && `${grant.modelTier} tier`,
    grant.models.length > 0 && grant.models.join(', '),
  ].filter(Boolean);
  const label = `Grant from ${formatDay(grant.startsOn)}`;
  return (
    <li className="grant-item" aria-label={label}>
      <div className="timeline-head">
        <GrantStatusBadge status={grant.status} />
        <span>
          {formatDay(grant.startsOn)} – {grant.expiresOn ? formatDay(grant.expiresOn) : 'open-ended'}
        </span>
        <AdoptionBadges usage={grant.usage} />
      </div>
      {terms.length > 0 && <div className="small">{terms.join(' · ')}</div>}
      <div className="small">{creditsText(grant, grant.usage)}</div>
      {grant.usage.creditsUsedPercent != null && (
        <Meter
          value={grant.usage.creditsUsedPercent / 100}
          label={`Credits used of the ${label.toLowerCase()}`}
          tone={grant.usage.creditsUsedPercent >= 90 ? 'red' : grant.usage.creditsUsedPercent >= 75 ? 'amber' : 'blue'}
        />
      )}
      <div className="muted small">
        {firstLastUseText(grant.usage)} · approved by {grant.approvedBy?.user.name ?? '—'}
        {grant.pilot && (
          <>
            {' '}
            · pilot <Link to={`/pilots/${grant.pilot.id}`}>{grant.pilot.name}</Link>
          </>
        )}
      </div>
      {grant.notes && <p className="timeline-text small">{grant.notes}</p>}
      {canEdit && (grant.allowedNextStatuses.length > 0 || grant.status !== 'REVOKED') && (
        <div className="grant-actions" role="group" aria-label={`Change the ${label.toLowerCase()}`}>
          {grant.allowedNextStatuses.map((to) => (
            <button key={to} type="button" className="button" onClick={() => onAction(to)}>
              {statusAction(grant.status, to)}
            </button>
          ))}
          {grant.status !== 'REVOKED' && (
            <button type="button" className="button" onClick={() => onAction('EXTEND')}>
              Extend
            </button>
          )}
        </div>
      )}
      <details className="grant-history">
        <summary>History ({grant.history.length})</summary>
        <ol className="list">
          {grant.history.map((change) => (
            <li key={change.id} className="small">
              <span className="muted">
                {formatDateTime(change.at)} · {change.by?.user.name ?? 'Scheduler'}:
              </span>{' '}
              {change.fromStatus
                ? change.fromStatus === change.toStatus
                  ? `extended${change.expiresOn ? ` to ${formatDay(change.expiresOn)}` : ''}`
                  : `${humanize(change.fromStatus)} → ${humanize(change.toStatus)}`
                : `created, ${humanize(change.toStatus).toLowerCase()}`}
              {change.reason && change.fromStatus && <> — “{change.reason}”</>}
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}
