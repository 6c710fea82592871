"use client";

// The one time-zone picker (project settings, a schedule's zone): a combobox on the ARIA pattern over the IANA
// zones the browser knows, each with its offset now. Type to search by city or offset, arrows to move, Enter
// to pick, Escape to close. What is typed only counts once it names a zone in full, so a half-typed search
// never reaches the caller. With `defaultLabel`, a first option stands for "no zone of its own" (undefined).
import { Check, ChevronsUpDown } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { cn } from "./cn";
import { controlClasses } from "./input";
import { formatZoneOffset, searchTimeZones, supportedTimeZones } from "./time-zones";

type TOption = { zone: string | undefined; label: string; offset: string };

export type TTimeZonePickerProps = {
  value: string | undefined;
  onChange: (zone: string | undefined) => void;
  /** The label of a first option meaning "no zone of its own", e.g. "Project default (Europe/Berlin)". */
  defaultLabel?: string;
  disabled?: boolean;
  // Set by Field.
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: React.AriaAttributes["aria-invalid"];
};

export function TimeZonePicker({ value, onChange, defaultLabel, disabled, ...aria }: TTimeZonePickerProps) {
  const zones = useMemo(() => {
    const known = supportedTimeZones();
    // A zone saved under a name this browser does not list (an alias) stays shown and choosable.
    return value && !known.includes(value) ? [value, ...known] : known;
  }, [value]);
  /** The search while the list is open; null while it is closed. */
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();
  const shown = value ?? defaultLabel ?? "";

  const options = useMemo(() => {
    if (query === null) return [];
    const now = Date.now();
    const wanted = query.trim().toLowerCase();
    const withDefault = defaultLabel !== undefined && (!wanted || defaultLabel.toLowerCase().includes(wanted));
    const found: TOption[] = searchTimeZones(zones, query, now).map((zone) => ({ zone, label: zone, offset: formatZoneOffset(zone, now) }));
    return withDefault ? [{ zone: undefined, label: defaultLabel, offset: "" }, ...found] : found;
  }, [query, zones, defaultLabel]);
  const activeIndex = Math.max(0, Math.min(active, options.length - 1));

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }, [activeIndex, query]);

  function open() {
    if (query !== null || disabled) return;
    setQuery("");
    // Start on the current choice, so arrows move from it.
    const index = zones.indexOf(value ?? "");
    setActive(value === undefined ? 0 : index + (defaultLabel !== undefined ? 1 : 0));
  }

  function choose(option: TOption | undefined) {
    if (option && option.zone !== value) onChange(option.zone);
    setQuery(null);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (query === null) return open();
      if (options.length > 0) setActive((activeIndex + (event.key === "ArrowDown" ? 1 : -1) + options.length) % options.length);
    } else if (event.key === "Enter" && query !== null) {
      event.preventDefault();
      choose(options[activeIndex]);
    } else if (event.key === "Escape" && query !== null) {
      // Taken here: a side panel or dialog closes on an Escape nobody took.
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
    }
  }

  function search(text: string) {
    setQuery(text);
    setActive(0);
    // A zone typed out in full counts as picked, as if chosen from the list.
    const typed = text.trim().toLowerCase();
    const exact = typed ? zones.find((zone) => zone.toLowerCase() === typed) : undefined;
    if (exact && exact !== value) onChange(exact);
  }

  const expanded = query !== null;
  return (
    <div className="relative">
      <input
        {...aria}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && options.length > 0 ? `${listId}-${activeIndex}` : undefined}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        className={cn(controlClasses, "h-9 py-1.5 pr-9")}
        placeholder={expanded ? shown || "Search by city or offset, e.g. Berlin or GMT+2" : undefined}
        value={query ?? shown}
        onChange={(event) => search(event.target.value)}
        onFocus={open}
        onClick={open}
        onKeyDown={onKeyDown}
        onBlur={() => setQuery(null)}
      />
      <ChevronsUpDown aria-hidden className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-neutral-400" />
      {expanded && (
        <ul
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label="Time zones"
          className="absolute top-full right-0 left-0 z-50 mt-1 max-h-72 overflow-y-auto rounded-md border border-neutral-200 bg-white py-1 text-sm shadow-lg"
        >
          {options.length === 0 && <li className="px-3 py-2 text-neutral-500">No time zone matches “{query}”.</li>}
          {options.map((option, index) => (
            <li
              key={option.zone ?? ""}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className={cn(
                "flex cursor-pointer items-center gap-2 py-1.5 pr-3 pl-2",
                index === activeIndex ? "bg-accent-50 text-accent-900" : "text-neutral-800",
                option.zone === value && "font-medium",
              )}
              // Keep focus in the box, so choosing does not blur (and close) it first.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(option)}
            >
              <Check aria-hidden className={cn("size-4 shrink-0 text-accent-700", option.zone !== value && "invisible")} />
              <span className="min-w-0 flex-1 truncate">
                {option.label}
                {option.zone === value && <span className="sr-only"> (current)</span>}
              </span>
              {option.offset && <span className="shrink-0 font-mono text-xs text-neutral-500 tabular-nums">{option.offset}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
