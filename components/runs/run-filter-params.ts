// Task History's filters live in the page's query string, so a filtered view can be bookmarked and shared.
// These turn the query string into filters, filters back into it, and filters into the API's query.
import { RUN_STATUSES, TRIGGER_TYPES, type TRunStatus, type TRunTriggerType, ZRunListQuery } from "@/lib/schemas/run";

export const RANGE_PRESETS = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;
export type TRangePreset = keyof typeof RANGE_PRESETS | "custom";

export type TRunFilters = {
  /** Search: a run or event id, or part of a user's external id (see GET /runs?q=). */
  q?: string;
  workflowId?: string;
  userId?: string;
  statuses: TRunStatus[];
  triggerType?: TRunTriggerType;
  range?: TRangePreset;
  /** ISO times; only with range "custom". */
  from?: string;
  to?: string;
};

const isIn = <T extends string>(list: readonly T[], value: string | null): value is T => value !== null && (list as readonly string[]).includes(value);
/** The search as the API takes it (trimmed, not too long), or undefined when it would refuse it or it is blank. */
const validSearch = (value: string | null) => (value === null ? undefined : ZRunListQuery.shape.q.safeParse(value).data || undefined);
const validIso = (value: string | null) => (value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined);

export function readRunFilters(params: URLSearchParams): TRunFilters {
  const range = params.get("range");
  const triggerType = params.get("triggerType");
  const custom = range === "custom";
  return {
    q: validSearch(params.get("q")),
    workflowId: params.get("workflowId") || undefined,
    userId: params.get("userId") || undefined,
    statuses: (params.get("status") ?? "").split(",").filter((status): status is TRunStatus => isIn(RUN_STATUSES, status)),
    triggerType: isIn(TRIGGER_TYPES, triggerType) ? triggerType : undefined,
    range: range === "custom" || (range !== null && range in RANGE_PRESETS) ? (range as TRangePreset) : undefined,
    from: custom ? validIso(params.get("from")) : undefined,
    to: custom ? validIso(params.get("to")) : undefined,
  };
}

export function writeRunFilters(filters: TRunFilters): URLSearchParams {
  const params = new URLSearchParams();
  const q = validSearch(filters.q ?? null);
  if (q) params.set("q", q);
  if (filters.workflowId) params.set("workflowId", filters.workflowId);
  if (filters.userId) params.set("userId", filters.userId);
  if (filters.statuses.length > 0) params.set("status", filters.statuses.join(","));
  if (filters.triggerType) params.set("triggerType", filters.triggerType);
  if (filters.range) params.set("range", filters.range);
  if (filters.range === "custom" && filters.from) params.set("from", filters.from);
  if (filters.range === "custom" && filters.to) params.set("to", filters.to);
  return params;
}

export function hasRunFilters(filters: TRunFilters): boolean {
  return writeRunFilters(filters).size > 0;
}

/** The query string for GET /runs; a preset range counts back from `now`, so a refresh moves with time. */
export function runListQuery(filters: TRunFilters, options: { cursor: string | null; now: number }): string {
  const params = writeRunFilters(filters);
  params.delete("range");
  if (filters.range && filters.range !== "custom") params.set("from", new Date(options.now - RANGE_PRESETS[filters.range]).toISOString());
  if (options.cursor) params.set("cursor", options.cursor);
  return params.toString();
}
