export interface FilterOption {
  value: string;
  label: string;
}

/** A labelled choice among `options`; the first entry, `anyLabel`, means no filter (''). */
export function SelectFilter({
  label,
  value,
  options,
  anyLabel,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly FilterOption[];
  anyLabel?: string;
  onChange(value: string): void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Options for a list of enum values, each named in words. */
export function enumOptions(values: readonly string[], name: (value: string) => string): FilterOption[] {
  return values.map((value) => ({ value, label: name(value) }));
}

/** Options for the workspace's members; given the viewer's id, "Me" comes first. */
export function memberOptions(
  members: readonly { id: string; user: { name: string } }[],
  viewerId?: string,
): FilterOption[] {
  const others = members
    .filter((member) => member.id !== viewerId)
    .map((member) => ({ value: member.id, label: member.user.name }));
  return viewerId ? [{ value: viewerId, label: 'Me' }, ...others] : others;
}
