"use client";

import { X } from "lucide-react";
import { type ComponentProps, useEffect, useRef, useState } from "react";
import { cn } from "./cn";
import { Field } from "./field";
import { Input } from "./input";

const TYPING_DEBOUNCE_MS = 400;

type TTextFilterProps = {
  id: string;
  type?: "text" | "search";
  label: string;
  placeholder: string;
  clearLabel: string;
  className: string;
  value: string;
  maxLength?: number;
  /** Offered as the browser's autocomplete list (a datalist). */
  suggestions?: readonly string[];
  onCommit: (value: string) => void;
};

/**
 * Typed into freely; the URL (and the query) follow once typing pauses, or at once on Enter. Escape or the
 * clear button empties it, and focus stays in the box.
 */
export function TextFilter({ id, type = "text", label, placeholder, clearLabel, className, value, maxLength = 255, suggestions, onCommit }: TTextFilterProps) {
  const input = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(value);
  // Follow the URL when it changes from elsewhere (clear filters, the back button).
  const [previous, setPrevious] = useState(value);
  if (value !== previous) {
    setPrevious(value);
    setDraft(value);
  }
  // The latest callback, so a parent re-rendering (the list refreshes while runs are live) does not restart the wait.
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = setTimeout(() => commit.current(draft.trim()), TYPING_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value]);

  const clear = () => {
    setDraft("");
    if (value) onCommit("");
    input.current?.focus();
  };
  const listId = suggestions && suggestions.length > 0 ? `${id}-suggestions` : undefined;
  return (
    <>
      <Field id={id} label={label} className={className}>
        <ClearableInput
          ref={input}
          type={type}
          value={draft}
          placeholder={placeholder}
          clearLabel={clearLabel}
          onClear={clear}
          list={listId}
          maxLength={maxLength}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") onCommit(draft.trim());
            // The browser's own Escape-to-clear of a search box is not reliable across browsers: do it here.
            if (event.key === "Escape" && draft) {
              event.preventDefault();
              clear();
            }
          }}
        />
      </Field>
      {listId && (
        <datalist id={listId}>
          {suggestions?.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
    </>
  );
}

type TClearableInputProps = ComponentProps<"input"> & { value: string; clearLabel: string; onClear: () => void };

/** An Input with a clear button inside its right edge while it holds text; Field's id and aria wiring reach the input. */
function ClearableInput({ value, clearLabel, onClear, className, ...props }: TClearableInputProps) {
  return (
    <div className="relative">
      <Input
        {...props}
        value={value}
        autoComplete="off"
        spellCheck={false}
        // The clear button below replaces the browser's own for a search box.
        className={cn("pr-8 [&::-webkit-search-cancel-button]:appearance-none", className)}
      />
      {value && (
        <button
          type="button"
          aria-label={clearLabel}
          onClick={onClear}
          className="absolute top-1/2 right-1.5 -translate-y-1/2 rounded-sm p-1 text-neutral-500 hover:bg-neutral-100 hover:text-neutral-900"
        >
          <X aria-hidden className="size-3.5" />
        </button>
      )}
    </div>
  );
}
