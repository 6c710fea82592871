"use client";

import { X } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/error-state";
import { ListSkeleton } from "@/components/ui/skeleton";
import type { TEventLogEntry } from "@/lib/schemas/event-log";
import { DeliveryDetails } from "./delivery-details";
import { formatReceivedAt, noRunsReason, SOURCE_LABELS } from "./event-format";
import { DeliveryStatusBadge, EventRuns, IntegrationName, RepeatMarker, ValidationResult } from "./event-parts";

type TEventDetailDrawerProps = {
  projectId: string;
  open: boolean;
  /** The open event; null while it loads or when it could not be loaded. */
  event: TEventLogEntry | null;
  /** Why the open event could not be loaded. */
  error: string | null;
  onRetry: () => void;
  onClose: () => void;
  eventHref: (eventId: string) => string;
};

/** A panel at the side of the page with everything about one event, its payload whole and pretty-printed. */
export function EventDetailDrawer({ projectId, open, event, error, onRetry, onClose, eventHref }: TEventDetailDrawerProps) {
  return (
    <DialogPrimitive.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-neutral-950/40 data-[state=open]:animate-fade-in" />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-2xl flex-col border-l border-neutral-200 bg-white shadow-lg data-[state=open]:animate-fade-in"
        >
          <div className="flex items-start justify-between gap-4 border-b border-neutral-200 px-6 py-4">
            <div className="flex min-w-0 flex-col gap-1.5">
              <DialogPrimitive.Title className="text-base font-semibold break-words text-neutral-900">
                {event?.name ?? (error ? "Event not available" : "Loading event…")}
              </DialogPrimitive.Title>
              {event?.webhook && (
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <IntegrationName integration={event.webhook.delivery.integration} />
                  <DeliveryStatusBadge status={event.webhook.status} verification={event.webhook.delivery.verification} />
                </div>
              )}
              {event && <RepeatMarker repeatCount={event.repeatCount} />}
            </div>
            <DialogPrimitive.Close
              aria-label="Close"
              className="rounded-md p-1 text-neutral-500 transition-colors hover:bg-neutral-100 hover:text-neutral-900"
            >
              <X aria-hidden="true" className="size-4" />
            </DialogPrimitive.Close>
          </div>
          <div className="flex-1 overflow-y-auto px-6 py-5">
            {event ? (
              <EventDetails projectId={projectId} event={event} eventHref={eventHref} />
            ) : error ? (
              <ErrorState title="Could not load this event" message={error} onRetry={onRetry} />
            ) : (
              <ListSkeleton label="Loading event…" rows={5} rowClassName="h-6" />
            )}
          </div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

function EventDetails({ projectId, event, eventHref }: { projectId: string; event: TEventLogEntry; eventHref: (eventId: string) => string }) {
  const { webhook } = event;
  return (
    <>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-3 text-sm">
        <dt className="text-neutral-500">Event ID</dt>
        <dd className="font-mono text-xs break-all text-neutral-800">{event.id}</dd>
        {!webhook && (
          <>
            <dt className="text-neutral-500">User</dt>
            <dd className="break-all text-neutral-800">{event.userId ?? "—"}</dd>
          </>
        )}
        <dt className="text-neutral-500">Received</dt>
        <dd className="text-neutral-800">
          <time dateTime={event.receivedAt}>{formatReceivedAt(event.receivedAt)}</time>
        </dd>
        <dt className="text-neutral-500">Sent through</dt>
        <dd className="text-neutral-800">{SOURCE_LABELS[event.source] ?? event.source}</dd>
        {webhook ? (
          <>
            <dt className="text-neutral-500">Request</dt>
            <dd className="font-mono text-xs break-all text-neutral-800">
              {webhook.delivery.method} {webhook.delivery.path}
            </dd>
            <dt className="text-neutral-500">Endpoint ID</dt>
            <dd className="font-mono text-xs break-all text-neutral-800">{webhook.delivery.endpointId}</dd>
          </>
        ) : (
          <>
            <dt className="text-neutral-500">Validation</dt>
            <dd>
              <ValidationResult validation={event.validation} />
            </dd>
            <dt className="text-neutral-500">Runs started</dt>
            <dd>
              <EventRuns projectId={projectId} runs={event.runs} noRunsReason={noRunsReason(event)} />
            </dd>
          </>
        )}
      </dl>
      {webhook ? (
        <DeliveryDetails projectId={projectId} event={event} webhook={webhook} eventHref={eventHref} />
      ) : (
        <>
          <div className="mt-6 flex items-center justify-between gap-2">
            <h3 className="text-sm font-semibold text-neutral-900">Payload</h3>
            <CopyButton value={JSON.stringify(event.payload, null, 2)} label="Copy payload" />
          </div>
          {/* The whole payload: it scrolls both ways inside the panel and is never cut short. */}
          <pre
            tabIndex={0}
            aria-label="Payload"
            className="mt-2 max-h-[60vh] overflow-auto rounded-md border border-neutral-200 bg-neutral-50 p-3 font-mono text-xs leading-5 text-neutral-800"
          >
            {JSON.stringify(event.payload, null, 2)}
          </pre>
        </>
      )}
    </>
  );
}
