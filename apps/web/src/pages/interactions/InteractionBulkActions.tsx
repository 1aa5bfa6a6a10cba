import { useState } from 'react';
import { useClient } from 'urql';
import { useLookups } from '../../interactions/lookups';
import { Autocomplete, type Option } from '../../ui/Autocomplete';
import { BulkActions } from '../../ui/BulkActions';
import { BulkMoveInteractionsMutation } from './bulk.operations';

/** Move every selected interaction to an account, or add one beside their others. */
export function InteractionBulkActions<Row extends { id: string; summary: string }>({
  selected,
  onDone,
}: {
  selected: Row[];
  onDone(): void;
}) {
  const client = useClient();
  const lookups = useLookups();
  const [account, setAccount] = useState<Option[]>([]);
  const move = async (ids: string[], keepOtherAccounts: boolean) => {
    const result = await client
      .mutation(
        BulkMoveInteractionsMutation,
        { input: { ids, accountId: account[0]!.id, keepOtherAccounts } },
        { additionalTypenames: ['Interaction', 'Account'] },
      )
      .toPromise();
    return { answer: result.data?.bulkMoveInteractions, error: result.error };
  };
  const picker = (
    <div className="field bulk-account">
      <Autocomplete label="Account" single load={lookups.accounts} selected={account} onChange={setAccount} />
    </div>
  );
  const missing = () => (account.length ? null : 'Choose the account first.');
  return (
    <BulkActions
      noun="interaction"
      selected={selected}
      name={(row) => row.summary}
      onDone={onDone}
      actions={[
        { value: 'move', label: 'Move to account', fields: picker, missing, run: (ids) => move(ids, false) },
        { value: 'add', label: 'Also link to account', fields: picker, missing, run: (ids) => move(ids, true) },
      ]}
    />
  );
}
