import {
  Braces,
  Cloud,
  Contact,
  CreditCard,
  GitBranch,
  Hash,
  LifeBuoy,
  ListTodo,
  type LucideIcon,
  MessagesSquare,
  Phone,
  Repeat2,
  ShoppingBag,
  Signature,
  SquareKanban,
  Webhook,
  Zap,
} from "lucide-react";
import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { TValidationOutcome } from "@/lib/schemas/event";
import type { TEventLogEntry, TEventRun } from "@/lib/schemas/event-log";
import type { TDeliveryRecord, TDeliveryStatus } from "@/lib/schemas/webhook-endpoint";
import type { TWebhookIntegration } from "@/lib/schemas/webhook-presets";
import { deliveryStatusText, integrationLabel } from "./event-format";

// lucide has no brand marks, so each integration gets the generic icon of what it is about, the same everywhere.
const INTEGRATION_ICONS: Record<TWebhookIntegration, LucideIcon> = {
  github: GitBranch,
  stripe: CreditCard,
  slack: Hash,
  shopify: ShoppingBag,
  hubspot: Contact,
  linear: ListTodo,
  intercom: MessagesSquare,
  zendesk: LifeBuoy,
  jira: SquareKanban,
  twilio: Phone,
  standard_webhooks: Signature,
  salesforce: Cloud,
  custom: Braces,
};

export function IntegrationName({ integration }: { integration: string }) {
  const Icon = INTEGRATION_ICONS[integration as TWebhookIntegration] ?? Webhook;
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap text-neutral-800">
      <Icon aria-hidden className="size-3.5 shrink-0 text-neutral-500" />
      {integrationLabel(integration)}
    </span>
  );
}

/** Where an event came from: the integration of a delivery, or how an App Event was sent. */
export function EventSource({ event }: { event: TEventLogEntry }) {
  if (event.webhook) return <IntegrationName integration={event.webhook.delivery.integration} />;
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap text-neutral-800">
      <Zap aria-hidden className="size-3.5 shrink-0 text-neutral-500" />
      App Event
      <span className="text-xs text-neutral-500">{event.source === "sdk" ? "SDK" : event.source === "api" ? "API" : event.source}</span>
    </span>
  );
}

const STATUS_VARIANTS: Record<Exclude<TDeliveryStatus, "handshake">, BadgeVariant> = {
  accepted: "success",
  unrouted: "warning",
  duplicate: "neutral",
  rejected: "danger",
};

export function DeliveryStatusBadge({ status, verification }: { status: TDeliveryStatus; verification: TDeliveryRecord["verification"] }) {
  const text = deliveryStatusText(status, verification);
  if (status === "handshake") {
    // Badge has no blue variant, and the accent (indigo) already marks idempotent repeats.
    return (
      <span className="inline-flex items-center gap-1 rounded-md bg-sky-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-sky-800 ring-1 ring-sky-600/20 ring-inset">
        {text}
      </span>
    );
  }
  return (
    <Badge variant={STATUS_VARIANTS[status]} title={status === "rejected" ? (verification.message ?? undefined) : undefined}>
      {text}
    </Badge>
  );
}

export function ValidationResult({ validation, errorLimit }: { validation: TValidationOutcome | null; errorLimit?: number }) {
  if (!validation) {
    return (
      <Badge variant="neutral" title="Validation is off for this App Event">
        Validation off
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
export function EventRuns({ projectId, runs, noRunsReason }: { projectId: string; runs: TEventRun[]; noRunsReason: string }) {
  if (runs.length === 0) {
    return (
      <span className="text-neutral-500" title={noRunsReason}>
        No runs
      </span>
    );
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

/** The user an event was for; a webhook delivery no user was found for says so rather than showing a dash. */
export function EventUser({ event }: { event: TEventLogEntry }) {
  if (event.userId) return <>{event.userId}</>;
  // Refused deliveries and handshakes are never routed, so "unrouted" would say something untrue of them.
  if (event.webhook?.status === "unrouted" || event.webhook?.status === "duplicate") return <span className="text-warning-700 italic">unrouted</span>;
  return <span className="text-neutral-400">—</span>;
}
