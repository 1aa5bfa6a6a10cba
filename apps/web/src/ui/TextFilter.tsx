import { useEffect, useState } from 'react';

/** A text filter that applies a moment after typing stops, not on every key. */
export function TextFilter({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
}) {
  const [text, setText] = useState(value);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onChange(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <label className="field">
      <span>{label}</span>
      <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
    </label>
  );
}
