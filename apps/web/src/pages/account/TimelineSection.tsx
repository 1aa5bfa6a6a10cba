import { useState } from 'react';
import { useQuery } from 'urql';
import type { AccountTimelineQuery } from '../../gql/graphql';
import { formatDate, humanize } from '../../ui/format';
import { EmptyState, ErrorState, Loading } from '../../ui/States';
import { InteractionHead, TimelineEntry } from '../../ui/Timeline';
import { useViewer } from '../../auth/ViewerProvider';
import { ExcludeMeeting } from '../capture/ExcludeMeeting';
import { AccountTimelineQuery as TimelineQuery } from './account.operations';

type Entry = AccountTimelineQuery['account']['timeline']['edges'][number]['node'];

function TimelineItem({ entry, reload }: { entry: Entry; reload(): void }) {
  const viewer = useViewer();
  const item = entry.item;
  switch (item.__typename) {
    case 'Interaction': {
      const people = [...item.contacts.map((c) => c.name), ...item.attendees.map((a) => a.user.name)];
      return (
        <>
          <InteractionHead interaction={item} />
          {people.length > 0 && <p className="muted small">With {people.join(', ')}</p>}
          {item.nextSteps && <p className="small">Next: {item.nextSteps}</p>}
          {item.tasks.length > 0 && <p className="small">Follow-ups: {item.tasks.map((task) => task.title).join('; ')}</p>}
          {item.capture?.notes && <p className="small capture-excerpt">{item.capture.notes}</p>}
          {item.capture?.source === 'CALENDAR' && viewer.canEdit && (
            <ExcludeMeeting interactionId={item.id} summary={item.summary} onExcluded={reload} />
          )}
        </>
      );
    }
    case 'StageTransition':
      return (
        <>
          <div className="timeline-head">
            <strong>
              {item.fromStage ? `${item.fromStage.name} → ${item.toStage.name}` : `Entered ${item.toStage.name}`}
            </strong>
            {item.by && <span className="muted small">by {item.by.user.name}</span>}
          </div>
          {item.reason && <p className="timeline-text">{item.reason}</p>}
        </>
      );
    case 'PilotStatusChange':
      return (
        <>
          <div className="timeline-head">
            <strong>
              Pilot {item.pilot.name}: {item.fromStatus ? `${humanize(item.fromStatus)} → ${humanize(item.toStatus)}` : humanize(item.toStatus)}
            </strong>
            {item.by && <span className="muted small">by {item.by.user.name}</span>}
          </div>
          {item.reason && <p className="timeline-text">{item.reason}</p>}
        </>
      );
    case 'Task':
      return (
        <div className="timeline-head">
          <strong>Task: {item.title}</strong>
          <span className="muted small">
            {humanize(item.status)}
            {item.dueAt && ` · due ${formatDate(item.dueAt)}`}
            {item.assignee && ` · ${item.assignee.user.name}`}
          </span>
        </div>
      );
    default:
      return <span className="muted small">Recorded.</span>;
  }
}

const KIND_LABELS: Record<string, string> = { interaction: 'Interaction', stage_change: 'Stage', pilot_status_change: 'Pilot', task: 'Task' };

/** Interactions, stage changes and tasks, newest first, 25 at a time. */
/** A first interaction or task refreshes an empty timeline too. */
const TIMELINE_CONTEXT = { additionalTypenames: ['Interaction', 'Task', 'StageTransition'] };

export function TimelineSection({ accountId }: { accountId: string }) {
  const [pages, setPages] = useState<(string | null)[]>([null]);
  return (
    <section className="panel" aria-labelledby="timeline-title" id="timeline">
      <h2 className="panel-title" id="timeline-title">
        Timeline
      </h2>
      <ol className="timeline">
        {pages.map((after, index) => (
          <TimelinePage
            key={after ?? 'first'}
            accountId={accountId}
            after={after}
            last={index === pages.length - 1}
            onMore={(cursor) => setPages([...pages, cursor])}
          />
        ))}
      </ol>
    </section>
  );
}

function TimelinePage({ accountId, after, last, onMore }: { accountId: string; after: string | null; last: boolean; onMore(cursor: string): void }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: TimelineQuery, variables: { id: accountId, after }, context: TIMELINE_CONTEXT });
  if (!data) {
    if (error) return <li><ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} /></li>;
    return fetching ? <li><Loading label="Loading the timeline" /></li> : null;
  }
  const { edges, pageInfo, totalCount } = data.account.timeline;
  return (
    <>
      {totalCount === 0 && (
        <li>
          <EmptyState title="Nothing has happened here yet." hint="Log the first meeting or call with the Log interaction button." />
        </li>
      )}
      {edges.map(({ cursor, node }) => (
        <TimelineEntry key={cursor} kind={node.kind} label={KIND_LABELS[node.kind] ?? humanize(node.kind)} at={node.at}>
          <TimelineItem entry={node} reload={() => refetch({ requestPolicy: 'network-only' })} />
        </TimelineEntry>
      ))}
      {last && pageInfo.hasNextPage && pageInfo.endCursor && (
        <li className="timeline-more">
          <button type="button" className="button" onClick={() => onMore(pageInfo.endCursor!)}>
            Show older
          </button>
        </li>
      )}
    </>
  );
}
