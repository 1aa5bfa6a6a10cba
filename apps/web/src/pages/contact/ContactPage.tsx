import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../../auth/ViewerProvider';
import { graphql } from '../../gql';
import { useLogInteraction } from '../../interactions/LogInteractionProvider';
import { Badge } from '../../ui/Badge';
import { formatDate, humanize } from '../../ui/format';
import { ErrorState, FormError, Loading } from '../../ui/States';
import { InteractionHead, TimelineEntry } from '../../ui/Timeline';
import { describeRelationship } from '../contacts/contact-options';
import { ContactForm } from '../contacts/ContactForm';
import { ArchiveContactMutation, RestoreContactMutation } from '../contacts/contacts.operations';
import { GrantsSection } from '../grants/GrantsSection';

const ContactPageQuery = graphql(`
  query ContactPage($id: ID!) {
    contact(id: $id) {
      ...ContactFacts
      currentAccount {
        id
        name
      }
      positions {
        id
        title
        current
        startedOn
        endedOn
        account {
          id
          name
        }
      }
      representedBy {
        id
        startedOn
        endedOn
        agent {
          id
          name
        }
        agency {
          id
          name
        }
      }
      represents {
        id
        startedOn
        endedOn
        talent {
          id
          name
        }
      }
    }
  }
`);

const ContactTimelineQuery = graphql(`
  query ContactTimeline($id: ID!) {
    interactions(first: 50, filter: { contactId: $id }) {
      totalCount
      edges {
        node {
          id
          kind
          summary
          sentiment
          capture {
            source
            cancelled
          }
          occurredAt
          accounts {
            id
            name
          }
          loggedBy {
            user {
              name
            }
          }
        }
      }
    }
    tasks(first: 50, filter: { contactId: $id }) {
      edges {
        node {
          id
          title
          status
          dueAt
          overdue
          assignee {
            user {
              name
            }
          }
        }
      }
    }
  }
`);

/** New positions and representations refresh the page even when it listed none before. */
const CONTACT_CONTEXT = { additionalTypenames: ['Position', 'Representation'] };

function period(startedOn?: string | null, endedOn?: string | null): string {
  return `${startedOn ? formatDate(startedOn) : 'since ?'} – ${endedOn ? formatDate(endedOn) : 'now'}`;
}

/** A person: where they work and worked, who represents them, what we did with them, editable. */
export default function ContactPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const logInteraction = useLogInteraction();
  const [editing, setEditing] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({ query: ContactPageQuery, variables: { id }, context: CONTACT_CONTEXT });
  const [archival, archive] = useMutation(ArchiveContactMutation);
  const [restoral, restore] = useMutation(RestoreContactMutation);
  if (!data) {
    if (error) return <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
    return fetching ? <Loading label="Loading the contact" /> : null;
  }
  const { contact } = data;
  const relationship = describeRelationship(contact.relationshipStrength);
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/contacts">Contacts</Link> / <span aria-current="page">{contact.name}</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>{contact.name}</h1>
          <div className="header-facts">
            <Badge>{humanize(contact.kind)}</Badge>
            {contact.title && <span>{contact.title}</span>}
            {contact.currentAccount && (
              <span>
                at <Link to={`/accounts/${contact.currentAccount.id}`}>{contact.currentAccount.name}</Link>
              </span>
            )}
            {contact.archivedAt && <Badge tone="amber">Archived</Badge>}
          </div>
        </div>
        {viewer.canEdit && (
          <div className="header-actions">
            <button
              type="button"
              className="button"
              onClick={() => setEditing(!editing)}
              aria-expanded={editing}
            >
              {editing ? 'Close editing' : 'Edit'}
            </button>
            {contact.archivedAt ? (
              <button
                type="button"
                className="button"
                disabled={restoral.fetching}
                onClick={() => restore({ id: contact.id })}
              >
                Restore
              </button>
            ) : (
              <button
                type="button"
                className="button"
                disabled={archival.fetching}
                onClick={() => archive({ id: contact.id })}
              >
                Archive
              </button>
            )}
            <button
              type="button"
              className="button button-primary"
              onClick={() =>
                logInteraction.open(
                  contact.currentAccount
                    ? [{ id: contact.currentAccount.id, label: contact.currentAccount.name }]
                    : [],
                  [
                    {
                      id: `contact:${contact.id}`,
                      label: contact.name,
                      group: 'Contact',
                      accountId: contact.currentAccount?.id ?? null,
                    },
                  ],
                )
              }
            >
              Log interaction
            </button>
          </div>
        )}
      </header>
      <FormError error={archival.error ?? restoral.error} />
      {editing ? (
        <section className="panel" aria-label={`Edit ${contact.name}`}>
          <ContactForm
            contact={contact}
            onCancel={() => setEditing(false)}
            onSaved={() => setEditing(false)}
          />
        </section>
      ) : (
        <dl className="facts">
          <div>
            <dt>Email</dt>
            <dd>{contact.emails.join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>Phone</dt>
            <dd>{contact.phones.join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{contact.owner?.user.name ?? '—'}</dd>
          </div>
          <div>
            <dt>Relationship</dt>
            <dd>{relationship ?? 'Not rated'}</dd>
          </div>
          {contact.notes && (
            <div>
              <dt>Notes</dt>
              <dd>{contact.notes}</dd>
            </div>
          )}
        </dl>
      )}
      <div className="account-grid">
        <ContactTimeline contactId={contact.id} />
        <div className="account-side">
          <section className="panel" aria-labelledby="positions-title">
            <h2 className="panel-title" id="positions-title">
              Positions
            </h2>
            {contact.positions.length === 0 && <p className="muted">No position recorded.</p>}
            <ul className="list">
              {contact.positions.map((position) => (
                <li key={position.id} className="list-row">
                  <div>
                    <Link to={`/accounts/${position.account.id}`}>{position.account.name}</Link>
                    <div className="muted small">{position.title ?? 'No title'}</div>
                  </div>
                  <div className="muted small align-right">
                    {period(position.startedOn, position.current ? null : position.endedOn)}
                  </div>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="representation-title">
            <h2 className="panel-title" id="representation-title">
              Representation
            </h2>
            {contact.representedBy.length === 0 && contact.represents.length === 0 && (
              <p className="muted">None recorded.</p>
            )}
            <ul className="list">
              {contact.representedBy.map((rep) => (
                <li key={rep.id} className="list-row">
                  <span>
                    Represented by <Link to={`/contacts/${rep.agent.id}`}>{rep.agent.name}</Link>
                    {rep.agency && (
                      <>
                        {' '}
                        at <Link to={`/accounts/${rep.agency.id}`}>{rep.agency.name}</Link>
                      </>
                    )}
                  </span>
                  <span className="muted small align-right">{period(rep.startedOn, rep.endedOn)}</span>
                </li>
              ))}
              {contact.represents.map((rep) => (
                <li key={rep.id} className="list-row">
                  <span>
                    Represents <Link to={`/contacts/${rep.talent.id}`}>{rep.talent.name}</Link>
                  </span>
                  <span className="muted small align-right">{period(rep.startedOn, rep.endedOn)}</span>
                </li>
              ))}
            </ul>
          </section>
          <GrantsSection
            subject={{ kind: 'CONTACT', id: contact.id, name: contact.name }}
            canEdit={viewer.canEdit}
          />
        </div>
      </div>
    </div>
  );
}

/** A first interaction or task refreshes an empty timeline too. */
const TIMELINE_CONTEXT = { additionalTypenames: ['Interaction', 'Task'] };

/** What this person attended, across every company they worked at, and their tasks. */
function ContactTimeline({ contactId }: { contactId: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ContactTimelineQuery,
    variables: { id: contactId },
    requestPolicy: 'cache-and-network',
    context: TIMELINE_CONTEXT,
  });
  return (
    <div className="account-main stack">
      <section className="panel" aria-labelledby="contact-timeline-title" id="timeline">
        <h2 className="panel-title" id="contact-timeline-title">
          Interactions {data && <span className="count">{data.interactions.totalCount}</span>}
        </h2>
        {!data && error && (
          <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />
        )}
        {!data && fetching && <Loading label="Loading interactions" />}
        {data && data.interactions.edges.length === 0 && (
          <p className="muted">Nothing logged with this person yet.</p>
        )}
        <ol className="timeline">
          {data?.interactions.edges.map(({ node }) => (
            <TimelineEntry key={node.id} kind="interaction" label="Interaction" at={node.occurredAt}>
              <InteractionHead interaction={node} accounts={node.accounts} />
            </TimelineEntry>
          ))}
        </ol>
      </section>
      <section className="panel" aria-labelledby="contact-tasks-title">
        <h2 className="panel-title" id="contact-tasks-title">
          Tasks
        </h2>
        {data && data.tasks.edges.length === 0 && <p className="muted">No task about this person.</p>}
        <ul className="list">
          {data?.tasks.edges.map(({ node }) => (
            <li key={node.id} className="list-row">
              <span>
                {node.title} <span className="muted small">{humanize(node.status)}</span>
              </span>
              <span className={node.overdue ? 'small overdue' : 'muted small'}>
                {node.dueAt ? `due ${formatDate(node.dueAt)}` : 'no due date'}
                {node.assignee && ` · ${node.assignee.user.name}`}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
