import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useViewer } from '../auth/ViewerProvider';
import type { Option } from '../ui/Autocomplete';
import { Dialog } from '../ui/Dialog';
import { LogInteractionForm } from './LogInteractionForm';

interface LogInteractionApi {
  /** Opens the form, optionally with accounts and attendees already chosen. */
  open(accounts?: Option[], attendees?: Option[]): void;
}

const LogInteractionContext = createContext<LogInteractionApi>({ open: () => undefined });

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return (
    !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName))
  );
}

/** The log-interaction form, reachable from every page: the header button or the L key. */
export function LogInteractionProvider({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  const [initial, setInitial] = useState<{ accounts: Option[]; attendees: Option[] } | null>(null);
  const open = useCallback(
    (accounts: Option[] = [], attendees: Option[] = []) => setInitial({ accounts, attendees }),
    [],
  );

  useEffect(() => {
    if (!viewer.canEdit) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'l' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [viewer.canEdit, open]);

  const api = useMemo(() => ({ open }), [open]);
  return (
    <LogInteractionContext.Provider value={api}>
      {children}
      {viewer.canEdit && (
        <Dialog open={initial !== null} title="Log interaction" onClose={() => setInitial(null)} wide>
          {initial && (
            <LogInteractionForm
              initialAccounts={initial.accounts}
              initialAttendees={initial.attendees}
              onDone={() => setInitial(null)}
            />
          )}
        </Dialog>
      )}
    </LogInteractionContext.Provider>
  );
}

export function useLogInteraction(): LogInteractionApi {
  return useContext(LogInteractionContext);
}

export function LogInteractionButton() {
  const { open } = useLogInteraction();
  return (
    <button type="button" className="button button-primary" onClick={() => open()} aria-keyshortcuts="L">
      Log interaction <kbd aria-hidden="true">L</kbd>
    </button>
  );
}
