import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../auth/ViewerProvider';
import type { NotificationsQuery as Result } from '../gql/graphql';
import { ALERT_KIND_LABELS } from '../pages/alerts/alert-kinds';
import { formatRelative } from '../ui/format';
import { NotificationsQuery } from './notifications.operations';

interface Item {
  id: string;
  at: string;
  what: string;
  detail: string;
  to: string;
}

/** Notifications and open alerts on the member's accounts, as one list, newest first. */
function itemsOf(data: Result): Item[] {
  const items: Item[] = data.notifications.map((entry) => {
    const account = entry.task?.account ?? entry.interaction?.accounts[0];
    const to = account ? `/accounts/${account.id}` : '/tasks';
    if (entry.kind === 'MENTION')
      return {
        id: entry.id,
        at: entry.at,
        what: `${entry.interaction?.loggedBy?.user.name ?? 'Someone'} mentioned you`,
        detail: entry.interaction?.summary ?? '',
        to,
      };
    return {
      id: entry.id,
      at: entry.at,
      what: entry.kind === 'TASK_ASSIGNED' ? 'Task for you' : 'Task due',
      detail: `${entry.task?.title ?? ''}${account ? ` · ${account.name}` : ''}`,
      to: entry.kind === 'TASK_DUE' ? '/tasks' : to,
    };
  });
  for (const { node } of data.alerts.edges)
    items.push({
      id: `ALERT:${node.id}`,
      at: node.firstRaisedAt,
      what: `${ALERT_KIND_LABELS[node.kind]} · ${node.account.name}`,
      detail: node.message,
      to: `/accounts/${node.account.id}`,
    });
  return items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

const seenKey = (memberId: string) => `greenlight.notifications.seen.${memberId}`;

/**
 * The bell in the header: tasks given to the member, their tasks coming due, mentions of them and
 * alerts on their accounts; the count is of what arrived since they last opened it (kept in this
 * browser), re-read on every navigation.
 */
export function NotificationCentre() {
  const viewer = useViewer();
  const { pathname } = useLocation();
  const panelId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [seen, setSeen] = useState(() => Number(localStorage.getItem(seenKey(viewer.memberId)) ?? 0));
  const [{ data }, refetch] = useQuery({
    query: NotificationsQuery,
    variables: { me: viewer.memberId },
    requestPolicy: 'cache-and-network',
  });
  useEffect(() => {
    refetch({ requestPolicy: 'network-only' });
  }, [pathname, refetch]);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (
        event instanceof KeyboardEvent ? event.key === 'Escape' : !ref.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const items = data ? itemsOf(data) : [];
  const unread = items.filter((item) => Date.parse(item.at) > seen).length;

  function toggle() {
    if (!open) {
      const now = Date.now();
      localStorage.setItem(seenKey(viewer.memberId), String(now));
      setSeen(now);
    }
    setOpen(!open);
  }

  return (
    <div className="notification-centre" ref={ref}>
      <button
        type="button"
        className="button button-quiet"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        Notifications
        {unread > 0 && (
          <span className="nav-badge" data-testid="unread-notifications">
            {unread}
            <span className="visually-hidden"> new</span>
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="notification-panel" aria-label="Notifications">
          {items.length === 0 ? (
            <p className="muted">Nothing for you right now.</p>
          ) : (
            <ul className="notification-list">
              {items.map((item) => (
                <li key={item.id}>
                  <Link to={item.to} onClick={() => setOpen(false)}>
                    <span className="notification-what">{item.what}</span>
                    <span className="notification-detail">{item.detail}</span>
                    <span className="muted small">{formatRelative(item.at)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
