// How Task History words and formats runs: trigger names, durations, times.
import type { TRunSummary, TRunTriggerType } from "@/lib/schemas/run";
import type { TStepType } from "@/lib/schemas/workflow";

export const TRIGGER_LABELS: Record<TRunTriggerType, string> = {
  app_event: "App Event",
  schedule: "Schedule",
  webhook: "Webhook",
  request: "Request",
};

export const STEP_TYPE_LABELS: Record<TStepType, string> = {
  request: "Request",
  function: "Function",
  conditional: "Conditional",
  switch: "Switch",
  fan_out: "Fan Out",
  delay: "Delay",
  response: "Response",
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

export function formatTime(iso: string | null): string {
  return iso ? dateTime.format(new Date(iso)) : "—";
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return `${minutes} min ${seconds} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "+12 ms", "+1.25 s", "+3 min 4 s": how long after its tick a schedule run started ("−3 ms" if before). */
export function formatLateness(ms: number): string {
  return `${ms < 0 ? "−" : "+"}${formatDuration(Math.abs(ms))}`;
}

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });
const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** A schedule run's tick: its time of day when it is the day the run started (or was created), else date and time. */
export function formatScheduledAt(run: Pick<TRunSummary, "scheduledAt" | "startedAt" | "createdAt">): string {
  if (!run.scheduledAt) return "—";
  const scheduled = new Date(run.scheduledAt);
  return sameDay(scheduled, new Date(run.startedAt ?? run.createdAt)) ? timeOnly.format(scheduled) : dateTime.format(scheduled);
}

/** Ticks are stored to the millisecond, so the exact time shows them. */
const exactTime = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  second: "2-digit",
  fractionalSecondDigits: 3,
  timeZoneName: "short",
});
export function formatExactTime(iso: string | null): string {
  return iso ? exactTime.format(new Date(iso)) : "—";
}

/** A finished run's duration, or how long an unfinished one has been going. */
export function runDurationLabel(run: Pick<TRunSummary, "durationMs" | "startedAt" | "finishedAt">, now = Date.now()): string {
  if (run.durationMs !== null) return formatDuration(run.durationMs);
  if (run.startedAt && !run.finishedAt) return `${formatDuration(now - new Date(run.startedAt).getTime())} so far`;
  return "—";
}

/** "manual", "replay:<id>", an event id…: what started a run, for people. */
export function triggerRefLabel(ref: string | null): string | null {
  if (!ref) return null;
  if (ref === "manual") return "Run now";
  if (ref.startsWith("replay:")) return "Replay";
  return null;
}

export function versionLabel(version: TRunSummary["workflowVersion"]): string {
  return version.kind === "test" ? "Draft test" : `v${version.version}`;
}
