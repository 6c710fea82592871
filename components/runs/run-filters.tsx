"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronDown, X } from "lucide-react";
import { DropdownMenu as MenuPrimitive } from "radix-ui";
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DropdownMenu, DropdownMenuContent, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { controlClasses, Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { RUN_STATUSES, TRIGGER_TYPES, type TRunStatus, type TRunTriggerType } from "@/lib/schemas/run";
import { ZWorkflowList } from "@/lib/schemas/workflow-api";
import { hasRunFilters, type TRangePreset, type TRunFilters } from "./run-filter-params";
import { TRIGGER_LABELS } from "./run-format";
import { RUN_STATUS_LABELS } from "./run-status-badge";

const selectClasses = cn(controlClasses, "h-9 py-1.5");
const USER_ID_DEBOUNCE_MS = 400;

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

type TRunFiltersProps = { projectId: string; filters: TRunFilters; onChange: (filters: TRunFilters) => void };

export function RunFilters({ projectId, filters, onChange }: TRunFiltersProps) {
  const id = useId();
  const set = (patch: Partial<TRunFilters>) => onChange({ ...filters, ...patch });
  const workflows = useQuery({
    queryKey: ["projects", projectId, "workflows"],
    queryFn: () => apiFetch(`/projects/${projectId}/workflows`, ZWorkflowList),
  });

  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" role="group" aria-label="Filter runs">
      <div className="flex w-52 flex-col gap-1.5">
        <Label htmlFor={`${id}-workflow`}>Workflow</Label>
        <select
          id={`${id}-workflow`}
          className={selectClasses}
          value={filters.workflowId ?? ""}
          onChange={(event) => set({ workflowId: event.target.value || undefined })}
        >
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
      </div>

      <UserIdFilter id={`${id}-user`} value={filters.userId ?? ""} onCommit={(userId) => set({ userId: userId || undefined })} />

      <div className="flex flex-col gap-1.5">
        <span className="text-sm font-medium text-neutral-800">Status</span>
        <StatusFilter value={filters.statuses} onChange={(statuses) => set({ statuses })} />
      </div>

      <div className="flex w-40 flex-col gap-1.5">
        <Label htmlFor={`${id}-trigger`}>Trigger</Label>
        <select
          id={`${id}-trigger`}
          className={selectClasses}
          value={filters.triggerType ?? ""}
          onChange={(event) => set({ triggerType: (event.target.value || undefined) as TRunTriggerType | undefined })}
        >
          <option value="">Any trigger</option>
          {TRIGGER_TYPES.map((type) => (
            <option key={type} value={type}>
              {TRIGGER_LABELS[type]}
            </option>
          ))}
        </select>
      </div>

      <div className="flex w-40 flex-col gap-1.5">
        <Label htmlFor={`${id}-range`}>Time</Label>
        <select
          id={`${id}-range`}
          className={selectClasses}
          value={filters.range ?? ""}
          onChange={(event) => set({ range: (event.target.value || undefined) as TRangePreset | undefined, from: undefined, to: undefined })}
        >
          <option value="">Any time</option>
          {(Object.keys(RANGE_LABELS) as TRangePreset[]).map((range) => (
            <option key={range} value={range}>
              {RANGE_LABELS[range]}
            </option>
          ))}
        </select>
      </div>

      {filters.range === "custom" && (
        <>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-from`}>From</Label>
            <Input
              id={`${id}-from`}
              type="datetime-local"
              className="w-52"
              value={toLocalInput(filters.from)}
              onChange={(event) => set({ from: fromLocalInput(event.target.value) })}
            />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-to`}>To</Label>
            <Input
              id={`${id}-to`}
              type="datetime-local"
              className="w-52"
              value={toLocalInput(filters.to)}
              onChange={(event) => set({ to: fromLocalInput(event.target.value) })}
            />
          </div>
        </>
      )}

      {hasRunFilters(filters) && (
        <Button type="button" variant="ghost" onClick={() => onChange({ statuses: [] })}>
          <X aria-hidden /> Clear filters
        </Button>
      )}
    </div>
  );
}

/** Typed into freely; the URL (and the query) follow once typing pauses or on Enter. */
function UserIdFilter({ id, value, onCommit }: { id: string; value: string; onCommit: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  // Follow the URL when it changes from elsewhere (clear filters, back button).
  const [previous, setPrevious] = useState(value);
  if (value !== previous) {
    setPrevious(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = setTimeout(() => onCommit(draft.trim()), USER_ID_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit]);

  return (
    <div className="flex w-52 flex-col gap-1.5">
      <Label htmlFor={id}>User ID</Label>
      <Input
        id={id}
        value={draft}
        placeholder="Your app's user id"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => event.key === "Enter" && onCommit(draft.trim())}
        maxLength={255}
      />
    </div>
  );
}

function StatusFilter({ value, onChange }: { value: TRunStatus[]; onChange: (statuses: TRunStatus[]) => void }) {
  const label = value.length === 0 ? "Any status" : value.map((status) => RUN_STATUS_LABELS[status]).join(", ");
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button type="button" variant="secondary" className="w-48 justify-between font-normal" aria-label={`Status: ${label}`}>
          <span className="truncate">{label}</span>
          <ChevronDown aria-hidden className="text-neutral-500" />
        </Button>
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
