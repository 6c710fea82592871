// The Event Log's filters live in the page's query string, so a filtered view can be bookmarked and shared. They
// carry the API's own parameter names, so the query string of the filters is the query of GET /events.
// ?event= names the event open in the detail drawer; it is not a filter.
import { ZUuid } from "@/lib/schemas/common";
import { ZListEventsQuery } from "@/lib/schemas/event-log";
import { DELIVERY_STATUSES, type TDeliveryStatus } from "@/lib/schemas/webhook-endpoint";
import { WEBHOOK_INTEGRATIONS, type TWebhookIntegration } from "@/lib/schemas/webhook-presets";

export const EVENT_SOURCES = ZListEventsQuery.shape.source.unwrap().options;
export type TEventSource = (typeof EVENT_SOURCES)[number];
export type TStartedRunsFilter = "true" | "false";

export type TEventFilters = {
  name?: string;
  userId?: string;
  source?: TEventSource;
  integration?: TWebhookIntegration;
  deliveryStatus?: TDeliveryStatus;
  startedRuns?: TStartedRunsFilter;
  /** Only App Events whose payload did not match their schema. */
  schemaMismatch?: "true";
  /** Only settable through a link (no control picks an endpoint); shown so the view is never silently narrowed. */
  endpointId?: string;
};

export const OPEN_EVENT_PARAM = "event";

const isIn = <T extends string>(list: readonly T[], value: string | null): value is T => value !== null && (list as readonly string[]).includes(value);
const pick = <T extends string>(list: readonly T[], value: string | null): T | undefined => (isIn(list, value) ? value : undefined);

/** App Events have no integration, delivery status or endpoint, so those filters would only ever empty the list. */
export function isAppEventSource(source: TEventSource | undefined): boolean {
  return source === "sdk" || source === "api";
}

/** Whether the filters keep only webhook deliveries, so an empty list can say where deliveries come from. */
export function isWebhookScoped(filters: TEventFilters): boolean {
  return filters.source === "webhook" || Boolean(filters.integration || filters.deliveryStatus || filters.endpointId);
}

// Webhook deliveries are never checked against a schema, so the mismatch filter gives way to a webhook filter.
function withoutContradictions(filters: TEventFilters): TEventFilters {
  if (isAppEventSource(filters.source)) return { ...filters, integration: undefined, deliveryStatus: undefined, endpointId: undefined };
  if (isWebhookScoped(filters)) return { ...filters, schemaMismatch: undefined };
  return filters;
}

export function readEventFilters(params: URLSearchParams): TEventFilters {
  const endpointId = params.get("endpointId");
  return withoutContradictions({
    name: params.get("name") || undefined,
    userId: params.get("userId") || undefined,
    source: pick(EVENT_SOURCES, params.get("source")),
    integration: pick(WEBHOOK_INTEGRATIONS, params.get("integration")),
    deliveryStatus: pick(DELIVERY_STATUSES, params.get("deliveryStatus")),
    startedRuns: pick(["true", "false"] as const, params.get("startedRuns")),
    schemaMismatch: pick(["true"] as const, params.get("schemaMismatch")),
    endpointId: endpointId && ZUuid.safeParse(endpointId).success ? endpointId : undefined,
  });
}

export function writeEventFilters(filters: TEventFilters): URLSearchParams {
  const consistent = withoutContradictions(filters);
  const params = new URLSearchParams();
  for (const key of ["name", "userId", "source", "integration", "deliveryStatus", "startedRuns", "schemaMismatch", "endpointId"] as const) {
    const value = consistent[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function hasEventFilters(filters: TEventFilters): boolean {
  return writeEventFilters(filters).size > 0;
}

/** The id of the event open in the drawer, or null when none (or the value is not an event id). */
export function readOpenEventId(params: URLSearchParams): string | null {
  const id = params.get(OPEN_EVENT_PARAM);
  return id && ZUuid.safeParse(id).success ? id : null;
}

/** The Event Log's address with these filters and this event open. */
export function eventLogHref(options: { pathname: string; filters: TEventFilters; openEventId: string | null }): string {
  const params = writeEventFilters(options.filters);
  if (options.openEventId) params.set(OPEN_EVENT_PARAM, options.openEventId);
  const query = params.toString();
  return query ? `${options.pathname}?${query}` : options.pathname;
}
