import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { TEventLogEntry } from "@/lib/schemas/event-log";
import { formatReceivedAt, noRunsReason } from "./event-format";
import { DeliveryStatusBadge, EventRuns, EventSource, EventUser, RepeatMarker, ValidationResult } from "./event-parts";

/** Errors shown in a table row; the drawer lists them all. */
const ROW_ERROR_LIMIT = 3;

type TEventsTableProps = { projectId: string; events: TEventLogEntry[]; onOpen: (event: TEventLogEntry) => void };

export function EventsTable({ projectId, events, onOpen }: TEventsTableProps) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Event</TH>
          <TH>Source</TH>
          <TH>User</TH>
          <TH>Received</TH>
          <TH>Outcome</TH>
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
                  className="text-left font-medium break-words text-neutral-900 after:absolute after:inset-0 hover:underline"
                >
                  {event.name}
                </button>
                <RepeatMarker repeatCount={event.repeatCount} />
              </div>
            </TD>
            <TD>
              <EventSource event={event} />
            </TD>
            <TD className="max-w-48 break-all">
              <EventUser event={event} />
            </TD>
            <TD className="whitespace-nowrap">
              <time dateTime={event.receivedAt} title={event.receivedAt}>
                {formatReceivedAt(event.receivedAt)}
              </time>
            </TD>
            <TD className="max-w-72">
              {event.webhook ? (
                <DeliveryStatusBadge status={event.webhook.status} verification={event.webhook.delivery.verification} />
              ) : (
                <ValidationResult validation={event.validation} errorLimit={ROW_ERROR_LIMIT} />
              )}
            </TD>
            <TD>
              <EventRuns projectId={projectId} runs={event.runs} noRunsReason={noRunsReason(event)} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
