type MeterTone = 'green' | 'amber' | 'red' | 'blue';

/** A horizontal bar for a share (criteria met, budget spent), named for screen readers. */
export function Meter({ value, label, tone = 'green' }: { value: number; label: string; tone?: MeterTone }) {
  const percent = Math.round(Math.max(0, value) * 100);
  return (
    <div
      className={`meter meter-${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.min(percent, 100)}
      aria-valuetext={`${percent}%`}
    >
      <span className="meter-fill" style={{ width: `${Math.min(percent, 100)}%` }} />
    </div>
  );
}
