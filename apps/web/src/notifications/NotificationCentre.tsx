import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { NotificationsQuery as Result } from '../gql/graphql';
import { ALERT_KIND_LABELS } from '../pages/alerts/alert-kinds';
import { describeError } from '../ui/errors';
import { formatRelative } from '../ui/format';
import {
  MarkAllNotificationsReadMutation,
  MarkNotificationsReadMutation,
  NotificationsQuery,
} from './notifications.operations';

interface Item {
  id: string;
  at: string;
  read: boolean;
  what: string;
  detail: string;
  to: string;
}

/** What each notification says and where it leads. */
function itemOf(entry: Result['notifications'][number]): Item {
  const { id, at, read } = entry;
  if (entry.alert)
    return {
      id,
      at,
      read,
      what: `${ALERT_KIND_LABELS[entry.alert.kind]} · ${entry.alert.account.name}`,
      detail: entry.alert.message,
      to: `/accounts/${entry.alert.account.id}`,
    };
  if (entry.webhookEndpoint)
    return {
      id,
      at,
      read,
      what: `Webhook disabled · ${entry.webhookEndpoint.url}`,
      detail: entry.webhookEndpoint.disabledReason ?? 'It failed for 24 hours.',
      to: '/admin/webhooks',
    };
  const account = entry.task?.account ?? entry.interaction?.accounts[0];
  const to = account ? `/accounts/${account.id}` : '/tasks';
  if (entry.kind === 'MENTION')
    return {
      id,
      at,
      read,
      what: `${entry.interaction?.loggedBy?.user.name ?? 'Someone'} mentioned you`,
      detail: entry.interaction?.summary ?? '',
      to,
    };
  return {
    id,
    at,
    read,
    what: entry.kind === 'TASK_ASSIGNED' ? 'Task for you' : 'Task due',
    detail: `${entry.task?.title ?? ''}${account ? ` · ${account.name}` : ''}`,
    to: entry.kind === 'TASK_DUE' ? '/tasks' : to,
  };
}

/**
 * The bell in the header: tasks given to the member, their tasks coming due, mentions of them and
 * alerts on their accounts (and, for admins, webhook endpoints disabled after failing), newest first. Which ones the member has read is kept on the server,
 * so the unread count follows them from browser to browser; it is re-read on every navigation.
 */
export function NotificationCentre() {
  const { pathname } = useLocation();
  const panelId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [{ data }, refetch] = useQuery({ query: NotificationsQuery, requestPolicy: 'cache-and-network' });
  const [, markRead] = useMutation(MarkNotificationsReadMutation);
  const [marking, markAllRead] = useMutation(MarkAllNotificationsReadMutation);
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

  const items = data ? data.notifications.map(itemOf) : [];
  const unread = data?.unreadNotificationCount ?? 0;

  async function mark(ids: string[], read: boolean) {
    const result = await markRead({ ids, read });
    setProblem(result.error ? describeError(result.error) : null);
    refetch({ requestPolicy: 'network-only' });
  }

  async function markAll() {
    const result = await markAllRead({});
    setProblem(result.error ? describeError(result.error) : null);
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <div className="notification-centre" ref={ref}>
      <button
        type="button"
        className="button button-quiet"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Notifications
        {unread > 0 && (
          <span className="nav-badge" data-testid="unread-notifications">
            {unread}
            <span className="visually-hidden"> unread</span>
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="notification-panel" aria-label="Notifications">
          <div className="notification-panel-header">
            <span className="muted small" role="status">
              {unread === 0 ? 'All read' : `${unread} unread`}
            </span>
            {unread > 0 && (
              <button type="button" className="button button-quiet" disabled={marking.fetching} onClick={markAll}>
                Mark all read
              </button>
            )}
          </div>
          {problem && (
            <p className="form-error" role="alert">
              {problem}
            </p>
          )}
          {items.length === 0 ? (
            <p className="muted">Nothing for you right now.</p>
          ) : (
            <ul className="notification-list">
              {items.map((item) => (
                <li key={item.id} className={item.read ? undefined : 'unread'} data-notification={item.id}>
                  <Link
                    to={item.to}
                    onClick={() => {
                      if (!item.read) void mark([item.id], true);
                      setOpen(false);
                    }}
                  >
                    <span className="notification-what">
                      {!item.read && <span className="visually-hidden">Unread: </span>}
                      {item.what}
                    </span>
                    <span className="notification-detail">{item.detail}</span>
                    <span className="muted small">{formatRelative(item.at)}</span>
                  </Link>
                  <button
                    type="button"
                    className="button button-quiet notification-toggle"
                    aria-label={`${item.read ? 'Mark unread' : 'Mark read'}: ${item.what}`}
                    onClick={() => mark([item.id], !item.read)}
                  >
                    {item.read ? 'Mark unread' : 'Mark read'}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
