import { Cron } from "croner";
import { describe, expect, it } from "vitest";
import type { TSchedule } from "@/lib/schemas/workflow";
import {
  fireTimesAfter,
  fireTimesBetween,
  isZoneDependent,
  previewFireTimes,
  previousFireTime,
  validateCronExpression,
} from "./schedule-times";

const HOUR = 3_600_000;
const JAN_1 = new Date("2025-01-01T00:00:00Z");
const ms = (iso: string) => new Date(iso).getTime();
const isoOf = (dates: Date[]) => dates.map((date) => date.toISOString());

function after(schedule: TSchedule, timezone: string, options: { anchor?: string; after: string; count: number }): string[] {
  const anchor = options.anchor ? new Date(options.anchor) : JAN_1;
  return isoOf(fireTimesAfter({ schedule, timezone, anchor, after: new Date(options.after), count: options.count }));
}

/** The local wall-clock reading of an instant, "2025-03-09 03:00". */
function localOf(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

describe("seconds and minutes: true intervals from the anchor", () => {
  it("fires every 45 minutes from the deploy, not at :00 and :45", () => {
    const times = after({ every: "minutes", interval: 45 }, "UTC", { anchor: "2025-01-01T10:07:13Z", after: "2025-01-01T10:07:13Z", count: 4 });
    expect(times).toEqual(["2025-01-01T10:52:13.000Z", "2025-01-01T11:37:13.000Z", "2025-01-01T12:22:13.000Z", "2025-01-01T13:07:13.000Z"]);
  });

  it("fires every 7 seconds across a minute boundary", () => {
    const times = after({ every: "seconds", interval: 7 }, "UTC", { anchor: "2025-01-01T12:00:48Z", after: "2025-01-01T12:00:48Z", count: 3 });
    expect(times).toEqual(["2025-01-01T12:00:55.000Z", "2025-01-01T12:01:02.000Z", "2025-01-01T12:01:09.000Z"]);
  });

  it("fires every second for N = 1", () => {
    expect(after({ every: "seconds", interval: 1 }, "UTC", { anchor: "2025-01-01T00:00:00Z", after: "2025-01-01T00:00:00.500Z", count: 2 })).toEqual([
      "2025-01-01T00:00:01.000Z",
      "2025-01-01T00:00:02.000Z",
    ]);
  });

  it("does not drift: the 10,000th tick is exactly 10,000 intervals after the anchor", () => {
    const anchor = new Date("2025-01-01T00:00:00.123Z");
    const schedule: TSchedule = { every: "seconds", interval: 7 };
    const { times, truncated } = fireTimesBetween({ schedule, timezone: "UTC", anchor, from: anchor, to: new Date(anchor.getTime() + 70_000_000), limit: 10_000 });
    expect(times).toHaveLength(10_000);
    expect(truncated).toBe(false);
    expect(times.every((time, i) => time.getTime() === anchor.getTime() + (i + 1) * 7000)).toBe(true);
    // Asking again from an arbitrary instant late in the run lands on the same grid.
    const [resumed] = fireTimesAfter({ schedule, timezone: "UTC", anchor, after: new Date(anchor.getTime() + 9_999 * 7000 + 3210), count: 1 });
    expect(resumed.getTime()).toBe(anchor.getTime() + 10_000 * 7000);
  });

  it("keeps the same instants in every zone, across DST changes", () => {
    const schedule: TSchedule = { every: "minutes", interval: 45 };
    const options = { anchor: "2025-03-09T00:00:00Z", after: "2025-03-09T05:00:00Z", count: 5 };
    const utc = after(schedule, "UTC", options);
    for (const zone of ["America/New_York", "Asia/Kolkata", "Australia/Sydney"]) expect(after(schedule, zone, options)).toEqual(utc);
    expect(utc.map((iso) => ms(iso) - ms(utc[0]))).toEqual([0, 1, 2, 3, 4].map((k) => k * 45 * 60_000));
  });

  it("never fires at the anchor itself, and starts from it when asked about earlier instants", () => {
    expect(after({ every: "seconds", interval: 30 }, "UTC", { anchor: "2025-06-01T00:00:00Z", after: "2025-01-01T00:00:00Z", count: 1 })).toEqual(["2025-06-01T00:00:30.000Z"]);
  });

  it("lists the times in (from, to] and says when it stopped at the limit", () => {
    const input = { schedule: { every: "seconds", interval: 10 } as TSchedule, timezone: "UTC", anchor: JAN_1 };
    const window = { from: new Date("2025-01-01T00:00:10Z"), to: new Date("2025-01-01T00:00:40Z") };
    expect(fireTimesBetween({ ...input, ...window, limit: 10 })).toEqual({ times: [20, 30, 40].map((s) => new Date(JAN_1.getTime() + s * 1000)), truncated: false });
    expect(fireTimesBetween({ ...input, ...window, limit: 3 }).truncated).toBe(false);
    expect(fireTimesBetween({ ...input, ...window, limit: 2 })).toEqual({ times: [20, 30].map((s) => new Date(JAN_1.getTime() + s * 1000)), truncated: true });
    expect(fireTimesBetween({ ...input, from: window.to, to: window.from, limit: 5 })).toEqual({ times: [], truncated: false });
  });
});

describe("hourly at minute M", () => {
  it("starts at the first minute M after the anchor, then every N hours", () => {
    expect(after({ every: "hourly", interval: 2, minute: 15 }, "UTC", { anchor: "2025-01-01T10:20:00Z", after: "2025-01-01T00:00:00Z", count: 3 })).toEqual([
      "2025-01-01T11:15:00.000Z",
      "2025-01-01T13:15:00.000Z",
      "2025-01-01T15:15:00.000Z",
    ]);
  });

  it("does not fire at the anchor when the anchor is on minute M", () => {
    expect(after({ every: "hourly", interval: 1, minute: 0 }, "UTC", { anchor: "2025-01-01T10:00:00Z", after: "2025-01-01T10:00:00Z", count: 1 })).toEqual(["2025-01-01T11:00:00.000Z"]);
  });

  it.each([
    ["Asia/Kolkata (+05:30)", "Asia/Kolkata", 0, "2025-01-01T00:10:00Z", ["2025-01-01T00:30:00.000Z", "2025-01-01T01:30:00.000Z"]],
    ["Australia/Adelaide in summer (+10:30)", "Australia/Adelaide", 15, "2025-01-01T00:00:00Z", ["2025-01-01T00:45:00.000Z", "2025-01-01T01:45:00.000Z"]],
    ["Australia/Adelaide in winter (+09:30)", "Australia/Adelaide", 15, "2025-07-01T00:00:00Z", ["2025-07-01T00:45:00.000Z", "2025-07-01T01:45:00.000Z"]],
  ])("reads minute M on the local clock in %s", (_name, zone, minute, anchor, expected) => {
    const times = after({ every: "hourly", interval: 1, minute }, zone, { anchor, after: anchor, count: 2 });
    expect(times).toEqual(expected);
    for (const time of times) expect(localOf(time, zone).endsWith(`:${String(minute).padStart(2, "0")}`)).toBe(true);
  });

  it("keeps minute M when Adelaide's clocks go forward (the whole hour moves, the half hour stays)", () => {
    const times = after({ every: "hourly", interval: 1, minute: 15 }, "Australia/Adelaide", { anchor: "2025-10-04T15:00:00Z", after: "2025-10-04T15:00:00Z", count: 3 });
    expect(times).toEqual(["2025-10-04T15:45:00.000Z", "2025-10-04T16:45:00.000Z", "2025-10-04T17:45:00.000Z"]);
    expect(times.map((time) => localOf(time, "Australia/Adelaide"))).toEqual(["2025-10-05 01:15", "2025-10-05 03:15", "2025-10-05 04:15"]);
  });

  it("finds minute M at the transition itself when Lord Howe's clocks jump half an hour", () => {
    // 02:00 LHST (+10:30) becomes 02:30 LHDT (+11:00) at 15:30 UTC: that instant already reads :30.
    const times = after({ every: "hourly", interval: 1, minute: 30 }, "Australia/Lord_Howe", { anchor: "2025-10-04T15:20:00Z", after: "2025-10-04T15:20:00Z", count: 2 });
    expect(times).toEqual(["2025-10-04T15:30:00.000Z", "2025-10-04T16:30:00.000Z"]);
  });

  // Hourly counts elapsed hours from its first fire: across a change it keeps the spacing, so the local hour
  // jumps on the spring day and the repeated hour's :30 comes round twice in the autumn.
  it.each([
    ["America/New_York, spring", "America/New_York", "2025-03-09T05:00:00Z", ["2025-03-09 00:30", "2025-03-09 01:30", "2025-03-09 03:30", "2025-03-09 04:30"]],
    ["America/New_York, autumn", "America/New_York", "2025-11-02T04:00:00Z", ["2025-11-02 00:30", "2025-11-02 01:30", "2025-11-02 01:30", "2025-11-02 02:30"]],
    ["Europe/Berlin, spring", "Europe/Berlin", "2025-03-29T23:00:00Z", ["2025-03-30 00:30", "2025-03-30 01:30", "2025-03-30 03:30", "2025-03-30 04:30"]],
    ["Europe/Berlin, autumn", "Europe/Berlin", "2025-10-25T23:00:00Z", ["2025-10-26 01:30", "2025-10-26 02:30", "2025-10-26 02:30", "2025-10-26 03:30"]],
    ["Australia/Sydney, spring", "Australia/Sydney", "2025-10-04T14:00:00Z", ["2025-10-05 00:30", "2025-10-05 01:30", "2025-10-05 03:30", "2025-10-05 04:30"]],
    ["Australia/Sydney, autumn", "Australia/Sydney", "2025-04-05T13:00:00Z", ["2025-04-06 00:30", "2025-04-06 01:30", "2025-04-06 02:30", "2025-04-06 02:30"]],
  ])("keeps whole hours apart across the change in %s", (_name, zone, anchor, expectedLocal) => {
    const times = after({ every: "hourly", interval: 1, minute: 30 }, zone, { anchor, after: anchor, count: 4 });
    expect(times.map((time) => ms(time) - ms(times[0]))).toEqual([0, HOUR, 2 * HOUR, 3 * HOUR]);
    expect(times.map((time) => localOf(time, zone))).toEqual(expectedLocal);
  });
});

describe("daily", () => {
  it("fires every N days from the anchor's local date", () => {
    const schedule: TSchedule = { every: "daily", interval: 3, time: "09:00" };
    expect(after(schedule, "UTC", { anchor: "2025-01-01T08:00:00Z", after: "2025-01-01T08:00:00Z", count: 3 })).toEqual([
      "2025-01-01T09:00:00.000Z",
      "2025-01-04T09:00:00.000Z",
      "2025-01-07T09:00:00.000Z",
    ]);
    // Deployed after 09:00, the anchor's own date is past: the first fire is N days on.
    expect(after(schedule, "UTC", { anchor: "2025-01-01T10:00:00Z", after: "2025-01-05T00:00:00Z", count: 2 })).toEqual(["2025-01-07T09:00:00.000Z", "2025-01-10T09:00:00.000Z"]);
  });

  it("counts days from the anchor's date in the zone, not in UTC", () => {
    // 23:30 UTC on 1 January is already 2 January in Tokyo.
    expect(after({ every: "daily", interval: 2, time: "09:00" }, "Asia/Tokyo", { anchor: "2025-01-01T23:30:00Z", after: "2025-01-01T23:30:00Z", count: 2 })).toEqual([
      "2025-01-02T00:00:00.000Z",
      "2025-01-04T00:00:00.000Z",
    ]);
  });

  it("follows the zone's offset through the year", () => {
    const schedule: TSchedule = { every: "daily", interval: 1, time: "09:00" };
    expect(after(schedule, "Europe/Paris", { after: "2025-01-15T00:00:00Z", count: 1 })).toEqual(["2025-01-15T08:00:00.000Z"]);
    expect(after(schedule, "Europe/Paris", { after: "2025-07-15T00:00:00Z", count: 1 })).toEqual(["2025-07-15T07:00:00.000Z"]);
    expect(after(schedule, "Asia/Kolkata", { after: "2025-07-15T00:00:00Z", count: 1 })).toEqual(["2025-07-15T03:30:00.000Z"]);
  });
});

// The DST rule for wall-clock times, on the day before, the day of and the day after each change. In all three
// zones the clocks change on a Sunday; every skipped time here lies in a skipped hour that ends at 03:00.
const SPRING_FORWARD = [
  { zone: "America/New_York", time: [2, 30], fires: ["2025-03-08T07:30:00.000Z", "2025-03-09T07:00:00.000Z", "2025-03-10T06:30:00.000Z"] },
  { zone: "Europe/Berlin", time: [2, 30], fires: ["2025-03-29T01:30:00.000Z", "2025-03-30T01:00:00.000Z", "2025-03-31T00:30:00.000Z"] },
  { zone: "Australia/Sydney", time: [2, 30], fires: ["2025-10-03T16:30:00.000Z", "2025-10-04T16:00:00.000Z", "2025-10-05T15:30:00.000Z"] },
];
const FALL_BACK = [
  { zone: "America/New_York", time: [1, 30], fires: ["2025-10-31T05:30:00.000Z", "2025-11-01T05:30:00.000Z", "2025-11-02T05:30:00.000Z", "2025-11-03T06:30:00.000Z"] },
  { zone: "Europe/Berlin", time: [2, 30], fires: ["2025-10-24T00:30:00.000Z", "2025-10-25T00:30:00.000Z", "2025-10-26T00:30:00.000Z", "2025-10-27T01:30:00.000Z"] },
  { zone: "Australia/Sydney", time: [2, 30], fires: ["2025-04-03T15:30:00.000Z", "2025-04-04T15:30:00.000Z", "2025-04-05T15:30:00.000Z", "2025-04-06T16:30:00.000Z"] },
];
const hhmm = ([hours, minutes]: number[]) => `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;

const WALL_CLOCK_SCHEDULES: [string, (time: number[]) => TSchedule][] = [
  ["daily", (time) => ({ every: "daily", interval: 1, time: hhmm(time) })],
  ["weekly", (time) => ({ every: "weekly", weekdays: [4, 5, 6, 0, 1], time: hhmm(time) })],
  ["cron", ([hours, minutes]) => ({ every: "cron", expression: `${minutes} ${hours} * * *` })],
  ["6-field cron", ([hours, minutes]) => ({ every: "cron", expression: `0 ${minutes} ${hours} * * *` })],
];

describe.each(WALL_CLOCK_SCHEDULES)("%s across DST changes", (_kind, scheduleAt) => {
  it.each(SPRING_FORWARD)("fires a skipped time at the first instant after it in $zone", ({ zone, time, fires }) => {
    const times = after(scheduleAt(time), zone, { after: new Date(ms(fires[0]) - 1).toISOString(), count: 3 });
    expect(times).toEqual(fires);
    expect(localOf(times[1], zone).endsWith(" 03:00")).toBe(true);
  });

  it.each(FALL_BACK)("fires a repeated time once, at its first occurrence, in $zone", ({ zone, time, fires }) => {
    const times = after(scheduleAt(time), zone, { after: new Date(ms(fires[0]) - 1).toISOString(), count: 4 });
    expect(times).toEqual(fires);
    // Asked from inside the second pass of the repeated hour, the day's fire is already past.
    const secondPass = new Date(ms(fires[2]) + HOUR).toISOString();
    expect(localOf(secondPass, zone)).toBe(localOf(fires[2], zone));
    expect(after(scheduleAt(time), zone, { after: secondPass, count: 1 })).toEqual([fires[3]]);
  });
});

describe("weekly", () => {
  it("fires on each chosen weekday at the local time", () => {
    // 2025-01-06 is a Monday.
    expect(after({ every: "weekly", weekdays: [5, 1], time: "09:30" }, "America/New_York", { after: "2025-01-06T00:00:00Z", count: 4 })).toEqual([
      "2025-01-06T14:30:00.000Z",
      "2025-01-10T14:30:00.000Z",
      "2025-01-13T14:30:00.000Z",
      "2025-01-17T14:30:00.000Z",
    ]);
  });

  it("fires on Sunday for weekday 0", () => {
    expect(after({ every: "weekly", weekdays: [0], time: "00:00" }, "UTC", { after: "2025-01-01T00:00:00Z", count: 1 })).toEqual(["2025-01-05T00:00:00.000Z"]);
  });
});

describe("cron", () => {
  it("evaluates a 5-field expression in the zone", () => {
    // Weekdays at 09:00 in Berlin; 2025-01-03 is a Friday.
    expect(after({ every: "cron", expression: "0 9 * * 1-5" }, "Europe/Berlin", { after: "2025-01-03T00:00:00Z", count: 2 })).toEqual([
      "2025-01-03T08:00:00.000Z",
      "2025-01-06T08:00:00.000Z",
    ]);
  });

  it("reads 6 fields as seconds first", () => {
    expect(after({ every: "cron", expression: "*/20 * * * * *" }, "UTC", { after: "2025-01-01T00:00:05Z", count: 4 })).toEqual([
      "2025-01-01T00:00:20.000Z",
      "2025-01-01T00:00:40.000Z",
      "2025-01-01T00:01:00.000Z",
      "2025-01-01T00:01:20.000Z",
    ]);
  });

  it("is cron, not an interval: */7 seconds restarts at each minute", () => {
    expect(after({ every: "cron", expression: "*/7 * * * * *" }, "UTC", { after: "2025-01-01T00:00:50Z", count: 3 })).toEqual([
      "2025-01-01T00:00:56.000Z",
      "2025-01-01T00:01:00.000Z",
      "2025-01-01T00:01:07.000Z",
    ]);
  });

  it("never fires before or at the anchor", () => {
    expect(after({ every: "cron", expression: "0 * * * *" }, "UTC", { anchor: "2025-01-01T05:00:00Z", after: "2025-01-01T00:00:00Z", count: 1 })).toEqual(["2025-01-01T06:00:00.000Z"]);
  });

  it("fires every 15 minutes across New York's spring forward without duplicates (croner's own nextRuns repeats 03:00–03:45)", () => {
    const times = after({ every: "cron", expression: "*/15 * * * *" }, "America/New_York", { after: "2025-03-09T06:20:00Z", count: 5 });
    expect(times).toEqual(["2025-03-09T06:30:00.000Z", "2025-03-09T06:45:00.000Z", "2025-03-09T07:00:00.000Z", "2025-03-09T07:15:00.000Z", "2025-03-09T07:30:00.000Z"]);
    expect(times.map((time) => localOf(time, "America/New_York"))).toEqual(["2025-03-09 01:30", "2025-03-09 01:45", "2025-03-09 03:00", "2025-03-09 03:15", "2025-03-09 03:30"]);
  });

  it("collapses a seconds expression's skipped hour into one fire", () => {
    expect(after({ every: "cron", expression: "*/30 * * * * *" }, "America/New_York", { after: "2025-03-09T06:59:00Z", count: 4 })).toEqual([
      "2025-03-09T06:59:30.000Z",
      "2025-03-09T07:00:00.000Z",
      "2025-03-09T07:00:30.000Z",
      "2025-03-09T07:01:00.000Z",
    ]);
  });

  it("fires the repeated hour once when New York falls back, even when asked from its second pass", () => {
    const schedule: TSchedule = { every: "cron", expression: "*/15 * * * *" };
    expect(after(schedule, "America/New_York", { after: "2025-11-02T05:20:00Z", count: 4 })).toEqual([
      "2025-11-02T05:30:00.000Z",
      "2025-11-02T05:45:00.000Z",
      "2025-11-02T07:00:00.000Z",
      "2025-11-02T07:15:00.000Z",
    ]);
    // 06:20 UTC is 01:20 EST, the second 01:20 of the night: croner answers 01:30 EDT, before the instant asked about.
    expect(new Cron("*/15 * * * *", { timezone: "America/New_York" }).nextRun(new Date("2025-11-02T06:20:00Z"))?.toISOString()).toBe("2025-11-02T05:30:00.000Z");
    expect(after(schedule, "America/New_York", { after: "2025-11-02T06:20:00Z", count: 2 })).toEqual(["2025-11-02T07:00:00.000Z", "2025-11-02T07:15:00.000Z"]);
  });

  it("skips the whole second pass of a repeated hour for an every-second expression", () => {
    // From 01:00:30 EST, every second up to 01:59:59 already fired in the first pass (EDT): next is 02:00:00 EST.
    expect(after({ every: "cron", expression: "* * * * * *" }, "America/New_York", { after: "2025-11-02T06:00:30Z", count: 2 })).toEqual([
      "2025-11-02T07:00:00.000Z",
      "2025-11-02T07:00:01.000Z",
    ]);
  });

  it("moves a skipped time to 03:00, where croner's timezone option would say 03:30", () => {
    expect(new Cron("30 2 * * *", { timezone: "America/New_York" }).nextRun(new Date("2025-03-09T00:00:00Z"))?.toISOString()).toBe("2025-03-09T07:30:00.000Z");
    expect(after({ every: "cron", expression: "30 2 * * *" }, "America/New_York", { after: "2025-03-09T00:00:00Z", count: 1 })).toEqual(["2025-03-09T07:00:00.000Z"]);
  });

  it("returns fewer times, and quickly, for an expression that matches no date", () => {
    const input = { schedule: { every: "cron", expression: "0 0 30 2 *" } as TSchedule, timezone: "Europe/Berlin", anchor: JAN_1 };
    expect(fireTimesAfter({ ...input, after: JAN_1, count: 5 })).toEqual([]);
    expect(fireTimesBetween({ ...input, from: JAN_1, to: new Date("2030-01-01T00:00:00Z"), limit: 10 })).toEqual({ times: [], truncated: false });
    expect(previousFireTime({ ...input, before: new Date("2030-01-01T00:00:00Z") })).toBeNull();
    expect(previewFireTimes({ ...input, after: JAN_1, count: 10 })).toEqual([]);
  });

  it("fires on 29 February only in leap years", () => {
    expect(after({ every: "cron", expression: "0 12 29 2 *" }, "UTC", { after: "2025-01-01T00:00:00Z", count: 2 })).toEqual(["2028-02-29T12:00:00.000Z", "2032-02-29T12:00:00.000Z"]);
  });
});

describe("previousFireTime", () => {
  const prev = (schedule: TSchedule, zone: string, before: string, anchor = JAN_1) =>
    previousFireTime({ schedule, timezone: zone, anchor, before: new Date(before) })?.toISOString() ?? null;

  it("answers the interval tick before, and null before the first", () => {
    const anchor = new Date("2025-01-01T00:00:00Z");
    expect(prev({ every: "seconds", interval: 10 }, "UTC", "2025-01-01T00:00:30Z", anchor)).toBe("2025-01-01T00:00:20.000Z");
    expect(prev({ every: "seconds", interval: 10 }, "UTC", "2025-01-01T00:00:30.001Z", anchor)).toBe("2025-01-01T00:00:30.000Z");
    expect(prev({ every: "seconds", interval: 10 }, "UTC", "2025-01-01T00:00:10Z", anchor)).toBeNull();
    expect(prev({ every: "hourly", interval: 1, minute: 30 }, "UTC", "2025-01-01T00:30:00Z", anchor)).toBeNull();
    expect(prev({ every: "hourly", interval: 1, minute: 30 }, "UTC", "2025-01-01T02:00:00Z", anchor)).toBe("2025-01-01T01:30:00.000Z");
  });

  it("never answers a time at or before the anchor", () => {
    expect(prev({ every: "daily", interval: 1, time: "09:00" }, "UTC", "2025-01-02T08:00:00Z", new Date("2025-01-01T09:00:00Z"))).toBeNull();
    expect(prev({ every: "cron", expression: "0 9 * * *" }, "UTC", "2025-01-02T08:00:00Z", new Date("2025-01-01T09:00:00Z"))).toBeNull();
    expect(prev({ every: "cron", expression: "0 9 * * *" }, "UTC", "2025-01-02T09:30:00Z", new Date("2025-01-01T09:00:00Z"))).toBe("2025-01-02T09:00:00.000Z");
  });

  it("finds the fire before an instant in the second pass of a repeated hour", () => {
    // 01:20 EST: 01:30 and 01:45 fired in the first pass (EDT), after the first 01:20.
    expect(prev({ every: "cron", expression: "*/15 * * * *" }, "America/New_York", "2025-11-02T06:20:00Z")).toBe("2025-11-02T05:45:00.000Z");
  });

  it("finds a fire far back: a weekly cron, and a leap day", () => {
    expect(prev({ every: "cron", expression: "0 9 * * 1" }, "UTC", "2025-06-01T00:00:00Z")).toBe("2025-05-26T09:00:00.000Z");
    expect(prev({ every: "cron", expression: "0 12 29 2 *" }, "UTC", "2031-01-01T00:00:00Z", new Date("2020-01-01T00:00:00Z"))).toBe("2028-02-29T12:00:00.000Z");
  });

  // Each fire's previous is the fire before it, and fireTimesBetween lists the same times as fireTimesAfter.
  it.each<[string, TSchedule, string, string]>([
    ["daily in New York's spring", { every: "daily", interval: 1, time: "02:30" }, "America/New_York", "2025-03-07T00:00:00Z"],
    ["weekly in Berlin's autumn", { every: "weekly", weekdays: [0, 3], time: "02:30" }, "Europe/Berlin", "2025-10-15T00:00:00Z"],
    ["hourly in Sydney's autumn", { every: "hourly", interval: 1, minute: 30 }, "Australia/Sydney", "2025-04-05T12:00:00Z"],
    ["cron every 20 minutes in New York's autumn", { every: "cron", expression: "*/20 * * * *" }, "America/New_York", "2025-11-02T04:30:00Z"],
    ["cron every 10 minutes in Sydney's spring", { every: "cron", expression: "*/10 * * * *" }, "Australia/Sydney", "2025-10-04T15:00:00Z"],
    ["every 7 seconds", { every: "seconds", interval: 7 }, "UTC", "2025-01-01T00:00:00Z"],
  ])("agrees with the forward sequence: %s", (_name, schedule, zone, start) => {
    const input = { schedule, timezone: zone, anchor: JAN_1 };
    const times = fireTimesAfter({ ...input, after: new Date(start), count: 12 });
    expect(new Set(times.map((t) => t.getTime())).size).toBe(12);
    for (let i = 1; i < times.length; i++) {
      expect(times[i].getTime()).toBeGreaterThan(times[i - 1].getTime());
      expect(previousFireTime({ ...input, before: times[i] })).toEqual(times[i - 1]);
    }
    expect(fireTimesBetween({ ...input, from: new Date(start), to: times[11], limit: 100 })).toEqual({ times, truncated: false });
  });
});

describe("previewFireTimes", () => {
  const preview = (schedule: TSchedule, zone: string, afterIso: string, count: number) =>
    previewFireTimes({ schedule, timezone: zone, anchor: JAN_1, after: new Date(afterIso), count });

  it("marks the spring-forward day and says where a skipped time went", () => {
    expect(preview({ every: "daily", interval: 1, time: "02:30" }, "America/New_York", "2025-03-08T00:00:00Z", 3)).toEqual([
      { at: "2025-03-08T07:30:00.000Z", local: "2025-03-08 02:30:00", utcOffset: "-05:00" },
      {
        at: "2025-03-09T07:00:00.000Z",
        local: "2025-03-09 03:00:00",
        utcOffset: "-04:00",
        shift: "dst_start",
        note: "02:30 does not exist on 2025-03-09 (the clocks go forward): runs at 03:00",
      },
      { at: "2025-03-10T06:30:00.000Z", local: "2025-03-10 02:30:00", utcOffset: "-04:00" },
    ]);
  });

  it("marks the fall-back day and says a repeated time runs once", () => {
    expect(preview({ every: "cron", expression: "30 2 * * *" }, "Europe/Berlin", "2025-10-26T00:00:00Z", 2)).toEqual([
      {
        at: "2025-10-26T00:30:00.000Z",
        local: "2025-10-26 02:30:00",
        utcOffset: "+02:00",
        shift: "dst_end",
        note: "02:30 happens twice on 2025-10-26 (the clocks go back): runs once, at the first (UTC+02:00)",
      },
      { at: "2025-10-27T01:30:00.000Z", local: "2025-10-27 02:30:00", utcOffset: "+01:00" },
    ]);
  });

  it("marks Sydney's days: clocks forward in October, back in April", () => {
    const schedule: TSchedule = { every: "weekly", weekdays: [0], time: "12:00" };
    expect(preview(schedule, "Australia/Sydney", "2025-10-01T00:00:00Z", 2).map((p) => [p.local, p.shift, p.note])).toEqual([
      ["2025-10-05 12:00:00", "dst_start", undefined],
      ["2025-10-12 12:00:00", undefined, undefined],
    ]);
    expect(preview(schedule, "Australia/Sydney", "2025-04-01T00:00:00Z", 1).map((p) => [p.local, p.utcOffset, p.shift])).toEqual([["2025-04-06 12:00:00", "+10:00", "dst_end"]]);
  });

  it("marks a shift day for an interval without a note: nothing was moved", () => {
    const [first] = previewFireTimes({ schedule: { every: "minutes", interval: 30 }, timezone: "America/New_York", anchor: new Date("2025-03-09T06:45:00Z"), after: new Date("2025-03-09T06:45:00Z"), count: 1 });
    expect(first).toEqual({ at: "2025-03-09T07:15:00.000Z", local: "2025-03-09 03:15:00", utcOffset: "-04:00", shift: "dst_start" });
  });

  it("shows half-hour offsets and plain days", () => {
    expect(preview({ every: "hourly", interval: 1, minute: 0 }, "Asia/Kolkata", "2025-01-01T00:10:00Z", 1)).toEqual([{ at: "2025-01-01T00:30:00.000Z", local: "2025-01-01 06:00:00", utcOffset: "+05:30" }]);
    expect(preview({ every: "cron", expression: "0 0 * * *" }, "UTC", "2025-01-01T00:00:00Z", 1)).toEqual([{ at: "2025-01-02T00:00:00.000Z", local: "2025-01-02 00:00:00", utcOffset: "+00:00" }]);
  });
});

describe("isZoneDependent", () => {
  it.each<[TSchedule, boolean]>([
    [{ every: "seconds", interval: 5 }, false],
    [{ every: "minutes", interval: 45 }, false],
    [{ every: "hourly", interval: 1, minute: 0 }, true],
    [{ every: "daily", interval: 1, time: "09:00" }, true],
    [{ every: "weekly", weekdays: [1], time: "09:00" }, true],
    [{ every: "cron", expression: "* * * * * *" }, true],
  ])("%j → %s", (schedule, expected) => {
    expect(isZoneDependent(schedule)).toBe(expected);
  });
});

describe("validateCronExpression", () => {
  it.each(["0 9 * * 1-5", "*/5 * * * * *", "0 0 L * *", "0 12 * * MON#1", "0 0 30 2 *", " 0  9 * * * "])("accepts %j", (expression) => {
    expect(validateCronExpression(expression)).toBeNull();
  });

  it.each([
    ["61 * * * *", "Invalid value for minute: 61"],
    ["*/0 * * * *", "Syntax error, illegal stepping: 0"],
    ["0 9 * * FUNDAY", "configuration entry 5 (FUNDAY) contains illegal characters."],
  ])("gives croner's reason for %j", (expression, reason) => {
    expect(validateCronExpression(expression)).toBe(reason);
  });

  it.each(["", "* * * *", "* * * * * * *", "@daily", "2030-01-01T00:00:00"])("refuses %j: a schedule has 5 or 6 fields", (expression) => {
    expect(validateCronExpression(expression)).toBe("A cron expression has 5 fields, or 6 with seconds first");
  });
});
