// How the App Events tab words things: validation modes, last-received times, the JSON it edits.
import type { TJsonObject, TValidationMode } from "@/lib/schemas/app-event";

export const VALIDATION_MODE_LABELS: Record<TValidationMode, string> = { off: "Off", warn: "Warn", reject: "Reject" };

export const VALIDATION_MODE_HELP: Record<TValidationMode, string> = {
  off: "Payloads are not checked against the schema. Every event is accepted.",
  warn: "Payloads that do not match are still accepted and start workflows; the mismatch is recorded in the Event Log.",
  reject: "Payloads that do not match are refused with 422 and start nothing. Your app sees the errors.",
};

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** The text as a JSON object, or why it is not one. */
export function parseJsonObject(text: string, what: string): { value: TJsonObject; problem: null } | { value: null; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { value: null, problem: `The ${what} is not valid JSON yet.` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
    return { value: null, problem: `The ${what} must be a JSON object ({ … }), not ${kind}.` };
  }
  return { value: value as TJsonObject, problem: null };
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "3 minutes ago" within a day, a date after that. */
export function formatReceivedAt(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (seconds > -60) return relative.format(Math.min(seconds, 0), "second");
  if (seconds > -3600) return relative.format(Math.round(seconds / 60), "minute");
  if (seconds > -86_400) return relative.format(Math.round(seconds / 3600), "hour");
  return dateTime.format(new Date(iso));
}

export function formatFullDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export const appEventsQueryKey = (projectId: string) => ["projects", projectId, "app-events"] as const;
