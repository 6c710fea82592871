"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";

// Deep or very large containers start folded so the page stays fast; every value is still all there.
const OPEN_DEPTH = 2;
const OPEN_MAX_ENTRIES = 200;

/** Pretty JSON, foldable per object and array. Nothing is ever cut short: long values scroll. */
export function JsonView({ value, label, className }: { value: unknown; label: string; className?: string }) {
  return (
    <div className={cn("relative", className)}>
      <div className="max-h-[32rem] overflow-auto rounded-md border border-neutral-200 bg-neutral-50 py-2.5 pr-12 pl-3 font-mono text-xs leading-5 text-neutral-800">
        <JsonNode value={value} depth={0} path={label} />
      </div>
      <CopyButton value={JSON.stringify(value ?? null, null, 2)} iconOnly label={`Copy ${label}`} className="absolute top-1.5 right-1.5 px-2" />
    </div>
  );
}

function JsonNode({ value, depth, path }: { value: unknown; depth: number; path: string }) {
  if (value === null || value === undefined) return <span className="text-warning-700">null</span>;
  if (typeof value === "string") return <span className="break-all whitespace-pre-wrap text-success-800">{JSON.stringify(value)}</span>;
  if (typeof value === "number" || typeof value === "bigint") return <span className="text-accent-700">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-warning-700">{String(value)}</span>;
  if (typeof value === "object") return <JsonContainer value={value as object} depth={depth} path={path} />;
  return <span>{String(value)}</span>;
}

function JsonContainer({ value, depth, path }: { value: object; depth: number; path: string }) {
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  const [open, setOpen] = useState(depth < OPEN_DEPTH && entries.length <= OPEN_MAX_ENTRIES);
  const [start, end] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return <span>{start + end}</span>;
  const count = `${entries.length} ${isArray ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"}`;

  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-label={`${open ? "Fold" : "Unfold"} ${path} (${count})`}
        onClick={() => setOpen(!open)}
        className="-ml-1 inline-flex items-center rounded-sm align-top text-neutral-500 hover:bg-neutral-200 hover:text-neutral-900"
      >
        {open ? <ChevronDown aria-hidden className="size-3.5" /> : <ChevronRight aria-hidden className="size-3.5" />}
        <span className="text-neutral-700">{start}</span>
      </button>
      {open ? (
        <>
          <ul className="ml-1.5 border-l border-neutral-200 pl-4">
            {entries.map(([key, item]) => (
              <li key={key}>
                {isArray ? (
                  <span className="text-neutral-400 select-none">{key}: </span>
                ) : (
                  <span className="break-all text-accent-900">{JSON.stringify(key)}: </span>
                )}
                <JsonNode value={item} depth={depth + 1} path={`${path}${isArray ? `[${key}]` : `.${key}`}`} />
              </li>
            ))}
          </ul>
          <span className="text-neutral-700">{end}</span>
        </>
      ) : (
        <span className="text-neutral-500">
          {" "}
          {count} <span className="text-neutral-700">{end}</span>
        </span>
      )}
    </>
  );
}
