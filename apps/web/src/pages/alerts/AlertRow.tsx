import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import type { AlertsListQuery } from '../../gql/graphql';
import { Badge } from '../../ui/Badge';
import { formatDateTime, formatRelative } from '../../ui/format';
import { FormError } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { ALERT_KIND_LABELS } from './alert-kinds';
import { AcknowledgeAlertMutation } from './alerts.operations';

type AlertNode = AlertsListQuery['alerts']['edges'][number]['node'];

const STATUS_TONES = { OPEN: 'red', ACKNOWLEDGED: 'amber', RESOLVED: 'green' } as const;

export function AlertRow({ alert, canEdit }: { alert: AlertNode; canEdit: boolean }) {
  const [acknowledging, setAcknowledging] = useState(false);
  return (
    <tr data-alert={alert.id}>
      <td>
        <div className="timeline-head">
          <strong>{ALERT_KIND_LABELS[alert.kind]}</strong>
          {alert.severity === 'CRITICAL' && <Badge tone="red">Critical</Badge>}
        </div>
        <div className="small">{alert.message}</div>
        {alert.pilot && (
          <div className="small">
            Pilot <Link to={`/pilots/${alert.pilot.id}`}>{alert.pilot.name}</Link>
          </div>
        )}
      </td>
      <td>
        <Link to={`/accounts/${alert.account.id}`}>{alert.account.name}</Link>
      </td>
      <td className="small" title={formatDateTime(alert.firstRaisedAt)}>
        {formatRelative(alert.firstRaisedAt)}
      </td>
      <td>
        <Badge tone={STATUS_TONES[alert.status]}>
          {alert.status === 'OPEN' ? 'Open' : alert.status === 'ACKNOWLEDGED' ? 'Acknowledged' : 'Resolved'}
        </Badge>
        {alert.acknowledgedAt && (
          <div className="muted small">
            by {alert.acknowledgedBy?.user.name ?? 'someone'} {formatRelative(alert.acknowledgedAt)}
            {alert.acknowledgementNote && <>: “{alert.acknowledgementNote}”</>}
          </div>
        )}
      </td>
      <td className="cell-action">
        {canEdit && alert.status === 'OPEN' && !acknowledging && (
          <button type="button" className="button" onClick={() => setAcknowledging(true)}>
            Acknowledge
          </button>
        )}
        {acknowledging && <AcknowledgeForm alertId={alert.id} onDone={() => setAcknowledging(false)} />}
      </td>
    </tr>
  );
}

function AcknowledgeForm({ alertId, onDone }: { alertId: string; onDone(): void }) {
  const [note, setNote] = useState('');
  const [{ fetching, error }, acknowledge] = useMutation(AcknowledgeAlertMutation);
  const toast = useToast();
  return (
    <form
      className="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await acknowledge({ id: alertId, note: note.trim() || null });
        if (!result.error) {
          toast('Alert acknowledged.');
          onDone();
        }
      }}
    >
      <label className="field grow">
        <span>Note</span>
        <input
          value={note}
          autoFocus
          placeholder="What is being done about it"
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      <div className="inline-actions">
        <button type="submit" className="button button-primary" disabled={fetching}>
          Acknowledge
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <FormError error={error} />
    </form>
  );
}
