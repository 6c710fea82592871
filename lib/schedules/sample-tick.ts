import { fireTimesAfter } from "./schedule-times";
import { isValidTimeZone, ZSchedule, type TScheduleTrigger } from "@/lib/schemas/workflow";

/** What a run of a schedule finds in `trigger` (lib/schedules/fire-schedule-tick.ts builds the real one). */
export type TScheduleTriggerData = { type: "schedule"; scheduledAt: string; previousScheduledAt: string | null; timezone: string };
export const SCHEDULE_TRIGGER_FIELDS = ["type", "scheduledAt", "previousScheduledAt", "timezone"] as const;

/**
 * A sample tick of the schedule, for the editor's variables and for test runs: its second fire time from
 * now, after its first; now when it cannot fire yet. Pure, so the browser and the server agree.
 */
export function sampleScheduleTrigger(trigger: TScheduleTrigger, options: { now: Date; projectTimeZone?: string }): TScheduleTriggerData {
  const { now } = options;
  const timezone = trigger.schedule.timezone ?? options.projectTimeZone ?? "UTC";
  const valid = ZSchedule.safeParse(trigger.schedule).success && isValidTimeZone(timezone);
  const [first, second] = valid ? fireTimesAfter({ schedule: trigger.schedule, timezone, anchor: now, after: now, count: 2 }) : [];
  const scheduledAt = (second ?? first ?? now).toISOString();
  return { type: "schedule", scheduledAt, previousScheduledAt: second ? first.toISOString() : null, timezone };
}
