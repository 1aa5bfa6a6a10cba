import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

export interface Option {
  id: string;
  label: string;
  detail?: string;
  /** Shown before the label, e.g. "Contact" or "Member". */
  group?: string;
  /** The account a person works at, when the option is a contact. */
  accountId?: string | null;
}

interface AutocompleteProps {
  label: string;
  load(text: string): Promise<Option[]>;
  selected: Option[];
  onChange(selected: Option[]): void;
  /** One choice only: picking replaces it. */
  single?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  /** Offers to create what was typed when nothing fits: the option's text, and what creating does. */
  create?: { label(text: string): string; onCreate(text: string): Promise<Option | null> };
}

/** A combobox that searches as you type, with chosen items as removable chips. */
export function Autocomplete({
  label,
  load,
  selected,
  onChange,
  single,
  placeholder,
  autoFocus,
  create,
}: AutocompleteProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Option[]>([]);
  const [active, setActive] = useState(0);
  const [failed, setFailed] = useState(false);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const request = useRef(0);

  useEffect(() => {
    if (!open) return;
    const ticket = ++request.current;
    const timer = setTimeout(() => {
      load(text.trim())
        .then((found) => {
          if (ticket !== request.current) return;
          setFailed(false);
          const fresh = found.filter((option) => !selected.some((chosen) => chosen.id === option.id));
          setOptions(fresh);
          setLoadedFor(text.trim());
          // An exact name wins over the search's order, so typing a full name then Enter picks it.
          const exact = fresh.findIndex((option) => option.label.toLowerCase() === text.trim().toLowerCase());
          setActive(Math.max(exact, 0));
        })
        .catch(() => ticket === request.current && setFailed(true));
    }, 150);
    return () => clearTimeout(timer);
  }, [text, open, load, selected]);

  // Offered once the matches for this very text are in, so Enter never creates what a match was.
  const creation: Option | null =
    create && text.trim().length > 1 && loadedFor === text.trim() ? { id: '__create', label: create.label(text.trim()) } : null;
  const choices = creation ? [...options, creation] : options;

  async function choose(option: Option) {
    let chosen: Option | null = option;
    if (option === creation) {
      chosen = await create!.onCreate(text.trim()).catch(() => null);
      if (!chosen) return setFailed(true);
    }
    onChange(single ? [chosen] : [...selected, chosen]);
    setText('');
    setOpen(!single);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, choices.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter' && open && choices[active]) {
      event.preventDefault();
      void choose(choices[active]);
    } else if (event.key === 'Tab') {
      setOpen(false);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    } else if (event.key === 'Backspace' && !text && selected.length) {
      onChange(selected.slice(0, -1));
    }
  }

  const showList = open && (choices.length > 0 || failed || text.length > 0);
  return (
    <div className="autocomplete">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="autocomplete-box">
        {selected.map((option) => (
          <span key={option.id} className="chip">
            {option.group && <span className="chip-group">{option.group}</span>}
            {option.label}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${option.label}`}
              onClick={() => onChange(selected.filter((chosen) => chosen.id !== option.id))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && choices[active] ? `${listId}-${active}` : undefined}
          autoComplete="off"
          autoFocus={autoFocus}
          data-autofocus={autoFocus || undefined}
          value={text}
          placeholder={selected.length && single ? '' : placeholder}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
      </div>
      <ul id={listId} role="listbox" aria-label={label} className="autocomplete-list" hidden={!showList}>
        {failed && (
          <li className="autocomplete-note">That did not work: check the connection and try again.</li>
        )}
        {!failed && choices.length === 0 && (
          <li className="autocomplete-note">No match: try another spelling.</li>
        )}
        {choices.map((option, index) => (
          <li
            key={option.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'autocomplete-option active' : 'autocomplete-option'}
            onMouseDown={(event) => {
              event.preventDefault();
              void choose(option);
            }}
          >
            {option.group && <span className="chip-group">{option.group}</span>}
            <span>{option.label}</span>
            {option.detail && <span className="autocomplete-detail">{option.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
