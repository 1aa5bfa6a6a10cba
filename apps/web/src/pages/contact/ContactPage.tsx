import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { Badge } from '../../ui/Badge';
import { formatDate, humanize } from '../../ui/format';
import { ErrorState, Loading } from '../../ui/States';

const ContactPageQuery = graphql(`
  query ContactPage($id: ID!) {
    contact(id: $id) {
      id
      name
      kind
      title
      emails
      phones
      notes
      relationshipStrength
      owner {
        user {
          name
        }
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
        talent {
          id
          name
        }
      }
    }
  }
`);

/** A person: where they work and worked, who represents them or whom they represent. */
export default function ContactPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ContactPageQuery, variables: { id } });
  if (!data) {
    if (error) return <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
    return fetching ? <Loading label="Loading the contact" /> : null;
  }
  const { contact } = data;
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{contact.name}</h1>
          <div className="header-facts">
            <Badge>{humanize(contact.kind)}</Badge>
            {contact.title && <span>{contact.title}</span>}
            {contact.relationshipStrength && <span className="muted">relationship {contact.relationshipStrength}/5</span>}
          </div>
        </div>
      </header>
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
      </dl>
      <div className="account-grid">
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
                  {formatDate(position.startedOn)} – {position.current ? 'now' : formatDate(position.endedOn)}
                </div>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="representation-title">
          <h2 className="panel-title" id="representation-title">
            Representation
          </h2>
          {contact.representedBy.length === 0 && contact.represents.length === 0 && <p className="muted">None recorded.</p>}
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
              </li>
            ))}
            {contact.represents.map((rep) => (
              <li key={rep.id} className="list-row">
                <span>
                  Represents <Link to={`/contacts/${rep.talent.id}`}>{rep.talent.name}</Link>
                </span>
              </li>
            ))}
          </ul>
          {contact.notes && <p className="small">{contact.notes}</p>}
        </section>
      </div>
    </div>
  );
}
