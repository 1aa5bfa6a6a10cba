/** A workspace member as the members list gives it. */
export interface MemberOption {
  id: string;
  role: string;
  user: { name: string };
}

/**
 * A labelled choice, for a form field `name`, among the members who may be given work (executives
 * only read); '' until chosen, and 'nobody' too when `nobody` is offered.
 */
export function MemberSelect({
  label,
  name,
  members,
  nobody,
}: {
  label: string;
  name: string;
  members: readonly MemberOption[];
  nobody?: boolean;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} defaultValue="">
        <option value="">Choose…</option>
        {nobody && <option value="nobody">Nobody</option>}
        {members
          .filter((member) => member.role !== 'EXECUTIVE')
          .map((member) => (
            <option key={member.id} value={member.id}>
              {member.user.name}
            </option>
          ))}
      </select>
    </label>
  );
}
