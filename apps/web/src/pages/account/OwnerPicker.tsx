import { useMutation, useQuery } from 'urql';
import { describeError } from '../../ui/errors';
import { ActiveMembersQuery } from '../pipeline/pipeline.operations';
import { ChangeOwnerMutation } from './account.operations';

export function OwnerPicker({ accountId, owner }: { accountId: string; owner: { id: string; user: { name: string } } | null | undefined }) {
  const [{ data }] = useQuery({ query: ActiveMembersQuery, requestPolicy: 'cache-first' });
  const [{ error, fetching }, changeOwner] = useMutation(ChangeOwnerMutation);
  const members = data?.members.edges.map((edge) => edge.node).filter((member) => member.role !== 'EXECUTIVE') ?? [];
  return (
    <label className="field field-inline">
      <span>Owner</span>
      <select
        value={owner?.id ?? ''}
        disabled={fetching}
        onChange={(event) => event.target.value && changeOwner({ id: accountId, ownerId: event.target.value })}
        aria-describedby={error ? 'owner-error' : undefined}
      >
        {!owner && <option value="">Nobody</option>}
        {owner && !members.some((member) => member.id === owner.id) && <option value={owner.id}>{owner.user.name}</option>}
        {members.map((member) => (
          <option key={member.id} value={member.id}>
            {member.user.name}
          </option>
        ))}
      </select>
      {error && (
        <span id="owner-error" className="form-error" role="alert">
          {describeError(error)}
        </span>
      )}
    </label>
  );
}
