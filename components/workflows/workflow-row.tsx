"use client";

import { CircleAlert, Clock, Copy, Ellipsis, Pause, PencilLine, SquarePen, Trash2 } from "lucide-react";
import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { TD, TR } from "@/components/ui/table";
import type { TWorkflowListItem } from "@/lib/schemas/workflow-api";
import {
  formatExactDateTime,
  formatFullDateTime,
  formatRelative,
  formatUntil,
  OVERDUE_AFTER_MS,
  STATE_BADGES,
  triggerLabel,
} from "./workflow-format";

export type TWorkflowRowActions = {
  onRename: (workflow: TWorkflowListItem) => void;
  onDuplicate: (workflow: TWorkflowListItem) => void;
  onDelete: (workflow: TWorkflowListItem) => void;
};

/** When the deployed schedule fires next: paused, due, overdue (no worker fired it) or a relative time. */
function NextTick({ schedule, draftIsSchedule, now }: { schedule: NonNullable<TWorkflowListItem["schedule"]>; draftIsSchedule: boolean; now: number }) {
  // The draft may have moved to another trigger since the deploy; the deployed schedule still fires.
  const prefix = draftIsSchedule ? "" : "Deployed schedule: ";
  if (schedule.paused) {
    return (
      <Badge variant="warning" className="mt-1" title={`${prefix}paused; it fires again when resumed`}>
        <Pause aria-hidden="true" /> {prefix}Paused
      </Badge>
    );
  }
  if (!schedule.nextTickAt) return <p className="mt-0.5 text-xs text-neutral-500">{prefix}No upcoming run</p>;
  const exact = formatExactDateTime(schedule.nextTickAt);
  if (now - Date.parse(schedule.nextTickAt) > OVERDUE_AFTER_MS) {
    return (
      <p className="mt-0.5 inline-flex items-center gap-1 text-xs text-warning-800" title={`Due ${exact}. No worker has fired it yet: check that a worker is running.`}>
        <CircleAlert aria-hidden="true" className="size-3.5" /> {prefix}Overdue, due{" "}
        <time dateTime={schedule.nextTickAt}>{formatRelative(schedule.nextTickAt, now)}</time>
      </p>
    );
  }
  return (
    <p className="mt-0.5 inline-flex items-center gap-1 text-xs text-neutral-600">
      <Clock aria-hidden="true" className="size-3.5 text-neutral-400" /> {prefix}Next run{" "}
      <time dateTime={schedule.nextTickAt} title={exact}>
        {formatUntil(schedule.nextTickAt, now)}
      </time>
    </p>
  );
}

export function WorkflowRow({ projectId, workflow, actions, now }: { projectId: string; workflow: TWorkflowListItem; actions: TWorkflowRowActions; now: number }) {
  const editorHref = `/${projectId}/workflows/${workflow.id}`;
  const trigger = triggerLabel(workflow);
  const state = STATE_BADGES[workflow.state];
  return (
    // The name link stretches over the whole row, so any cell opens the editor; the run link and the
    // actions menu sit above it.
    <TR className="relative has-[a[data-row-link]:focus-visible]:bg-accent-50/60" data-testid={`workflow-row-${workflow.id}`}>
      <TD className="max-w-80">
        <Link
          href={editorHref}
          data-row-link
          className="font-medium break-words text-neutral-900 after:absolute after:inset-0 hover:underline focus-visible:underline focus-visible:outline-hidden"
        >
          {workflow.name}
        </Link>
        {workflow.description && <p className="mt-0.5 truncate text-xs text-neutral-500">{workflow.description}</p>}
      </TD>
      <TD className="min-w-44">
        <span className="text-neutral-800">{trigger.type}</span>
        <span className="text-neutral-400"> · </span>
        {trigger.detail ? (
          <span className="text-neutral-600">{trigger.detail}</span>
        ) : (
          <span className="text-neutral-400 italic">{workflow.trigger.type === "app_event" ? "none chosen" : "—"}</span>
        )}
        {workflow.schedule && (
          <div>
            <NextTick schedule={workflow.schedule} draftIsSchedule={workflow.trigger.type === "schedule"} now={now} />
          </div>
        )}
      </TD>
      <TD className="whitespace-nowrap">
        <Badge variant={state.variant}>{state.label}</Badge>
        {workflow.deployedVersion !== null && <span className="ml-2 text-xs text-neutral-500">v{workflow.deployedVersion}</span>}
      </TD>
      <TD className="whitespace-nowrap">
        {workflow.lastRun ? (
          <Link
            href={`/${projectId}/runs/${workflow.lastRun.id}`}
            className="relative z-10 inline-flex items-center gap-2 rounded-md hover:underline"
            aria-label={`Last run: ${workflow.lastRun.status}, ${formatFullDateTime(workflow.lastRun.createdAt)}`}
          >
            <RunStatusBadge status={workflow.lastRun.status} />
            <time dateTime={workflow.lastRun.createdAt} title={formatFullDateTime(workflow.lastRun.createdAt)} className="text-xs text-neutral-600">
              {formatRelative(workflow.lastRun.createdAt)}
            </time>
          </Link>
        ) : (
          <span className="text-neutral-400">Never</span>
        )}
      </TD>
      <TD className="text-right tabular-nums">{workflow.runsLast24h.toLocaleString()}</TD>
      <TD className="w-12 text-right">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button type="button" variant="ghost" size="sm" className="relative z-10 px-2" aria-label={`Actions for ${workflow.name}`}>
              <Ellipsis aria-hidden="true" />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            <DropdownMenuItem asChild>
              <Link href={editorHref}>
                <SquarePen aria-hidden="true" /> Open in editor
              </Link>
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => actions.onRename(workflow)}>
              <PencilLine aria-hidden="true" /> Rename
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => actions.onDuplicate(workflow)}>
              <Copy aria-hidden="true" /> Duplicate
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem destructive onSelect={() => actions.onDelete(workflow)}>
              <Trash2 aria-hidden="true" /> Delete
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </TD>
    </TR>
  );
}
