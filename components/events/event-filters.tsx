"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

// The Event Log's filters live in the page's query string (?name=&userId=), so a filtered view can be
// bookmarked and shared.
export type TEventFilters = { name?: string; userId?: string };

const TYPING_DEBOUNCE_MS = 400;

export function readEventFilters(params: URLSearchParams): TEventFilters {
  return { name: params.get("name") || undefined, userId: params.get("userId") || undefined };
}

export function writeEventFilters(filters: TEventFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.name) params.set("name", filters.name);
  if (filters.userId) params.set("userId", filters.userId);
  return params;
}

export function hasEventFilters(filters: TEventFilters): boolean {
  return Boolean(filters.name || filters.userId);
}

type TEventFiltersProps = {
  filters: TEventFilters;
  onChange: (filters: TEventFilters) => void;
  /** Event names to suggest: the project's names seen so far. */
  knownNames: string[];
};

export function EventFilters({ filters, onChange, knownNames }: TEventFiltersProps) {
  const id = useId();
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" role="group" aria-label="Filter events">
      <TextFilter
        id={`${id}-name`}
        label="Event name"
        placeholder="Exact name, e.g. Contact Created"
        value={filters.name ?? ""}
        suggestions={knownNames}
        maxLength={200}
        onCommit={(name) => onChange({ ...filters, name: name || undefined })}
      />
      <TextFilter
        id={`${id}-user`}
        label="User ID"
        placeholder="Your app's user id"
        value={filters.userId ?? ""}
        maxLength={255}
        onCommit={(userId) => onChange({ ...filters, userId: userId || undefined })}
      />
      {hasEventFilters(filters) && (
        <Button type="button" variant="ghost" onClick={() => onChange({})}>
          <X aria-hidden /> Clear filters
        </Button>
      )}
    </div>
  );
}

type TTextFilterProps = {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  maxLength: number;
  suggestions?: string[];
  onCommit: (value: string) => void;
};

/** Typed into freely; the URL (and the query) follow once typing pauses, or on Enter. */
function TextFilter({ id, label, placeholder, value, maxLength, suggestions, onCommit }: TTextFilterProps) {
  const [draft, setDraft] = useState(value);
  // Follow the URL when it changes from elsewhere (clear filters, the back button).
  const [previous, setPrevious] = useState(value);
  if (value !== previous) {
    setPrevious(value);
    setDraft(value);
  }
  // The latest callback, so a parent re-rendering (the log refreshes every few seconds) does not restart the wait.
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = setTimeout(() => commit.current(draft.trim()), TYPING_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value]);

  const listId = suggestions && suggestions.length > 0 ? `${id}-suggestions` : undefined;
  return (
    <div className="flex w-64 flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        value={draft}
        placeholder={placeholder}
        list={listId}
        autoComplete="off"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => event.key === "Enter" && onCommit(draft.trim())}
        maxLength={maxLength}
      />
      {listId && (
        <datalist id={listId}>
          {suggestions?.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
    </div>
  );
}
