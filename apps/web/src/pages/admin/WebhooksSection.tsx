import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { WebhookEventType, WebhookFormat } from '../../gql/graphql';
import { Badge } from '../../ui/Badge';
import { formatDate, formatDateTime } from '../../ui/format';
import { EmptyState, ErrorState, FormError, Loading } from '../../ui/States';
import {
  CreateWebhookEndpointMutation,
  DeleteWebhookEndpointMutation,
  RedeliverWebhookMutation,
  RotateWebhookSecretMutation,
  UpdateWebhookEndpointMutation,
  WebhookDeliveriesQuery,
  WebhookEndpointsQuery,
} from './admin.operations';
import { CopyButton } from './CopyButton';

const EVENT_TYPES: { value: WebhookEventType; label: string }[] = [
  { value: 'ACCOUNT_STAGE_CHANGED', label: 'account.stage_changed' },
  { value: 'INTERACTION_LOGGED', label: 'interaction.logged' },
  { value: 'PILOT_STATUS_CHANGED', label: 'pilot.status_changed' },
  { value: 'PILOT_CRITERION_MET', label: 'pilot.criterion_met' },
  { value: 'ALERT_OPENED', label: 'alert.opened' },
  { value: 'ALERT_RESOLVED', label: 'alert.resolved' },
  { value: 'GRANT_CHANGED', label: 'grant.changed' },
  { value: 'USAGE_IDENTITY_UNMATCHED', label: 'usage.identity_unmatched' },
];
const labelOf = (type: WebhookEventType) => EVENT_TYPES.find((entry) => entry.value === type)?.label ?? type;

const STATUS_TONES = { DELIVERED: 'green', PENDING: 'amber', FAILED: 'red' } as const;

/** Webhook endpoints: register, show the secret once, enable or disable, delete; the delivery log with redelivery. */
export function WebhooksSection() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebhookEndpointsQuery });
  const [creation, create] = useMutation(CreateWebhookEndpointMutation);
  const [update, setUpdate] = useMutation(UpdateWebhookEndpointMutation);
  const [rotation, rotate] = useMutation(RotateWebhookSecretMutation);
  const [deletion, remove] = useMutation(DeleteWebhookEndpointMutation);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const result = await create({
      input: {
        url: String(form.get('url')).trim(),
        description: String(form.get('description') ?? '').trim() || null,
        eventTypes: form.getAll('eventTypes') as WebhookEventType[],
        format: String(form.get('format')) as WebhookFormat,
      },
    });
    if (result.error) return;
    const created = result.data!.createWebhookEndpoint;
    setSecret({ url: created.endpoint.url, secret: created.secret });
    formElement.reset();
    reload();
  }

  const endpoints = data?.webhookEndpoints ?? [];
  return (
    <section aria-label="Webhooks" className="stack">
      <form className="inline-form panel" onSubmit={submit} aria-label="Add a webhook endpoint">
        <label className="field grow">
          <span>Endpoint URL</span>
          <input name="url" type="url" required placeholder="https://example.com/greenlight-hooks" />
        </label>
        <label className="field grow">
          <span>Description</span>
          <input name="description" placeholder="e.g. Data warehouse" />
        </label>
        <fieldset className="field">
          <legend className="field-label">Events</legend>
          <div className="checks">
            {EVENT_TYPES.map((type) => (
              <label key={type.value}>
                <input type="checkbox" name="eventTypes" value={type.value} /> {type.label}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="field">
          <span>Format</span>
          <select name="format" defaultValue="STANDARD">
            <option value="STANDARD">Standard Webhooks JSON</option>
            <option value="SLACK">Slack message (alerts only)</option>
          </select>
        </label>
        <button type="submit" className="button button-primary" disabled={creation.fetching}>
          Add endpoint
        </button>
        <FormError error={creation.error} />
      </form>
      {secret && (
        <div className="secret" role="status">
          <p>
            The signing secret of <strong>{secret.url}</strong> is shown only now: store it where the receiver verifies
            signatures.
          </p>
          <div className="secret-row">
            <code data-testid="webhook-secret">{secret.secret}</code>
            <CopyButton text={secret.secret} label="Copy signing secret" />
            <button type="button" className="button button-quiet" onClick={() => setSecret(null)}>
              I have stored it
            </button>
          </div>
        </div>
      )}
      <FormError error={update.error ?? rotation.error ?? deletion.error} />
      {!data && fetching && <Loading label="Loading webhook endpoints" />}
      {!data && error && <ErrorState error={error} retry={reload} />}
      {data && endpoints.length === 0 && (
        <EmptyState title="No webhook endpoints yet." hint="Add one to send Greenlight's events to another system." />
      )}
      {endpoints.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Webhook endpoints</caption>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id} data-endpoint={endpoint.url}>
                  <td>
                    <code>{endpoint.url}</code>
                    {endpoint.description && <div className="muted">{endpoint.description}</div>}
                    {endpoint.format === 'SLACK' && <Badge tone="violet">Slack</Badge>}
                  </td>
                  <td>{endpoint.eventTypes.map(labelOf).join(', ')}</td>
                  <td>
                    {endpoint.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="red">Disabled</Badge>}
                    {endpoint.disabledReason && <div className="muted">{endpoint.disabledReason}</div>}
                    {endpoint.enabled && endpoint.failingSince && (
                      <div className="muted">Failing since {formatDateTime(endpoint.failingSince)}</div>
                    )}
                  </td>
                  <td>{formatDate(endpoint.createdAt)}</td>
                  <td className="cell-action">
                    <button
                      type="button"
                      className="button"
                      onClick={() => setLogOf(logOf === endpoint.id ? null : endpoint.id)}
                      aria-expanded={logOf === endpoint.id}
                    >
                      Delivery log
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={async () => {
                        await setUpdate({ input: { id: endpoint.id, enabled: !endpoint.enabled } });
                        reload();
                      }}
                    >
                      {endpoint.enabled ? 'Disable' : 'Enable'}
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={async () => {
                        if (!window.confirm(`Replace the signing secret of ${endpoint.url}? The old one stops at once.`)) return;
                        const result = await rotate({ id: endpoint.id });
                        if (!result.error)
                          setSecret({ url: endpoint.url, secret: result.data!.rotateWebhookSecret.secret });
                      }}
                    >
                      Rotate secret
                    </button>
                    <button
                      type="button"
                      className="button button-danger"
                      onClick={async () => {
                        if (!window.confirm(`Delete ${endpoint.url} and its delivery log?`)) return;
                        await remove({ id: endpoint.id });
                        if (logOf === endpoint.id) setLogOf(null);
                        reload();
                      }}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {logOf && endpoints.some((endpoint) => endpoint.id === logOf) && (
        <DeliveryLog endpointId={logOf} url={endpoints.find((endpoint) => endpoint.id === logOf)!.url} />
      )}
    </section>
  );
}

function DeliveryLog({ endpointId, url }: { endpointId: string; url: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebhookDeliveriesQuery, variables: { endpointId } });
  const [redelivery, redeliver] = useMutation(RedeliverWebhookMutation);
  const [asked, setAsked] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const deliveries = data?.webhookDeliveries.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-label="Delivery log" className="panel stack">
      <header className="section-header">
        <h2>
          Delivery log of <code>{url}</code>
        </h2>
        <button type="button" className="button button-quiet" onClick={reload}>
          Refresh
        </button>
      </header>
      <FormError error={redelivery.error} />
      {asked && <p role="status">Redelivery asked: the new attempt shows here once made.</p>}
      {!data && fetching && <Loading label="Loading deliveries" />}
      {!data && error && <ErrorState error={error} retry={reload} />}
      {data && deliveries.length === 0 && (
        <EmptyState title="Nothing sent yet." hint="Deliveries appear here when the events the endpoint listens to happen." />
      )}
      {deliveries.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Deliveries</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id} data-delivery={delivery.id}>
                  <td>
                    {labelOf(delivery.eventType)}
                    <div className="muted">
                      <code>{delivery.id}</code>
                    </div>
                  </td>
                  <td>{formatDateTime(delivery.createdAt)}</td>
                  <td>
                    <Badge tone={STATUS_TONES[delivery.status]}>{delivery.status.toLowerCase()}</Badge>
                    {delivery.status === 'PENDING' && delivery.nextAttemptAt && (
                      <div className="muted">next try {formatDateTime(delivery.nextAttemptAt)}</div>
                    )}
                  </td>
                  <td>
                    <ol className="attempts">
                      {delivery.attemptLog.map((attempt) => (
                        <li key={attempt.attempt}>
                          {formatDateTime(attempt.at)}: {attempt.succeeded ? 'delivered' : (attempt.error ?? 'failed')}
                          {attempt.statusCode !== null && ` (HTTP ${attempt.statusCode})`}, {attempt.durationMs} ms
                          {attempt.manual && ' · redelivery'}
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td>{delivery.lastStatusCode ?? delivery.lastError ?? '—'}</td>
                  <td className="cell-action">
                    <button
                      type="button"
                      className="button"
                      disabled={redelivery.fetching}
                      onClick={async () => {
                        const result = await redeliver({ id: delivery.id });
                        if (!result.error) setAsked(delivery.id);
                      }}
                    >
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
