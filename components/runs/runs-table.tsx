import Link from "next/link";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { TRunSummary } from "@/lib/schemas/run";
import {
  formatExactTime,
  formatLateness,
  formatScheduledAt,
  formatTime,
  runDurationLabel,
  TRIGGER_LABELS,
  triggerRefLabel,
  versionLabel,
} from "./run-format";
import { RunStatusBadge } from "./run-status-badge";

export function RunsTable({ projectId, runs }: { projectId: string; runs: TRunSummary[] }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Status</TH>
          <TH>Workflow</TH>
          <TH>User</TH>
          <TH>Trigger</TH>
          <TH>Started</TH>
          <TH>Duration</TH>
        </TR>
      </THead>
      <TBody>
        {runs.map((run) => {
          const how = triggerRefLabel(run.triggerRef);
          return (
            // The workflow link stretches over the whole row, so any cell opens the run.
            <TR key={run.id} className="relative" data-testid={`run-${run.id}`}>
              <TD>
                <RunStatusBadge status={run.status} waitingForSlot={run.waitingForSlot} retrying={run.retrying} />
              </TD>
              <TD>
                <Link
                  href={`/${projectId}/runs/${run.id}`}
                  className="font-medium text-neutral-900 after:absolute after:inset-0 hover:underline"
                >
                  {run.workflow.name}
                </Link>
                <span className="ml-2 text-xs text-neutral-500">{versionLabel(run.workflowVersion)}</span>
              </TD>
              <TD className="max-w-48 break-all">{run.userId ?? <span className="text-neutral-400">—</span>}</TD>
              <TD className="whitespace-nowrap">
                {TRIGGER_LABELS[run.triggerType]}
                {how && <span className="ml-1.5 text-xs text-neutral-500">({how})</span>}
                {run.scheduledAt && <ScheduledLine run={run} />}
              </TD>
              <TD className="whitespace-nowrap">
                <time dateTime={run.startedAt ?? run.createdAt}>{formatTime(run.startedAt ?? run.createdAt)}</time>
              </TD>
              <TD className="whitespace-nowrap tabular-nums">{runDurationLabel(run)}</TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}

/** A schedule run's tick and how late after it the run started. */
function ScheduledLine({ run }: { run: TRunSummary }) {
  return (
    <p className="text-xs text-neutral-500">
      for{" "}
      <time dateTime={run.scheduledAt ?? undefined} title={`Scheduled for ${formatExactTime(run.scheduledAt)}`}>
        {formatScheduledAt(run)}
      </time>
      {run.latenessMs !== null && (
        <span className="tabular-nums" title={`Started ${formatExactTime(run.startedAt)}`}>
          {" "}
          · {formatLateness(run.latenessMs)}
        </span>
      )}
    </p>
  );
}
