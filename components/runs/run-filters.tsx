"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronDown, X } from "lucide-react";
import { DropdownMenu as MenuPrimitive } from "radix-ui";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DropdownMenu, DropdownMenuContent, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Field } from "@/components/ui/field";
import { controlClasses, Input } from "@/components/ui/input";
import { TextFilter } from "@/components/ui/text-filter";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { RUN_STATUSES, TRIGGER_TYPES, type TRunStatus, type TRunTriggerType } from "@/lib/schemas/run";
import { ZWorkflowList } from "@/lib/schemas/workflow-api";
import { hasRunFilters, type TRangePreset, type TRunFilters } from "./run-filter-params";
import { TRIGGER_LABELS } from "./run-format";
import { RUN_STATUS_LABELS } from "./run-status-badge";

// Every filter is one labelled control of the same height, border and type: native selects, text boxes, and
// the status menu's trigger drawn as a select, since it picks several statuses at once.
const selectClasses = cn(controlClasses, "h-9 py-1.5");

const RANGE_LABELS: Record<TRangePreset, string> = { "1h": "Last hour", "24h": "Last 24 hours", "7d": "Last 7 days", custom: "Custom range" };

/** datetime-local inputs speak local time without a zone; the URL keeps ISO times. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
function fromLocalInput(value: string): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}

type TRunFiltersProps = {
  projectId: string;
  filters: TRunFilters;
  /** Applied to the filters in the URL at the time, so quick successive changes all stick. */
  onChange: (patch: Partial<TRunFilters>) => void;
  onClear: () => void;
};

export function RunFilters({ projectId, filters, onChange, onClear }: TRunFiltersProps) {
  const id = useId();
  const workflows = useQuery({
    queryKey: ["projects", projectId, "workflows"],
    queryFn: () => apiFetch(`/projects/${projectId}/workflows`, ZWorkflowList),
  });

  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" role="group" aria-label="Filter runs">
      <TextFilter
        id={`${id}-search`}
        type="search"
        label="Search"
        placeholder="Run ID, event ID or user ID"
        clearLabel="Clear the search"
        className="w-80"
        value={filters.q ?? ""}
        onCommit={(q) => onChange({ q: q || undefined })}
      />

      <Field id={`${id}-workflow`} label="Workflow" className="w-52">
        <select className={selectClasses} value={filters.workflowId ?? ""} onChange={(event) => onChange({ workflowId: event.target.value || undefined })}>
          <option value="">{workflows.isPending ? "Loading workflows…" : workflows.isError ? "All (could not load the list)" : "All workflows"}</option>
          {workflows.data?.workflows.map((workflow) => (
            <option key={workflow.id} value={workflow.id}>
              {workflow.name}
            </option>
          ))}
          {/* A workflow named in the URL but not (or not yet) in the list keeps its place in the select. */}
          {filters.workflowId && !workflows.data?.workflows.some((workflow) => workflow.id === filters.workflowId) && (
            <option value={filters.workflowId}>Workflow {filters.workflowId.slice(0, 8)}…</option>
          )}
        </select>
      </Field>

      <TextFilter
        id={`${id}-user`}
        label="User ID"
        placeholder="Your app's user id"
        clearLabel="Clear the user ID"
        className="w-52"
        value={filters.userId ?? ""}
        onCommit={(userId) => onChange({ userId: userId || undefined })}
      />

      <Field id={`${id}-status`} label="Status" className="w-48">
        <StatusFilter value={filters.statuses} onChange={(statuses) => onChange({ statuses })} />
      </Field>

      <Field id={`${id}-trigger`} label="Trigger" className="w-40">
        <select
          className={selectClasses}
          value={filters.triggerType ?? ""}
          onChange={(event) => onChange({ triggerType: (event.target.value || undefined) as TRunTriggerType | undefined })}
        >
          <option value="">Any trigger</option>
          {TRIGGER_TYPES.map((type) => (
            <option key={type} value={type}>
              {TRIGGER_LABELS[type]}
            </option>
          ))}
        </select>
      </Field>

      <Field id={`${id}-range`} label="Time" className="w-40">
        <select
          className={selectClasses}
          value={filters.range ?? ""}
          onChange={(event) => onChange({ range: (event.target.value || undefined) as TRangePreset | undefined, from: undefined, to: undefined })}
        >
          <option value="">Any time</option>
          {(Object.keys(RANGE_LABELS) as TRangePreset[]).map((range) => (
            <option key={range} value={range}>
              {RANGE_LABELS[range]}
            </option>
          ))}
        </select>
      </Field>

      {filters.range === "custom" && (
        <>
          <Field id={`${id}-from`} label="From" className="w-52">
            <Input type="datetime-local" value={toLocalInput(filters.from)} onChange={(event) => onChange({ from: fromLocalInput(event.target.value) })} />
          </Field>
          <Field id={`${id}-to`} label="To" className="w-52">
            <Input type="datetime-local" value={toLocalInput(filters.to)} onChange={(event) => onChange({ to: fromLocalInput(event.target.value) })} />
          </Field>
        </>
      )}

      {hasRunFilters(filters) && (
        <Button type="button" variant="ghost" onClick={onClear}>
          <X aria-hidden /> Clear filters
        </Button>
      )}
    </div>
  );
}

function StatusFilter({ id, value, onChange }: { id?: string; value: TRunStatus[]; onChange: (statuses: TRunStatus[]) => void }) {
  const label = value.length === 0 ? "Any status" : value.map((status) => RUN_STATUS_LABELS[status]).join(", ");
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <button
          type="button"
          id={id}
          // controlClasses sets display: block, so the row inside is its own flex box (cn does not merge classes).
          className={cn(selectClasses, "text-left")}
          aria-label={`Status: ${label}`}
        >
          <span className="flex items-center justify-between gap-2">
            <span className="truncate">{label}</span>
            <ChevronDown aria-hidden className="size-4 shrink-0 text-neutral-500" />
          </span>
        </button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-48">
        {RUN_STATUSES.map((status) => (
          <MenuPrimitive.CheckboxItem
            key={status}
            checked={value.includes(status)}
            // Stay open so several statuses can be picked in one go.
            onSelect={(event) => event.preventDefault()}
            onCheckedChange={(checked) =>
              onChange(checked ? RUN_STATUSES.filter((s) => s === status || value.includes(s)) : value.filter((s) => s !== status))
            }
            className="flex cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm text-neutral-800 outline-hidden select-none data-highlighted:bg-neutral-100"
          >
            <span
              aria-hidden
              className="flex size-4 items-center justify-center rounded-sm border border-neutral-300 bg-white text-[10px] leading-none text-accent-700"
            >
              <MenuPrimitive.ItemIndicator>✓</MenuPrimitive.ItemIndicator>
            </span>
            {RUN_STATUS_LABELS[status]}
          </MenuPrimitive.CheckboxItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
