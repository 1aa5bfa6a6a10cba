import { useState } from 'react';
import { useMutation } from 'urql';
import type { PilotCriterionFieldsFragment } from '../../gql/graphql';
import { Badge } from '../../ui/Badge';
import { formatDay, formatShare } from '../../ui/format';
import { Meter } from '../../ui/Meter';
import { FormError } from '../../ui/States';
import { CriterionForm } from './CriterionForm';
import { COMPARATOR_LABELS, formatMetric, METRIC_LABELS } from './pilot-options';
import { RemovePilotCriterionMutation, SetManualCriterionMutation } from './pilots.operations';

const TREND_SIGNS = { UP: '↑', DOWN: '↓', FLAT: '→' } as const;

export function criterionTitle(criterion: PilotCriterionFieldsFragment): string {
  if (criterion.metric === 'MANUAL') return criterion.label ?? 'Decided by hand';
  const rule = `${METRIC_LABELS[criterion.metric]} ${COMPARATOR_LABELS[criterion.comparator!]} ${formatMetric(criterion.metric, criterion.target)}`;
  return criterion.label ? `${criterion.label}: ${rule.charAt(0).toLowerCase()}${rule.slice(1)}` : rule;
}

/** One criterion: progress toward its target, its current value and trend, and what may be done with it. */
export function CriterionRow({
  criterion,
  canEdit,
  onChanged,
}: {
  criterion: PilotCriterionFieldsFragment;
  canEdit: boolean;
  onChanged(): void;
}) {
  const [editing, setEditing] = useState(false);
  const [removal, remove] = useMutation(RemovePilotCriterionMutation);
  const [manual, setManual] = useMutation(SetManualCriterionMutation);
  const title = criterionTitle(criterion);
  if (editing) {
    return (
      <li className="list-row criterion">
        <CriterionForm
          criterion={criterion}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onChanged();
          }}
        />
      </li>
    );
  }
  return (
    <li className="list-row criterion" data-criterion={title}>
      <div className="criterion-body">
        <div className="timeline-head">
          <strong>{title}</strong>
          {criterion.met ? (
            <Badge tone="green">Met</Badge>
          ) : (
            <Badge tone={criterion.metric === 'MANUAL' && criterion.manualMet == null ? 'neutral' : 'amber'}>
              {criterion.metric === 'MANUAL' && criterion.manualMet == null ? 'Undecided' : 'Not met'}
            </Badge>
          )}
        </div>
        <div className="meter-row">
          <Meter
            value={criterion.progress}
            label={`Progress of ${title}`}
            tone={criterion.met ? 'green' : 'blue'}
          />
          <span className="small" data-testid="criterion-value">
            {criterion.metric === 'MANUAL'
              ? criterion.manualSetBy
                ? `set by ${criterion.manualSetBy.user.name}`
                : 'not decided yet'
              : `${formatMetric(criterion.metric, criterion.currentValue)} of ${formatMetric(criterion.metric, criterion.target)}`}
          </span>
        </div>
        <div className="muted small">
          {formatDay(criterion.evaluationWindow.from)} – {formatDay(criterion.evaluationWindow.to)}
          {criterion.trend && (
            <span className={`trend trend-${criterion.trend.direction.toLowerCase()}`}>
              {' '}
              · last 7 days {TREND_SIGNS[criterion.trend.direction]}{' '}
              {criterion.trend.change == null ? 'no earlier week' : formatShare(criterion.trend.change)}
              <span className="visually-hidden"> ({criterion.trend.direction.toLowerCase()})</span>
            </span>
          )}
        </div>
        <FormError error={removal.error ?? manual.error} />
      </div>
      {canEdit && (
        <div className="inline-actions criterion-actions">
          {criterion.metric === 'MANUAL' && (
            <button
              type="button"
              className="button"
              disabled={manual.fetching}
              onClick={async () => {
                const result = await setManual({ id: criterion.id, met: !criterion.met });
                if (!result.error) onChanged();
              }}
            >
              {criterion.met ? 'Mark not met' : 'Mark met'}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet"
            aria-label={`Edit ${title}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
          <button
            type="button"
            className="button button-quiet button-danger"
            aria-label={`Remove ${title}`}
            disabled={removal.fetching}
            onClick={async () => {
              if (!window.confirm(`Remove the criterion "${title}"?`)) return;
              const result = await remove({ id: criterion.id });
              if (!result.error) onChanged();
            }}
          >
            Remove
          </button>
        </div>
      )}
    </li>
  );
}
