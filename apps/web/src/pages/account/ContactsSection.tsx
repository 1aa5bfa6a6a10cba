import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { AccountPageQuery } from '../../gql/graphql';
import { Dialog } from '../../ui/Dialog';
import { formatDate, humanize } from '../../ui/format';
import { ContactForm } from '../contacts/ContactForm';

type Position = AccountPageQuery['account']['positions'][number];

function PositionList({ positions, empty }: { positions: Position[]; empty: string }) {
  if (!positions.length) return <p className="muted">{empty}</p>;
  return (
    <ul className="list">
      {positions.map((position) => (
        <li key={position.id} className="list-row">
          <div>
            <Link to={`/contacts/${position.contact.id}`}>{position.contact.name}</Link>
            <div className="muted small">
              {[position.title, humanize(position.contact.kind)].filter(Boolean).join(' · ')}
            </div>
          </div>
          <div className="muted small align-right">
            {position.current
              ? `since ${formatDate(position.startedOn)}`
              : `left ${formatDate(position.endedOn)}`}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function ContactsSection({
  account,
  canEdit,
}: {
  account: { id: string; name: string; positions: Position[] };
  canEdit: boolean;
}) {
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const { positions } = account;
  const current = positions.filter((position) => position.current);
  const former = positions.filter((position) => !position.current);
  return (
    <section className="panel" aria-labelledby="contacts-title" id="contacts">
      <h2 className="panel-title" id="contacts-title">
        Contacts <span className="count">{current.length}</span>
        {canEdit && (
          <button type="button" className="button button-quiet panel-action" onClick={() => setAdding(true)}>
            Add contact
          </button>
        )}
      </h2>
      <PositionList
        positions={current}
        empty="Nobody here yet: add contacts by logging who attended a meeting, or import them."
      />
      {former.length > 0 && (
        <>
          <h3 className="panel-subtitle">Former</h3>
          <PositionList positions={former} empty="" />
        </>
      )}
      <Dialog open={adding} title={`New contact at ${account.name}`} onClose={() => setAdding(false)} wide>
        <ContactForm
          initialAccount={{ id: account.id, label: account.name }}
          onCancel={() => setAdding(false)}
          onSaved={(contact) => {
            setAdding(false);
            navigate(`/contacts/${contact.id}`);
          }}
        />
      </Dialog>
    </section>
  );
}
