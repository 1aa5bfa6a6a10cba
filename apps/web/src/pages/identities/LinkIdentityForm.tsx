import { useState } from 'react';
import { useMutation } from 'urql';
import { useLookups } from '../../interactions/lookups';
import { Autocomplete, type Option } from '../../ui/Autocomplete';
import { FormError } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { LinkIdentityMutation } from './identities.operations';

interface Identity {
  id: string;
  orgId?: string | null;
  emailDomain?: string | null;
}

export function LinkIdentityForm({ identity, onDone }: { identity: Identity; onDone(): void }) {
  const lookups = useLookups();
  const toast = useToast();
  const [account, setAccount] = useState<Option[]>([]);
  const [{ fetching, error }, link] = useMutation(LinkIdentityMutation);
  const name = identity.orgId ?? identity.emailDomain ?? 'this identity';

  async function submit() {
    if (!account[0]) return;
    const result = await link({ identityId: identity.id, accountId: account[0].id });
    if (result.error) return;
    const events = result.data!.linkGeneratorIdentity.attributedEvents;
    toast(`${name} linked to ${account[0].label}: ${events} past event${events === 1 ? '' : 's'} attributed.`);
    onDone();
  }

  return (
    <div className="inline-form">
      <Autocomplete label={`Account for ${name}`} load={lookups.accounts} selected={account} onChange={setAccount} single autoFocus placeholder="Type an account" />
      <div className="inline-actions">
        <button type="button" className="button button-primary" disabled={!account.length || fetching} onClick={submit}>
          Link
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <FormError error={error} />
    </div>
  );
}
