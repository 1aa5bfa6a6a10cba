import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import type { DrillDownAccountsFragment } from '../../gql/graphql';
import { StageBadge } from '../../ui/Badge';
import { Dialog } from '../../ui/Dialog';
import { humanize } from '../../ui/format';
import { ErrorState, Loading } from '../../ui/States';
import type { DrillDownTarget } from './drill-down';
import {
  CompetitorStageAccountsQuery,
  FunnelConvertedAccountsQuery,
  FunnelEnteredAccountsQuery,
  PipelineStageAccountsQuery,
} from './drill-down.operations';

/** The accounts behind a figure, 50 at a time, each linking to its page. */
export function DrillDownDialog({ target, onClose }: { target: DrillDownTarget; onClose(): void }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <Dialog open title={target.title} onClose={onClose} wide>
      <div className="drill-down">
        {cursors.map((after, index) => (
          <DrillDownPage
            key={after ?? 'first'}
            target={target}
            after={after}
            isLast={index === cursors.length - 1}
            onMore={(cursor) => setCursors((current) => [...current, cursor])}
          />
        ))}
      </div>
    </Dialog>
  );
}

interface PageProps {
  target: DrillDownTarget;
  after: string | null;
  isLast: boolean;
  onMore(cursor: string): void;
}

function DrillDownPage(props: PageProps) {
  if (props.target.kind === 'pipeline') return <PipelinePage {...props} target={props.target} />;
  if (props.target.kind === 'funnel') return <FunnelPage {...props} target={props.target} />;
  return <CompetitorPage {...props} target={props.target} />;
}

function PipelinePage({
  target,
  after,
  ...rest
}: PageProps & { target: Extract<DrillDownTarget, { kind: 'pipeline' }> }) {
  const [{ data, error }, retry] = useQuery({
    query: PipelineStageAccountsQuery,
    variables: { at: target.at, filter: target.filter, after },
  });
  const connection = data?.pipeline.stages.find((entry) => entry.stage.id === target.stageId)?.accounts;
  return (
    <AccountRows
      connection={connection}
      loaded={!!data}
      error={error}
      retry={retry}
      first={after === null}
      {...rest}
    />
  );
}

function FunnelPage({
  target,
  after,
  ...rest
}: PageProps & { target: Extract<DrillDownTarget, { kind: 'funnel' }> }) {
  const [{ data, error }, retry] = useQuery({
    query: target.converted ? FunnelConvertedAccountsQuery : FunnelEnteredAccountsQuery,
    variables: { period: target.period, filter: target.filter, after },
  });
  const connection = data?.funnel.steps.find((entry) => entry.stage.id === target.stageId)?.accounts;
  return (
    <AccountRows
      connection={connection}
      loaded={!!data}
      error={error}
      retry={retry}
      first={after === null}
      {...rest}
    />
  );
}

function CompetitorPage({
  target,
  after,
  ...rest
}: PageProps & { target: Extract<DrillDownTarget, { kind: 'competitor' }> }) {
  const [{ data, error }, retry] = useQuery({
    query: CompetitorStageAccountsQuery,
    variables: { filter: target.filter, after },
  });
  const vendor = data?.competitiveView.find((entry) => entry.vendor === target.vendor);
  const connection = vendor?.byStage.find((entry) => entry.stage.id === target.stageId)?.accounts;
  return (
    <AccountRows
      connection={connection}
      loaded={!!data}
      error={error}
      retry={retry}
      first={after === null}
      {...rest}
    />
  );
}

interface AccountRowsProps {
  connection: DrillDownAccountsFragment | undefined;
  loaded: boolean;
  error: unknown;
  retry(): void;
  first: boolean;
  isLast: boolean;
  onMore(cursor: string): void;
}

function AccountRows({ connection, loaded, error, retry, first, isLast, onMore }: AccountRowsProps) {
  if (error) return <ErrorState error={error} retry={() => retry()} />;
  if (!loaded) return <Loading label="Loading the accounts" />;
  if (!connection) return first ? <p className="muted">No account is counted here any more.</p> : null;
  return (
    <>
      {first && (
        <p className="muted drill-down-count">
          {connection.totalCount} {connection.totalCount === 1 ? 'account' : 'accounts'}
        </p>
      )}
      <ul className="list" aria-label={first ? 'Accounts' : 'More accounts'}>
        {connection.edges.map(({ node }) => (
          <li key={node.id} className="list-row">
            <div>
              <Link to={`/accounts/${node.id}`}>{node.name}</Link>
              <div className="muted small">
                {humanize(node.kind)} · {node.owner?.user.name ?? 'no owner'}
              </div>
            </div>
            <StageBadge stage={node.stage} />
          </li>
        ))}
      </ul>
      {isLast && connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
        <button type="button" className="button" onClick={() => onMore(connection.pageInfo.endCursor!)}>
          Show more
        </button>
      )}
    </>
  );
}
