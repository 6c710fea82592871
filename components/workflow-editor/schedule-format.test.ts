import { describe, expect, it } from "vitest";
import { ZCatchUp } from "@/lib/schemas/workflow";
import {
  catchUpWindowError,
  describeTickReason,
  describeTickRuns,
  formatInZone,
  fromZonedInput,
  MAX_CATCH_UP_WINDOW_SECONDS,
  secondsOfWindow,
  toZonedInput,
  windowInUnit,
  windowOfSeconds,
} from "./schedule-format";

describe("describeTickReason", () => {
  it.each([
    ["missed_while_down", "Missed while no worker was running; the catch-up policy skips missed ticks"],
    ["outside_catch_up_window", "Missed longer ago than the catch-up window"],
    ["collapsed_into_one", "Missed while no worker was running; one run covered the missed period"],
    ["paused", "The schedule was paused"],
    ["backfill", "Run by a backfill"],
    ["some_new_reason", "Some new reason"],
  ])("%s", (reason, text) => {
    expect(describeTickReason(reason)).toBe(text);
  });
});

describe("describeTickRuns", () => {
  it("counts runs, says why there were none, and names the users overlap left out", () => {
    expect(describeTickRuns({ outcome: "ran", runs: 1, overlapped: 0 })).toBe("1 run");
    expect(describeTickRuns({ outcome: "ran", runs: 1200, overlapped: 0 })).toBe("1,200 runs");
    expect(describeTickRuns({ outcome: "ran", runs: 0, overlapped: 0 })).toBe("No runs (no user has the workflow on)");
    expect(describeTickRuns({ outcome: "ran", runs: 0, overlapped: 1 })).toBe("0 runs; 1 user left out, their previous run still going");
    expect(describeTickRuns({ outcome: "skipped", runs: 0, overlapped: 0 })).toBe("No runs (skipped)");
  });
});

describe("the catch-up window", () => {
  it("shows whole hours as hours and anything else as minutes", () => {
    expect(windowOfSeconds(3600)).toEqual({ value: 1, unit: "hours" });
    expect(windowOfSeconds(604_800)).toEqual({ value: 168, unit: "hours" });
    expect(windowOfSeconds(5400)).toEqual({ value: 90, unit: "minutes" });
    expect(windowOfSeconds(600)).toEqual({ value: 10, unit: "minutes" });
    // The API accepts 10 s; the form shows at least a minute.
    expect(windowOfSeconds(10)).toEqual({ value: 1, unit: "minutes" });
  });

  it("converts back to seconds", () => {
    expect(secondsOfWindow({ value: 2, unit: "hours" })).toBe(7200);
    expect(secondsOfWindow({ value: 90, unit: "minutes" })).toBe(5400);
    expect(secondsOfWindow(windowOfSeconds(5400))).toBe(5400);
    expect(windowInUnit(5400, "hours")).toEqual({ value: 1.5, unit: "hours" });
  });

  it("bounds the window where the schema does", () => {
    expect(ZCatchUp.safeParse({ policy: "all", windowSeconds: MAX_CATCH_UP_WINDOW_SECONDS }).success).toBe(true);
    expect(ZCatchUp.safeParse({ policy: "all", windowSeconds: MAX_CATCH_UP_WINDOW_SECONDS + 1 }).success).toBe(false);
    expect(catchUpWindowError({ value: 168, unit: "hours" })).toBeUndefined();
    expect(catchUpWindowError({ value: 10_080, unit: "minutes" })).toBeUndefined();
    expect(catchUpWindowError({ value: 169, unit: "hours" })).toBe("Use a whole number of hours from 1 to 168 (7 days)");
    expect(catchUpWindowError({ value: 0, unit: "minutes" })).toBe("Use a whole number of minutes from 1 to 10,080 (7 days)");
    expect(catchUpWindowError({ value: Number.NaN, unit: "minutes" })).toBeDefined();
    expect(catchUpWindowError({ value: 1.5, unit: "hours" })).toBeDefined();
  });
});

describe("times in the schedule's zone", () => {
  it("formats an instant with its local time and offset", () => {
    expect(formatInZone("2026-12-03T13:05:02.000Z", "Europe/Paris")).toEqual({ local: "2026-12-03 14:05:02", utcOffset: "+01:00" });
    expect(formatInZone("2026-07-01T00:00:00.000Z", "America/New_York")).toEqual({ local: "2026-06-30 20:00:00", utcOffset: "-04:00" });
    expect(formatInZone("2026-07-01T00:00:00.000Z", "Asia/Kathmandu").utcOffset).toBe("+05:45");
  });

  it("reads a datetime-local value in the zone, and writes one back", () => {
    expect(fromZonedInput("2026-12-03T14:05", "Europe/Paris")).toBe("2026-12-03T13:05:00.000Z");
    expect(fromZonedInput("2026-12-03T14:05:30", "UTC")).toBe("2026-12-03T14:05:30.000Z");
    expect(toZonedInput(new Date("2026-12-03T13:05:59Z"), "Europe/Paris")).toBe("2026-12-03T14:05");
    expect(toZonedInput(new Date("2026-12-03T13:05:00Z"), "Australia/Sydney")).toBe("2026-12-04T00:05");
  });

  it("applies the schedules' DST rule to skipped and repeated times", () => {
    // 02:30 does not exist on 8 March 2026 in New York: the first instant after it is 03:00 EDT.
    expect(fromZonedInput("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T07:00:00.000Z");
    // 02:30 happens twice on 25 October 2026 in Berlin: the first, in CEST.
    expect(fromZonedInput("2026-10-25T02:30", "Europe/Berlin")).toBe("2026-10-25T00:30:00.000Z");
  });

  it("refuses what is not a date-time", () => {
    expect(fromZonedInput("", "UTC")).toBeNull();
    expect(fromZonedInput("2026-04-31T10:00", "UTC")).toBeNull();
    expect(fromZonedInput("2026-01-01T24:00", "UTC")).toBeNull();
    expect(fromZonedInput("0050-01-01T10:00", "UTC")).toBeNull();
  });
});
