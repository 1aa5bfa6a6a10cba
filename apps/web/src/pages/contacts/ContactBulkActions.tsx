import { useClient } from 'urql';
import { BulkActions } from '../../ui/BulkActions';
import { MemberSelect, type MemberOption } from '../../ui/MemberSelect';
import { BulkUpdateContactsMutation } from './bulk.operations';

/** Assign an owner to, archive or restore every selected contact. */
export function ContactBulkActions<Row extends { id: string; name: string }>({
  selected,
  members,
  onDone,
}: {
  selected: Row[];
  members: readonly MemberOption[];
  onDone(): void;
}) {
  const client = useClient();
  const update = async (input: { ids: string[]; ownerId?: string | null; archived?: boolean }) => {
    const result = await client
      .mutation(BulkUpdateContactsMutation, { input }, { additionalTypenames: ['Contact'] })
      .toPromise();
    return { answer: result.data?.bulkUpdateContacts, error: result.error };
  };
  return (
    <BulkActions
      noun="contact"
      selected={selected}
      name={(row) => row.name}
      onDone={onDone}
      actions={[
        {
          value: 'owner',
          label: 'Assign owner',
          fields: <MemberSelect label="Owner" name="owner" members={members} nobody />,
          missing: (form) => (form.get('owner') ? null : 'Choose the owner first.'),
          run: (ids, form) => {
            const owner = String(form.get('owner'));
            return update({ ids, ownerId: owner === 'nobody' ? null : owner });
          },
        },
        { value: 'archive', label: 'Archive', run: (ids) => update({ ids, archived: true }) },
        { value: 'restore', label: 'Restore', run: (ids) => update({ ids, archived: false }) },
      ]}
    />
  );
}
