import { useMutation } from 'urql';
import { FormError } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { ExcludeCapturedEventMutation } from './capture.operations';

/** Stops capturing a calendar meeting, or its whole series; its interactions are removed. */
export function ExcludeMeeting({ interactionId, summary, onExcluded }: { interactionId: string; summary: string; onExcluded(): void }) {
  const toast = useToast();
  const [exclusion, exclude] = useMutation(ExcludeCapturedEventMutation);
  async function run(wholeSeries: boolean) {
    const what = wholeSeries ? 'every meeting of its series' : 'this meeting';
    if (!window.confirm(`Stop capturing ${what} (${summary})? What capture logged for it is removed.`)) return;
    const result = await exclude({ interactionId, wholeSeries });
    if (result.error) return;
    toast(`${summary}: ${result.data!.excludeCapturedEvent} removed and left out from now on.`);
    onExcluded();
  }
  return (
    <div className="inline-actions">
      <button type="button" className="button button-quiet" disabled={exclusion.fetching} onClick={() => run(false)}>
        Exclude this meeting
      </button>
      <button type="button" className="button button-quiet" disabled={exclusion.fetching} onClick={() => run(true)}>
        Exclude the series
      </button>
      <FormError error={exclusion.error} />
    </div>
  );
}
