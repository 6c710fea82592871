// How the Workflows page words a workflow: its trigger with detail, its deploy state, its cache keys.
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { TSchedule } from "@/lib/schemas/workflow";
import { webhookSourceSummary } from "@/components/workflow-editor/node-meta";
import type { TWorkflowListItem, TWorkflowState } from "@/lib/schemas/workflow-api";

export const STATE_BADGES: Record<TWorkflowState, { label: string; variant: "neutral" | "success" | "warning" }> = {
  draft: { label: "Draft", variant: "neutral" },
  deployed: { label: "Deployed", variant: "success" },
  changed: { label: "Changes not deployed", variant: "warning" },
};

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const plural = (count: number, unit: string) => (count === 1 ? unit : `${count} ${unit}s`);

function scheduleDetail(schedule: TSchedule): string {
  // No zone of its own: the project's, as it was at the deploy.
  const zone = schedule.timezone === undefined ? " (project zone)" : schedule.timezone === "UTC" ? " UTC" : ` (${schedule.timezone})`;
  switch (schedule.every) {
    case "seconds":
      return `Every ${plural(schedule.interval, "second")}`;
    case "minutes":
      return `Every ${plural(schedule.interval, "minute")}`;
    case "hourly":
      return `Every ${plural(schedule.interval, "hour")} at :${String(schedule.minute).padStart(2, "0")}`;
    case "daily":
      return `${schedule.interval === 1 ? "Daily" : `Every ${schedule.interval} days`} at ${schedule.time}${zone}`;
    case "weekly":
      return `${schedule.weekdays.map((day) => WEEKDAYS[day]).join(", ")} at ${schedule.time}${zone}`;
    case "cron":
      return `Cron ${schedule.expression}${zone}`;
  }
}

/** "App Event · Contact Created", "Schedule · Every 5 minutes", "Webhook · GitHub · push"… */
export function triggerLabel(workflow: Pick<TWorkflowListItem, "trigger" | "triggerAppEvent">): { type: string; detail: string | null } {
  const { trigger } = workflow;
  switch (trigger.type) {
    case "app_event":
      return { type: "App Event", detail: workflow.triggerAppEvent?.name ?? null };
    case "schedule":
      return { type: "Schedule", detail: scheduleDetail(trigger.schedule) };
    case "webhook":
      return { type: "Webhook", detail: webhookSourceSummary(trigger.source) };
    case "request":
      return { type: "Request", detail: trigger.method };
  }
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "3 minutes ago" within a day, a date after that. */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (seconds > -60) return relative.format(Math.min(seconds, 0), "second");
  if (seconds > -3600) return relative.format(Math.round(seconds / 60), "minute");
  if (seconds > -86_400) return relative.format(Math.round(seconds / 3600), "hour");
  return dateTime.format(new Date(iso));
}

export const formatFullDateTime = (iso: string) => dateTime.format(new Date(iso));

const exactDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "long" });
/** With seconds and the zone: a schedule's next tick may be seconds away. */
export const formatExactDateTime = (iso: string) => exactDateTime.format(new Date(iso));

/** A tick this long past its time with no newer one means no worker is firing the schedule. */
export const OVERDUE_AFTER_MS = 60_000;

/** "in 45 seconds", "in 4 minutes", "in 3 hours" within a day, a date after that; "now" once due. */
export function formatUntil(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((new Date(iso).getTime() - now) / 1000));
  if (seconds < 60) return relative.format(seconds, "second");
  if (seconds < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (seconds < 86_400) return relative.format(Math.round(seconds / 3600), "hour");
  return dateTime.format(new Date(iso));
}

/** The soonest next tick of the listed schedules that still run (ms since the epoch), or null when none does. */
export function soonestNextTick(workflows: TWorkflowListItem[] | undefined): number | null {
  const ticks = (workflows ?? []).flatMap(({ schedule }) => (schedule?.nextTickAt && !schedule.paused ? [Date.parse(schedule.nextTickAt)] : []));
  return ticks.length === 0 ? null : Math.min(...ticks);
}

/**
 * The unfiltered list shares its key with Task History's workflow filter (and the editor's import
 * invalidates it), so both stay in step; searches get keys of their own under the same prefix.
 */
export const workflowsQueryKey = (projectId: string, q: string): QueryKey =>
  q ? ["projects", projectId, "workflows", "search", q] : ["projects", projectId, "workflows"];

type TListData = { workflows: TWorkflowListItem[] };
const isListData = (data: unknown): data is TListData => typeof data === "object" && data !== null && Array.isArray((data as TListData).workflows);

/**
 * Applies an edit to every cached workflow list (unfiltered and searches) and returns how to undo it.
 * The prefix also matches single-workflow entries of the editor; those are left alone.
 */
export function editCachedLists(queryClient: QueryClient, projectId: string, edit: (workflows: TWorkflowListItem[]) => TWorkflowListItem[]) {
  const prefix = ["projects", projectId, "workflows"];
  const snapshot = queryClient.getQueriesData<unknown>({ queryKey: prefix }).filter(([, data]) => isListData(data));
  for (const [key, data] of snapshot) queryClient.setQueryData(key, { ...(data as TListData), workflows: edit((data as TListData).workflows) });
  return () => {
    for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
  };
}
