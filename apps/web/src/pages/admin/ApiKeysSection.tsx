import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { ApiKeyScope } from '../../gql/graphql';
import { Badge } from '../../ui/Badge';
import { formatDate, formatDateTime } from '../../ui/format';
import { EmptyState, ErrorState, FormError, Loading } from '../../ui/States';
import { ApiKeysQuery, CreateApiKeyMutation, RevokeApiKeyMutation } from './admin.operations';
import { CopyButton } from './CopyButton';

const SCOPES: { value: ApiKeyScope; label: string; hint: string }[] = [
  { value: 'USAGE_WRITE', label: 'usage:write', hint: 'post usage events (the generator)' },
  { value: 'READ', label: 'read', hint: 'run GraphQL queries' },
];

export function ApiKeysSection() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ApiKeysQuery });
  const [creation, create] = useMutation(CreateApiKeyMutation);
  const [revocation, revoke] = useMutation(RevokeApiKeyMutation);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const scopes = form.getAll('scopes') as ApiKeyScope[];
    const result = await create({ name: String(form.get('name')).trim(), scopes });
    if (result.error) return;
    setCreated({ name: result.data!.createApiKey.apiKey.name, key: result.data!.createApiKey.key });
    formElement.reset();
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <section aria-label="API keys" className="stack">
      <form className="inline-form panel" onSubmit={submit} aria-label="Create an API key">
        <label className="field grow">
          <span>Name</span>
          <input name="name" required placeholder="e.g. Generator production" />
        </label>
        <fieldset className="field">
          <legend className="field-label">Scopes</legend>
          <div className="checks">
            {SCOPES.map((scope) => (
              <label key={scope.value} title={scope.hint}>
                <input type="checkbox" name="scopes" value={scope.value} defaultChecked={scope.value === 'USAGE_WRITE'} /> {scope.label}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={creation.fetching}>
          Create key
        </button>
        <FormError error={creation.error} />
      </form>
      {created && (
        <div className="secret" role="status">
          <p>
            The key <strong>{created.name}</strong> is shown only now: store it in the generator's secrets.
          </p>
          <div className="secret-row">
            <code data-testid="api-key-secret">{created.key}</code>
            <CopyButton text={created.key} label="Copy API key" />
            <button type="button" className="button button-quiet" onClick={() => setCreated(null)}>
              I have stored it
            </button>
          </div>
        </div>
      )}
      <FormError error={revocation.error} />
      {!data && fetching && <Loading label="Loading API keys" />}
      {!data && error && <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      {data && data.apiKeys.edges.length === 0 && (
        <EmptyState title="No API keys yet." hint="Create one with usage:write for the generator to report usage." />
      )}
      {data && data.apiKeys.edges.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.apiKeys.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.name}</td>
                  <td>
                    <code>glk_{node.prefix}_…</code>
                  </td>
                  <td>{node.scopes.map((scope) => SCOPES.find((s) => s.value === scope)?.label ?? scope).join(', ')}</td>
                  <td>
                    {formatDate(node.createdAt)}
                    {node.createdBy && <span className="muted"> by {node.createdBy.user.name}</span>}
                  </td>
                  <td>{node.lastUsedAt ? formatDateTime(node.lastUsedAt) : 'never'}</td>
                  <td className="cell-action">
                    {node.revokedAt ? (
                      <Badge>Revoked</Badge>
                    ) : (
                      <button
                        type="button"
                        className="button button-danger"
                        onClick={() => {
                          if (window.confirm(`Revoke ${node.name}? It stops working at once.`)) revoke({ apiKeyId: node.id });
                        }}
                      >
                        Revoke
                      </button>
                    )}
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
