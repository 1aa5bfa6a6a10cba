import { useState } from 'react';
import type { PilotCriterionFieldsFragment } from '../../gql/graphql';
import { CriterionForm } from './CriterionForm';
import { CriterionRow } from './CriterionRow';

interface Props {
  pilotId: string;
  criteria: PilotCriterionFieldsFragment[];
  canEdit: boolean;
  onChanged(): void;
}

/** The success criteria, each measured from usage (or decided by hand), with add, edit and remove. */
export function CriteriaSection({ pilotId, criteria, canEdit, onChanged }: Props) {
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel" aria-labelledby="criteria-title">
      <div className="panel-head">
        <h2 className="panel-title" id="criteria-title">
          Success criteria{' '}
          <span className="count">
            {criteria.filter((criterion) => criterion.met).length} of {criteria.length} met
          </span>
        </h2>
        {canEdit && !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add criterion
          </button>
        )}
      </div>
      {criteria.length === 0 && !adding && (
        <p className="muted">
          No criterion yet: add what the pilot must show, such as a number of generations or a success rate.
        </p>
      )}
      <ul className="list criteria">
        {criteria.map((criterion) => (
          <CriterionRow key={criterion.id} criterion={criterion} canEdit={canEdit} onChanged={onChanged} />
        ))}
      </ul>
      {adding && (
        <CriterionForm
          pilotId={pilotId}
          onDone={(saved) => {
            setAdding(false);
            if (saved) onChanged();
          }}
        />
      )}
    </section>
  );
}
