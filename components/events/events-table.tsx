import { Repeat2 } from "lucide-react";
import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { TValidationOutcome } from "@/lib/schemas/event";
import type { TEventLogEntry, TEventRun } from "@/lib/schemas/event-log";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

export function formatReceivedAt(iso: string): string {
  return dateTime.format(new Date(iso));
}

export const SOURCE_LABELS: Record<string, string> = { sdk: "SDK (user token)", api: "API (server to server)" };

/** Errors shown in a table row; the drawer lists them all. */
const ROW_ERROR_LIMIT = 3;

export function ValidationResult({ validation, errorLimit }: { validation: TValidationOutcome | null; errorLimit?: number }) {
  if (!validation) {
    return (
      <Badge variant="neutral" title="Validation is off for this App Event">
        None
      </Badge>
    );
  }
  if (validation.valid) return <Badge variant="success">Valid</Badge>;
  const shown = errorLimit === undefined ? validation.errors : validation.errors.slice(0, errorLimit);
  const hidden = validation.errors.length - shown.length;
  return (
    <div className="flex flex-col items-start gap-1">
      <Badge variant="warning">Schema mismatch ({validation.mode})</Badge>
      <ul className="flex flex-col gap-0.5 text-xs text-neutral-600">
        {shown.map((error, index) => (
          <li key={index} className="break-words">
            <code className="font-mono text-neutral-800">{error.path}</code> {error.message}
          </li>
        ))}
        {hidden > 0 && <li className="text-neutral-500">and {hidden} more</li>}
      </ul>
    </div>
  );
}

export function RepeatMarker({ repeatCount }: { repeatCount: number }) {
  if (repeatCount === 0) return null;
  return (
    <Badge variant="accent" title={`Answered ${repeatCount} more time(s) from this event for the same Idempotency-Key; no runs were started for the repeats`}>
      <Repeat2 aria-hidden /> idempotent repeat ×{repeatCount}
    </Badge>
  );
}

/** The runs an event started, each linking to Task History; z-10 keeps them clickable above the row's own button. */
export function EventRuns({ projectId, runs }: { projectId: string; runs: TEventRun[] }) {
  if (runs.length === 0) {
    return <span className="text-neutral-500" title="No deployed workflow listens to this event for this user">No runs</span>;
  }
  return (
    <ul className="relative z-10 flex flex-col gap-1">
      {runs.map((run) => (
        <li key={run.runId} className="flex flex-wrap items-center gap-2">
          {run.status ? (
            <>
              <Link href={`/${projectId}/runs/${run.runId}`} className="font-medium text-accent-700 hover:underline">
                {run.workflowName ?? "Deleted workflow"}
              </Link>
              <RunStatusBadge status={run.status} />
            </>
          ) : (
            <>
              <span className="text-neutral-700">{run.workflowName ?? "Deleted workflow"}</span>
              <Badge variant="neutral" title="Task History no longer keeps this run (its retention ended, or its workflow was deleted)">
                Run deleted
              </Badge>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

type TEventsTableProps = { projectId: string; events: TEventLogEntry[]; onOpen: (event: TEventLogEntry) => void };

export function EventsTable({ projectId, events, onOpen }: TEventsTableProps) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Event</TH>
          <TH>User</TH>
          <TH>Received</TH>
          <TH>Validation</TH>
          <TH>Runs started</TH>
        </TR>
      </THead>
      <TBody>
        {events.map((event) => (
          // The name's button stretches over the whole row, so any cell opens the event.
          <TR key={event.id} className="relative" data-testid={`event-${event.id}`}>
            <TD>
              <div className="flex flex-col items-start gap-1">
                <button
                  type="button"
                  onClick={() => onOpen(event)}
                  className="text-left font-medium text-neutral-900 after:absolute after:inset-0 hover:underline"
                >
                  {event.name}
                </button>
                <RepeatMarker repeatCount={event.repeatCount} />
              </div>
            </TD>
            <TD className="max-w-48 break-all">{event.userId ?? <span className="text-neutral-400">—</span>}</TD>
            <TD className="whitespace-nowrap">
              <time dateTime={event.receivedAt} title={event.receivedAt}>
                {formatReceivedAt(event.receivedAt)}
              </time>
            </TD>
            <TD className="max-w-72">
              <ValidationResult validation={event.validation} errorLimit={ROW_ERROR_LIMIT} />
            </TD>
            <TD>
              <EventRuns projectId={projectId} runs={event.runs} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
