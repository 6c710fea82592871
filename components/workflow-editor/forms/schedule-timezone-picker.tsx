"use client";

// A searchable list of the IANA zones the browser knows, plus "Project default" (no zone of its own). A combobox
// on the ARIA pattern: type to search, arrows to move, Enter to pick, Escape to close. What is typed only counts
// once it names a zone in full, so a half-typed search never reaches the draft.
import { ChevronsUpDown } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";
import { offsetAt } from "@/lib/schedules/wall-clock";
import { formatUtcOffset } from "../schedule-format";
import { searchTimeZones, supportedTimeZones } from "./schedule-options";

const MAX_SHOWN = 50;

type TOption = { zone: string | undefined; label: string };

export function TimeZonePicker({ value, projectZone, onChange, ...aria }: {
  value: string | undefined;
  /** The zone "Project default" stands for, once known. */
  projectZone: string | undefined;
  onChange: (zone: string | undefined) => void;
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: React.AriaAttributes["aria-invalid"];
}) {
  const zones = useMemo(supportedTimeZones, []);
  /** The search while the list is open; null while it is closed. */
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();
  const defaultLabel = projectZone ? `Project default (${projectZone})` : "Project default";

  const { options, more } = useMemo(() => {
    if (query === null) return { options: [], more: 0 };
    const found = searchTimeZones(zones, query);
    const wanted = query.trim().toLowerCase();
    const withDefault = !wanted || "project default".startsWith(wanted);
    const options: TOption[] = [...(withDefault ? [{ zone: undefined, label: defaultLabel }] : []), ...found.slice(0, MAX_SHOWN).map((zone) => ({ zone, label: zone }))];
    return { options, more: Math.max(0, found.length - MAX_SHOWN) };
  }, [query, zones, defaultLabel]);
  const activeIndex = Math.min(active, options.length - 1);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }, [activeIndex, query]);

  function open(search: string) {
    setQuery(search);
    setActive(0);
  }

  function choose(option: TOption) {
    onChange(option.zone);
    setQuery(null);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (query === null) return open("");
      if (options.length > 0) setActive((activeIndex + (event.key === "ArrowDown" ? 1 : -1) + options.length) % options.length);
    } else if (event.key === "Enter" && query !== null && options[activeIndex]) {
      event.preventDefault();
      choose(options[activeIndex]);
    } else if (event.key === "Escape" && query !== null) {
      // Handled here: the side panel closes on an Escape nobody took.
      event.preventDefault();
      setQuery(null);
    }
  }

  function search(text: string) {
    open(text);
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
        className={cn(controlClasses, "h-9 py-1.5 pr-9")}
        placeholder={expanded ? (value ?? defaultLabel) : undefined}
        value={query ?? value ?? defaultLabel}
        onChange={(event) => search(event.target.value)}
        onClick={() => query === null && open("")}
        onKeyDown={onKeyDown}
        onBlur={() => setQuery(null)}
      />
      <ChevronsUpDown aria-hidden className="pointer-events-none absolute top-2.5 right-3 size-4 text-neutral-400" />
      {expanded && (
        <ul
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label="Time zones"
          className="absolute top-full right-0 left-0 z-50 mt-1 max-h-64 overflow-y-auto rounded-md border border-neutral-200 bg-white py-1 text-sm shadow-lg"
        >
          {options.length === 0 && <li className="px-3 py-2 text-neutral-500">No time zone matches “{query}”.</li>}
          {options.map((option, index) => (
            <li
              key={option.zone ?? ""}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className={cn("flex cursor-pointer items-baseline gap-2 px-3 py-1.5", index === activeIndex ? "bg-accent-50 text-accent-900" : "hover:bg-neutral-50")}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(option)}
            >
              <span className="min-w-0 flex-1 truncate">{option.label}</span>
              {option.zone && <span className="shrink-0 font-mono text-xs text-neutral-500">UTC{formatUtcOffset(offsetAt(Date.now(), option.zone))}</span>}
            </li>
          ))}
          {more > 0 && <li className="px-3 py-1.5 text-xs text-neutral-500">{more} more: type to narrow the list</li>}
        </ul>
      )}
    </div>
  );
}
