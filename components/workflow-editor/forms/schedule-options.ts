// The schedule form's pure parts: each option's fresh fields, the field errors shown as the builder types (the
// same bounds as ZSchedule, which decides at save).
import { validateCronExpression } from "@/lib/schedules/schedule-times";
import type { TSchedule } from "@/lib/schemas/workflow";

/** Read after the field's label, "Every". */
export const SCHEDULE_OPTIONS: { value: TSchedule["every"]; label: string }[] = [
  { value: "seconds", label: "N seconds" },
  { value: "minutes", label: "N minutes" },
  { value: "hourly", label: "N hours, at a minute" },
  { value: "daily", label: "N days, at a time" },
  { value: "weekly", label: "Week, on chosen days" },
  { value: "cron", label: "Cron expression" },
];

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type TIntervalOption = Extract<TSchedule, { interval: number }>["every"];
/** The interval's bounds and unit per option, as ZSchedule has them (schedule-options.test.ts checks that they agree). */
export const INTERVALS: Record<TIntervalOption, { min: number; max: number; unit: string }> = {
  seconds: { min: 1, max: 59, unit: "seconds" },
  minutes: { min: 1, max: 59, unit: "minutes" },
  hourly: { min: 1, max: 23, unit: "hours" },
  daily: { min: 1, max: 31, unit: "days" },
};

/** A fresh schedule of another option, keeping the zone. */
export function scheduleOf(every: TSchedule["every"], timezone: string | undefined): TSchedule {
  switch (every) {
    case "seconds":
      return { every, interval: 30, timezone };
    case "minutes":
      return { every, interval: 5, timezone };
    case "hourly":
      return { every, interval: 1, minute: 0, timezone };
    case "daily":
      return { every, interval: 1, time: "09:00", timezone };
    case "weekly":
      return { every, weekdays: [1], time: "09:00", timezone };
    case "cron":
      return { every, expression: "0 9 * * 1", timezone };
  }
}

export type TScheduleFieldErrors = Partial<Record<"interval" | "minute" | "weekdays" | "time" | "expression", string>>;

const isWhole = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What is wrong with each field, in the words the form shows; croner's own reason for a cron expression. */
export function scheduleFieldErrors(schedule: TSchedule): TScheduleFieldErrors {
  const errors: TScheduleFieldErrors = {};
  if ("interval" in schedule) {
    const { min, max } = INTERVALS[schedule.every];
    if (!isWhole(schedule.interval, min, max)) errors.interval = `Use a whole number from ${min} to ${max}`;
  }
  if (schedule.every === "hourly" && !isWhole(schedule.minute, 0, 59)) errors.minute = "Use a minute from 0 to 59";
  if (schedule.every === "weekly" && schedule.weekdays.length === 0) errors.weekdays = "Pick at least one weekday";
  if ((schedule.every === "daily" || schedule.every === "weekly") && !TIME_OF_DAY.test(schedule.time)) errors.time = "Enter a time of day (HH:MM, 24-hour)";
  if (schedule.every === "cron") {
    const reason = validateCronExpression(schedule.expression);
    if (reason) errors.expression = reason;
  }
  return errors;
}
