// Words and shapes the Event Log shows for events and webhook deliveries. Pure, so they are unit-tested.
import type { TEventLogEntry } from "@/lib/schemas/event-log";
import type { TDeliveryRecord, TDeliveryStatus } from "@/lib/schemas/webhook-endpoint";
import { WEBHOOK_PRESETS, type TWebhookIntegration } from "@/lib/schemas/webhook-presets";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

export function formatReceivedAt(iso: string): string {
  return dateTime.format(new Date(iso));
}

export const SOURCE_LABELS: Record<string, string> = {
  sdk: "SDK (user token)",
  api: "API (server to server)",
  webhook: "Webhook (an integration's delivery)",
};

const isKnownIntegration = (integration: string): integration is TWebhookIntegration =>
  integration === "custom" || Object.hasOwn(WEBHOOK_PRESETS, integration);

/** The preset's label; an integration this build does not know (an older or newer record) shows as stored. */
export function integrationLabel(integration: string): string {
  if (!isKnownIntegration(integration)) return integration;
  return integration === "custom" ? "Custom webhook" : WEBHOOK_PRESETS[integration].label;
}

/** The delivery statuses as the status filter offers them. */
export const DELIVERY_STATUS_OPTIONS: Record<TDeliveryStatus, string> = {
  accepted: "Accepted",
  unrouted: "Unrouted (no user)",
  duplicate: "Duplicate",
  rejected: "Rejected (verification failed)",
  handshake: "Handshake",
};

const REJECTION_REASONS: Record<string, string> = {
  missing_signature: "no signature",
  malformed_signature: "malformed signature",
  bad_signature: "bad signature",
  missing_timestamp: "no timestamp",
  stale_timestamp: "stale timestamp",
  wrong_organization: "wrong organization",
  no_secret: "no secret configured",
};

/** A verifier's reason code in words; a code this build does not know is shown with its underscores as spaces. */
export function rejectionReasonLabel(reason: string | null): string {
  if (reason === null) return "verification failed";
  return REJECTION_REASONS[reason] ?? reason.replaceAll("_", " ");
}

/** The text of a delivery's status badge. */
export function deliveryStatusText(status: TDeliveryStatus, verification: TDeliveryRecord["verification"]): string {
  if (status === "rejected") return `Rejected: ${rejectionReasonLabel(verification.reason)}`;
  return { accepted: "Accepted", unrouted: "Unrouted", duplicate: "Duplicate", handshake: "Handshake" }[status];
}

export const ROUTING_VIA_LABELS: Record<TDeliveryRecord["routing"]["via"], string> = {
  provider_id: "The provider's id for the user (an app-level endpoint)",
  user_url: "The user's own webhook URL",
  none: "Not routed",
};

/** Why an event started no runs, for the "No runs" hint. */
export function noRunsReason(event: Pick<TEventLogEntry, "webhook">): string {
  switch (event.webhook?.status) {
    case "rejected":
      return "A delivery that fails verification starts no runs";
    case "duplicate":
      return "A repeated delivery starts no runs; the first one did";
    case "unrouted":
      return "No user was found for this delivery, so there was no one to run the workflows for";
    case "handshake":
      return "A handshake only confirms the endpoint; it starts no runs";
    default:
      return "No deployed workflow listens to this event for this user";
  }
}

export type TParsedBody = { kind: "empty" } | { kind: "json"; value: unknown } | { kind: "text"; text: string };

/** A raw body, parsed when it is JSON so it can be shown pretty-printed; anything else stays exactly as received. */
export function parseBody(text: string): TParsedBody {
  if (text.trim() === "") return { kind: "empty" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "text", text };
  }
}

/** Deep equality of JSON values, ignoring key order (the stored payload comes back from jsonb with its keys reordered). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return aKeys.length === Object.keys(b).length && aKeys.every((key) => Object.hasOwn(bRecord, key) && sameJson((a as Record<string, unknown>)[key], bRecord[key]));
}

/** Headers by name, case-insensitively, so the same delivery always reads the same way. */
export function sortedHeaders(headers: Record<string, string>): [name: string, value: string][] {
  return Object.entries(headers).sort(([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase()));
}
