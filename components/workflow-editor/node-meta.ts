// How each node presents itself on the canvas: its icon and a one-line summary of its configuration.
import { Clock, Code, GitBranch, Globe, type LucideIcon, Repeat, Reply, Split, Zap } from "lucide-react";
import type { TSchedule, TStep, TStepType, TTrigger, TWebhookTrigger } from "@/lib/schemas/workflow";
import type { TAppEvent } from "@/lib/schemas/app-event";
import { WEBHOOK_PRESETS, type TWebhookPresetIntegration } from "@/lib/schemas/webhook-presets";
import { ANY_WEBHOOK_EVENT } from "@/lib/workflows/deployed-trigger";
import { STEP_TYPE_LABELS } from "@/components/runs/run-format";
import { conditionSummary } from "./operator-labels";

export const STEP_ICONS: Record<TStepType, LucideIcon> = {
  request: Globe,
  function: Code,
  conditional: GitBranch,
  switch: Split,
  fan_out: Repeat,
  delay: Clock,
  response: Reply,
};
export const TRIGGER_ICON = Zap;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function plural(n: number, unit: string): string {
  return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
}

export function scheduleSummary(schedule: TSchedule): string {
  switch (schedule.every) {
    case "seconds":
      return plural(schedule.interval, "second").replace("seconds", "sec");
    case "minutes":
      return plural(schedule.interval, "minute").replace("minutes", "min");
    case "hourly":
      return `${plural(schedule.interval, "hour")} at :${String(schedule.minute).padStart(2, "0")}`;
    case "daily":
      return `${plural(schedule.interval, "day")} at ${schedule.time}`;
    case "weekly":
      return `${schedule.weekdays.map((day) => WEEKDAYS[day]).join(", ")} at ${schedule.time}`;
    case "cron":
      return `cron ${schedule.expression}`;
  }
}

export function triggerSummary(trigger: TTrigger, appEvents: TAppEvent[] | undefined): string {
  switch (trigger.type) {
    case "app_event": {
      if (trigger.appEventId === null) return "App Event · not chosen";
      const event = appEvents?.find((candidate) => candidate.id === trigger.appEventId);
      return `App Event · ${event?.name ?? "…"}`;
    }
    case "schedule":
      return `Schedule · ${scheduleSummary(trigger.schedule)}`;
    case "webhook":
      return `Webhook · ${webhookSourceSummary(trigger.source)}`;
    case "request":
      return `Request · ${trigger.method}`;
  }
}

/** "Stripe · invoice.paid", "GitHub · any event", "orders" for a custom webhook. */
export function webhookSourceSummary(source: TWebhookTrigger["source"]): string {
  if (source.kind === "custom") return source.name || "unnamed";
  if (source.integration === "") return "not chosen";
  const label = Object.hasOwn(WEBHOOK_PRESETS, source.integration) ? WEBHOOK_PRESETS[source.integration as TWebhookPresetIntegration].label : source.integration;
  return `${label} · ${source.event === ANY_WEBHOOK_EVENT ? "any event" : source.event || "?"}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The step's type, for the line under its name; null when the name already says it, as a new step's
 * does ("Function", "Function 2", "Function copy"), so the node shows its type once.
 */
export function stepKindLine(step: Pick<TStep, "name" | "type">): string | null {
  const label = STEP_TYPE_LABELS[step.type];
  return new RegExp(`^${escapeRegExp(label)}( \\d+)?( copy( \\d+)?)?$`, "i").test(step.name.trim()) ? null : label;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function stepSummary(step: TStep): string {
  switch (step.type) {
    case "request":
      return `${step.config.method} ${step.config.url || "(no URL)"}`;
    case "function": {
      const lines = step.config.code.split("\n").length;
      return `${count(lines, "line")} of code`;
    }
    case "conditional":
      return conditionSummary(step.config.condition);
    case "switch":
      return `${count(step.config.cases.length, "case")} + default`;
    case "fan_out":
      return step.config.items ? `each of ${step.config.items}` : "(no list chosen)";
    case "delay":
      return `wait ${step.config.value} ${step.config.value === 1 ? step.config.unit.replace(/s$/, "") : step.config.unit}`;
    case "response":
      return `status ${step.config.statusCode}`;
  }
}
