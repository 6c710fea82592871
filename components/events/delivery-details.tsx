"use client";

import Link from "next/link";
import { type ReactNode, useId } from "react";
import { JsonView } from "@/components/runs/json-view";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import type { TEventLogEntry } from "@/lib/schemas/event-log";
import type { TDeliveryRecord, TDeliveryStatus } from "@/lib/schemas/webhook-endpoint";
import { noRunsReason, parseBody, rejectionReasonLabel, ROUTING_VIA_LABELS, sameJson, sortedHeaders } from "./event-format";
import { EventRuns } from "./event-parts";

type TDeliveryDetailsProps = {
  projectId: string;
  event: TEventLogEntry;
  webhook: { status: TDeliveryStatus; delivery: TDeliveryRecord };
  /** The Event Log's address with another event open in the drawer. */
  eventHref: (eventId: string) => string;
};

/** A webhook delivery in the drawer: how it was checked, deduplicated and routed, and exactly what arrived. */
export function DeliveryDetails({ projectId, event, webhook, eventHref }: TDeliveryDetailsProps) {
  const { delivery, status } = webhook;
  const { verification, routing } = delivery;
  const body = parseBody(delivery.body);
  const headers = sortedHeaders(delivery.headers);
  return (
    <>
      <Section title="Verification">
        <Facts>
          <dt className="text-neutral-500">Result</dt>
          <dd>
            {verification.ok ? (
              <Badge variant="success">Verified</Badge>
            ) : (
              <Badge variant="danger">Failed: {rejectionReasonLabel(verification.reason)}</Badge>
            )}
          </dd>
          {!verification.ok && verification.message && (
            <>
              <dt className="text-neutral-500">Why</dt>
              <dd className="break-words text-neutral-800">{verification.message}</dd>
            </>
          )}
          <dt className="text-neutral-500">Scheme</dt>
          <dd className="font-mono text-xs break-all text-neutral-800">{verification.scheme ?? "—"}</dd>
        </Facts>
      </Section>

      <Section title="Dedupe">
        <Facts>
          <dt className="text-neutral-500">Delivery ID</dt>
          <dd className="flex min-w-0 items-center gap-2">
            {delivery.deliveryId ? (
              <>
                <code className="min-w-0 font-mono text-xs break-all text-neutral-800">{delivery.deliveryId}</code>
                <CopyButton value={delivery.deliveryId} iconOnly label="Copy delivery ID" />
              </>
            ) : (
              <span className="text-neutral-500">None: the delivery named no id, so a repeat of it is not recognised</span>
            )}
          </dd>
          <dt className="text-neutral-500">Duplicate</dt>
          <dd className="text-neutral-800">
            {delivery.duplicateOf ? (
              <>
                Duplicate of{" "}
                <Link href={eventHref(delivery.duplicateOf)} replace scroll={false} className="font-medium text-accent-700 hover:underline">
                  event <span className="font-mono text-xs">{delivery.duplicateOf.slice(0, 8)}…</span>
                </Link>
                ; its runs were not started again
              </>
            ) : (
              "No"
            )}
          </dd>
        </Facts>
      </Section>

      <Section title="Routing">
        <Facts>
          <dt className="text-neutral-500">Via</dt>
          <dd className="text-neutral-800">{ROUTING_VIA_LABELS[routing.via]}</dd>
          <dt className="text-neutral-500">Provider ID</dt>
          <dd className="font-mono text-xs break-all text-neutral-800">{routing.providerId ?? "—"}</dd>
          <dt className="text-neutral-500">User</dt>
          <dd className="break-all text-neutral-800">
            {event.userId ?? <span className={status === "unrouted" ? "text-warning-700" : "text-neutral-500"}>Unrouted</span>}
          </dd>
        </Facts>
      </Section>

      <Section title="Runs started">
        <EventRuns projectId={projectId} runs={event.runs} noRunsReason={noRunsReason(event)} />
        {event.runs.length === 0 && <p className="mt-1 text-xs text-neutral-500">{noRunsReason(event)}.</p>}
      </Section>

      <Section title={`Headers (${headers.length})`}>
        {headers.length === 0 ? (
          <p className="text-sm text-neutral-500">No headers</p>
        ) : (
          <div className="overflow-x-auto rounded-md border border-neutral-200">
            <table className="w-full border-collapse text-left font-mono text-xs">
              <thead className="border-b border-neutral-200 bg-neutral-50 font-sans text-neutral-500">
                <tr>
                  <th scope="col" className="px-3 py-1.5 font-medium">Name</th>
                  <th scope="col" className="px-3 py-1.5 font-medium">Value</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {headers.map(([name, value]) => (
                  <tr key={name}>
                    <th scope="row" className="px-3 py-1.5 align-top font-normal whitespace-nowrap text-neutral-600">{name}</th>
                    <td className="px-3 py-1.5 break-all text-neutral-800">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section
        title="Body"
        action={<CopyButton value={delivery.body} label="Copy raw body" disabled={body.kind === "empty"} />}
      >
        {body.kind === "empty" ? (
          <p className="text-sm text-neutral-500">Empty body</p>
        ) : body.kind === "json" ? (
          <JsonView value={body.value} label="body" />
        ) : (
          // Exactly as received: form fields, XML or text, scrolling both ways rather than cut short.
          <pre
            tabIndex={0}
            aria-label="Body"
            className="max-h-[32rem] overflow-auto rounded-md border border-neutral-200 bg-neutral-50 p-3 font-mono text-xs leading-5 text-neutral-800"
          >
            {body.text}
          </pre>
        )}
      </Section>

      <Section title="Payload">
        <p className="mb-2 text-xs text-neutral-500">What the trigger of a webhook-triggered workflow receives.</p>
        {body.kind === "json" && sameJson(body.value, event.payload) ? (
          <p className="text-sm text-neutral-600">The body above, parsed.</p>
        ) : (
          <JsonView value={event.payload} label="payload" />
        )}
      </Section>
    </>
  );
}

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="mt-6">
      <div className="flex min-h-8 items-center justify-between gap-2">
        <h3 id={id} className="text-sm font-semibold text-neutral-900">
          {title}
        </h3>
        {action}
      </div>
      <div className="mt-2">{children}</div>
    </section>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-[max-content_1fr] items-center gap-x-6 gap-y-2 text-sm">{children}</dl>;
}
