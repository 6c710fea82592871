"use client";

import { X } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import { CopyButton } from "@/components/ui/copy-button";
import type { TEventLogEntry } from "@/lib/schemas/event-log";
import { EventRuns, formatReceivedAt, RepeatMarker, SOURCE_LABELS, ValidationResult } from "./events-table";

type TEventDetailDrawerProps = {
  projectId: string;
  /** The event to show; null closes the drawer. */
  event: TEventLogEntry | null;
  onClose: () => void;
};

/** A panel at the side of the page with everything about one event, its payload whole and pretty-printed. */
export function EventDetailDrawer({ projectId, event, onClose }: TEventDetailDrawerProps) {
  return (
    <DialogPrimitive.Root open={event !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-neutral-950/40 data-[state=open]:animate-fade-in" />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-2xl flex-col border-l border-neutral-200 bg-white shadow-lg data-[state=open]:animate-fade-in"
        >
          {event && (
            <>
              <div className="flex items-start justify-between gap-4 border-b border-neutral-200 px-6 py-4">
                <div className="flex min-w-0 flex-col gap-1.5">
                  <DialogPrimitive.Title className="text-base font-semibold break-words text-neutral-900">{event.name}</DialogPrimitive.Title>
                  <RepeatMarker repeatCount={event.repeatCount} />
                </div>
                <DialogPrimitive.Close
                  aria-label="Close"
                  className="rounded-md p-1 text-neutral-500 transition-colors hover:bg-neutral-100 hover:text-neutral-900"
                >
                  <X aria-hidden="true" className="size-4" />
                </DialogPrimitive.Close>
              </div>
              <div className="flex-1 overflow-y-auto px-6 py-5">
                <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-3 text-sm">
                  <dt className="text-neutral-500">Event ID</dt>
                  <dd className="font-mono text-xs break-all text-neutral-800">{event.id}</dd>
                  <dt className="text-neutral-500">User</dt>
                  <dd className="break-all text-neutral-800">{event.userId ?? "—"}</dd>
                  <dt className="text-neutral-500">Received</dt>
                  <dd className="text-neutral-800">
                    <time dateTime={event.receivedAt}>{formatReceivedAt(event.receivedAt)}</time>
                  </dd>
                  <dt className="text-neutral-500">Sent through</dt>
                  <dd className="text-neutral-800">{SOURCE_LABELS[event.source] ?? event.source}</dd>
                  <dt className="text-neutral-500">Validation</dt>
                  <dd>
                    <ValidationResult validation={event.validation} />
                  </dd>
                  <dt className="text-neutral-500">Runs started</dt>
                  <dd>
                    <EventRuns projectId={projectId} runs={event.runs} />
                  </dd>
                </dl>
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
              </div>
            </>
          )}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
