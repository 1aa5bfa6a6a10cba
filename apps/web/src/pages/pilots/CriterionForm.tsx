import { useState } from 'react';
import { useMutation } from 'urql';
import type { PilotComparator, PilotCriterionFieldsFragment, PilotMetric } from '../../gql/graphql';
import { FormError } from '../../ui/States';
import { COMPARATOR_LABELS, METRIC_LABELS, PILOT_METRICS } from './pilot-options';
import { AddPilotCriterionMutation, UpdatePilotCriterionMutation } from './pilots.operations';

type Props = { onDone(saved: boolean): void } & (
  | { pilotId: string; criterion?: undefined }
  | { pilotId?: undefined; criterion: PilotCriterionFieldsFragment }
);

/** Adds a criterion to a pilot, or edits one: a metric with comparator and target, or a labelled manual decision. */
export function CriterionForm({ pilotId, criterion, onDone }: Props) {
  const [metric, setMetric] = useState<PilotMetric>(criterion?.metric ?? 'GENERATIONS');
  const [comparator, setComparator] = useState<PilotComparator>(criterion?.comparator ?? 'AT_LEAST');
  const [target, setTarget] = useState(criterion?.target?.toString() ?? '');
  const [label, setLabel] = useState(criterion?.label ?? '');
  const [windowStart, setWindowStart] = useState(criterion?.windowStart ?? '');
  const [windowEnd, setWindowEnd] = useState(criterion?.windowEnd ?? '');
  const [added, add] = useMutation(AddPilotCriterionMutation);
  const [updated, update] = useMutation(UpdatePilotCriterionMutation);
  const manual = metric === 'MANUAL';

  async function submit() {
    const fields = {
      metric,
      comparator: manual ? null : comparator,
      target: manual ? null : Number(target),
      label: label.trim() || null,
      windowStart: windowStart || null,
      windowEnd: windowEnd || null,
    };
    const result = criterion
      ? await update({ input: { id: criterion.id, ...fields } })
      : await add({ input: { pilotId: pilotId!, ...fields } });
    if (!result.error) onDone(true);
  }

  return (
    <form
      className="criterion-form"
      aria-label={criterion ? 'Edit criterion' : 'New criterion'}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="inline-form">
        <label className="field">
          <span>Metric</span>
          <select value={metric} autoFocus onChange={(event) => setMetric(event.target.value as PilotMetric)}>
            {PILOT_METRICS.map((value) => (
              <option key={value} value={value}>
                {METRIC_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        {!manual && (
          <>
            <label className="field">
              <span>Comparator</span>
              <select
                value={comparator}
                onChange={(event) => setComparator(event.target.value as PilotComparator)}
              >
                {(Object.keys(COMPARATOR_LABELS) as PilotComparator[]).map((value) => (
                  <option key={value} value={value}>
                    {COMPARATOR_LABELS[value]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Target</span>
              <input
                type="number"
                required
                min="0"
                step="any"
                value={target}
                onChange={(event) => setTarget(event.target.value)}
              />
            </label>
          </>
        )}
        <label className="field grow">
          <span>{manual ? 'What is judged' : 'Label (optional)'}</span>
          <input required={manual} value={label} onChange={(event) => setLabel(event.target.value)} />
        </label>
        <label className="field">
          <span>From (optional)</span>
          <input type="date" value={windowStart} onChange={(event) => setWindowStart(event.target.value)} />
        </label>
        <label className="field">
          <span>To (optional)</span>
          <input type="date" value={windowEnd} onChange={(event) => setWindowEnd(event.target.value)} />
        </label>
      </div>
      <div className="form-footer">
        <FormError error={added.error ?? updated.error} />
        <button type="button" className="button" onClick={() => onDone(false)}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={added.fetching || updated.fetching}>
          {criterion ? 'Save criterion' : 'Add criterion'}
        </button>
      </div>
    </form>
  );
}
