import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import { useLogInteraction } from '../../interactions/LogInteractionProvider';
import { Badge, StageBadge } from '../../ui/Badge';
import { formatDate, formatMoney, formatRelative, humanize } from '../../ui/format';
import { ErrorState, FormError, Loading } from '../../ui/States';
import { AccountForm } from '../accounts/AccountForm';
import { ArchiveAccountMutation, RestoreAccountMutation } from '../accounts/accounts.operations';
import { GrantsSection } from '../grants/GrantsSection';
import { MoveReasonDialog, type StageMove } from '../pipeline/MoveReasonDialog';
import { AccountPageQuery } from './account.operations';
import { CompetitorsSection } from './CompetitorsSection';
import { ContactsSection } from './ContactsSection';
import { HealthSection } from './HealthSection';
import { OwnerPicker } from './OwnerPicker';
import { PilotsSection } from './PilotsSection';
import { TasksSection } from './TasksSection';
import { TimelineSection } from './TimelineSection';
import { UsageSection } from './UsageSection';

/** New people and tasks refresh the page even when it listed none before. */
const ACCOUNT_CONTEXT = { additionalTypenames: ['Contact', 'Position', 'Task'] };

/** One account: who it is, where it stands, who we know there, and everything that happened. */
export default function AccountPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const logInteraction = useLogInteraction();
  const [{ data, fetching, error }, refetch] = useQuery({ query: AccountPageQuery, variables: { id }, context: ACCOUNT_CONTEXT });
  const [move, setMove] = useState<StageMove | null>(null);
  const [editing, setEditing] = useState(false);
  const [archival, archive] = useMutation(ArchiveAccountMutation);
  const [restoral, restore] = useMutation(RestoreAccountMutation);

  if (!data) {
    if (error) return <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
    return fetching ? <Loading label="Loading the account" /> : null;
  }
  const { account, stages } = data;
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/accounts">Accounts</Link> / <span aria-current="page">{account.name}</span>
      </nav>
      <header className="page-header account-header">
        <div>
          <h1>{account.name}</h1>
          <div className="header-facts">
            <Badge>{humanize(account.kind)}</Badge>
            <StageBadge stage={account.stage} />
            <span className="muted">
              in stage since {formatDate(account.stageEnteredAt)} ({formatRelative(account.stageEnteredAt)})
            </span>
            {account.archivedAt && <Badge tone="amber">Archived</Badge>}
          </div>
        </div>
        <div className="header-actions">
          {viewer.canEdit ? (
            <>
              <label className="field field-inline">
                <span>Stage</span>
                <select
                  value={account.stage.id}
                  onChange={(event) => {
                    const to = stages.find((stage) => stage.id === event.target.value);
                    if (to) setMove({ account, from: account.stage, to });
                  }}
                >
                  {stages.map((stage) => (
                    <option key={stage.id} value={stage.id}>
                      {stage.name}
                    </option>
                  ))}
                </select>
              </label>
              <OwnerPicker accountId={account.id} owner={account.owner} />
              <button
                type="button"
                className="button"
                onClick={() => setEditing(!editing)}
                aria-expanded={editing}
              >
                {editing ? 'Close editing' : 'Edit'}
              </button>
              {account.archivedAt ? (
                <button
                  type="button"
                  className="button"
                  disabled={restoral.fetching}
                  onClick={() => restore({ id: account.id })}
                >
                  Restore
                </button>
              ) : (
                <button
                  type="button"
                  className="button"
                  disabled={archival.fetching}
                  onClick={() => archive({ id: account.id })}
                >
                  Archive
                </button>
              )}
              <button
                type="button"
                className="button button-primary"
                onClick={() => logInteraction.open([{ id: account.id, label: account.name }])}
              >
                Log interaction
              </button>
            </>
          ) : (
            <span className="muted">Owner: {account.owner?.user.name ?? 'nobody'}</span>
          )}
        </div>
      </header>

      <FormError error={archival.error ?? restoral.error} />
      {editing && (
        <section className="panel" aria-label={`Edit ${account.name}`}>
          <AccountForm
            account={account}
            onCancel={() => setEditing(false)}
            onSaved={() => setEditing(false)}
          />
        </section>
      )}
      <dl className="facts" hidden={editing}>
        <div>
          <dt>Expected annual value</dt>
          <dd>{formatMoney(account.expectedAnnualValue, account.currency)}</dd>
        </div>
        <div>
          <dt>Region</dt>
          <dd>{account.region ?? '—'}</dd>
        </div>
        <div>
          <dt>Tier</dt>
          <dd>{account.tier ?? '—'}</dd>
        </div>
        <div>
          <dt>Domains</dt>
          <dd>{account.domains.join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Group</dt>
          <dd>
            {account.parent ? <Link to={`/accounts/${account.parent.id}`}>{account.parent.name}</Link> : '—'}
          </dd>
        </div>
        {account.children.length > 0 && (
          <div>
            <dt>Includes</dt>
            <dd>
              {account.children.map((child, index) => (
                <span key={child.id}>
                  {index > 0 && ', '}
                  <Link to={`/accounts/${child.id}`}>{child.name}</Link>
                </span>
              ))}
            </dd>
          </div>
        )}
        {account.tags.length > 0 && (
          <div>
            <dt>Tags</dt>
            <dd>{account.tags.join(', ')}</dd>
          </div>
        )}
      </dl>

      <div className="account-grid">
        <div className="account-main">
          <TimelineSection accountId={account.id} />
        </div>
        <div className="account-side">
          <ContactsSection account={account} canEdit={viewer.canEdit} />
          <TasksSection tasks={account.openTasks} />
          <CompetitorsSection
            accountId={account.id}
            competitors={account.competitors}
            canEdit={viewer.canEdit}
          />
          <UsageSection accountId={account.id} />
          <HealthSection accountId={account.id} />
          <PilotsSection account={account} canEdit={viewer.canEdit} />
          <GrantsSection
            subject={{ kind: 'ACCOUNT', id: account.id, name: account.name }}
            canEdit={viewer.canEdit}
          />
        </div>
      </div>
      {move && <MoveReasonDialog move={move} onClose={() => setMove(null)} />}
    </div>
  );
}
