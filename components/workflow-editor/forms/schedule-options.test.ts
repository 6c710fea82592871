import { describe, expect, it } from "vitest";
import { ZSchedule, type TSchedule } from "@/lib/schemas/workflow";
import { INTERVALS, SCHEDULE_OPTIONS, scheduleFieldErrors, scheduleOf } from "./schedule-options";

describe("scheduleFieldErrors", () => {
  it("accepts each option's fresh schedule, as the schema does", () => {
    for (const { value } of SCHEDULE_OPTIONS) {
      const schedule = scheduleOf(value, "Europe/Paris");
      expect(scheduleFieldErrors(schedule), value).toEqual({});
      expect(ZSchedule.safeParse(schedule).success, value).toBe(true);
    }
  });

  it("bounds each interval where the schema does", () => {
    for (const [every, { min, max }] of Object.entries(INTERVALS)) {
      const at = (interval: number) => ({ ...scheduleOf(every as TSchedule["every"], undefined), interval }) as TSchedule;
      for (const interval of [min, max]) {
        expect(scheduleFieldErrors(at(interval)), `${every} ${interval}`).toEqual({});
        expect(ZSchedule.safeParse(at(interval)).success, `${every} ${interval}`).toBe(true);
      }
      for (const interval of [min - 1, max + 1, 1.5, Number.NaN]) {
        expect(scheduleFieldErrors(at(interval)).interval, `${every} ${interval}`).toBe(`Use a whole number from ${min} to ${max}`);
        expect(ZSchedule.safeParse(at(interval)).success, `${every} ${interval}`).toBe(false);
      }
    }
  });

  it("names the other bad fields", () => {
    expect(scheduleFieldErrors({ every: "seconds", interval: 0 })).toEqual({ interval: "Use a whole number from 1 to 59" });
    expect(scheduleFieldErrors({ every: "hourly", interval: 1, minute: 60 })).toEqual({ minute: "Use a minute from 0 to 59" });
    expect(scheduleFieldErrors({ every: "weekly", weekdays: [], time: "09:00" })).toEqual({ weekdays: "Pick at least one weekday" });
    expect(scheduleFieldErrors({ every: "daily", interval: 1, time: "" })).toEqual({ time: "Enter a time of day (HH:MM, 24-hour)" });
  });

  it("gives croner's reason for a bad cron expression, and accepts 5 or 6 fields", () => {
    expect(scheduleFieldErrors({ every: "cron", expression: "*/5 * * * *" })).toEqual({});
    expect(scheduleFieldErrors({ every: "cron", expression: "*/10 * * * * *" })).toEqual({});
    expect(scheduleFieldErrors({ every: "cron", expression: "0 9 * *" }).expression).toBe("A cron expression has 5 fields, or 6 with seconds first");
    const reason = scheduleFieldErrors({ every: "cron", expression: "0 25 * * *" }).expression;
    expect(reason).toMatch(/hour/i);
    expect(ZSchedule.safeParse({ every: "cron", expression: "0 25 * * *" }).error?.issues[0]?.message).toBe(reason);
  });
});
