import type { PilotPageQuery } from '../../gql/graphql';
import { PilotStatusBadge } from '../../ui/Badge';
import { formatDateTime } from '../../ui/format';

type Change = PilotPageQuery['pilot']['statusHistory'][number];

/** Every status the pilot went through, newest first, with who and why. */
export function StatusHistory({ history }: { history: Change[] }) {
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 className="panel-title" id="history-title">
        Status history
      </h2>
      <ol className="timeline">
        {history.map((change) => (
          <li key={change.id} className="timeline-entry">
            <div className="timeline-meta">
              <span>{formatDateTime(change.at)}</span>
              <span>{change.by?.user.name ?? 'System'}</span>
            </div>
            <div>
              <div className="timeline-head">
                {change.fromStatus ? (
                  <>
                    <PilotStatusBadge status={change.fromStatus} /> →{' '}
                    <PilotStatusBadge status={change.toStatus} />
                  </>
                ) : (
                  <>
                    Created <PilotStatusBadge status={change.toStatus} />
                  </>
                )}
              </div>
              {change.reason && <p className="timeline-text">{change.reason}</p>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
