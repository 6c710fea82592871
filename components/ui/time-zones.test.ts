import { describe, expect, it } from "vitest";
import { formatZoneOffset, searchTimeZones, supportedTimeZones } from "./time-zones";

describe("searchTimeZones and formatZoneOffset", () => {
  const zones = ["UTC", "America/New_York", "America/Argentina/Buenos_Aires", "Europe/Berlin", "Pacific/Auckland", "Asia/Yangon"];

  it("finds a zone by its city however it is written, city matches first", () => {
    expect(searchTimeZones(zones, "new york")).toEqual(["America/New_York"]);
    expect(searchTimeZones(zones, "NEW_YORK")).toEqual(["America/New_York"]);
    expect(searchTimeZones(zones, "america/new")).toEqual(["America/New_York"]);
    expect(searchTimeZones(zones, "buenos")).toEqual(["America/Argentina/Buenos_Aires"]);
    expect(searchTimeZones(zones, "a")).toEqual(["Pacific/Auckland", "America/New_York", "America/Argentina/Buenos_Aires", "Asia/Yangon"]);
  });

  it("lists every zone for an empty search, and none for a stranger", () => {
    expect(searchTimeZones(zones, "  ")).toEqual(zones);
    expect(searchTimeZones(zones, "atlantis")).toEqual([]);
  });

  it("finds the zones at an offset now, however the offset is written", () => {
    const winter = Date.parse("2026-01-15T12:00:00Z");
    const summer = Date.parse("2026-07-15T12:00:00Z");
    const all = ["UTC", "Europe/Berlin", "Africa/Cairo", "Asia/Kolkata", "America/New_York", "America/St_Johns", "Asia/Kathmandu"];
    expect(searchTimeZones(all, "GMT+2", summer)).toEqual(["Europe/Berlin"]);
    expect(searchTimeZones(all, "GMT+2", winter)).toEqual(["Africa/Cairo"]);
    expect(searchTimeZones(all, "gmt+1", winter)).toEqual(["Europe/Berlin"]);
    expect(searchTimeZones(all, "utc +5:30", winter)).toEqual(["Asia/Kolkata"]);
    expect(searchTimeZones(all, "+05:45", winter)).toEqual(["Asia/Kathmandu"]);
    expect(searchTimeZones(all, "UTC-05:00", winter)).toEqual(["America/New_York"]);
    expect(searchTimeZones(all, "utc-4", summer)).toEqual(["America/New_York"]);
    expect(searchTimeZones(all, "-3:30", winter)).toEqual(["America/St_Johns"]);
    expect(searchTimeZones(all, "utc+0", winter)).toEqual(["UTC"]);
    // "utc" alone is a name as well as an offset: UTC by name, and nothing else of these.
    expect(searchTimeZones(all, "utc", winter)).toEqual(["UTC"]);
    expect(searchTimeZones(all, "gmt+1", winter)).not.toContain("Asia/Kolkata");
  });

  it("writes an offset as UTC±HH:MM, and nothing for a zone it cannot read", () => {
    const winter = Date.parse("2026-01-15T12:00:00Z");
    expect(formatZoneOffset("Asia/Kolkata", winter)).toBe("UTC+05:30");
    expect(formatZoneOffset("America/St_Johns", winter)).toBe("UTC-03:30");
    expect(formatZoneOffset("UTC", winter)).toBe("UTC+00:00");
    expect(formatZoneOffset("Mars/Olympus_Mons", winter)).toBe("");
  });

  it("offers UTC and the IANA zones", () => {
    const supported = supportedTimeZones();
    expect(supported[0]).toBe("UTC");
    expect(supported).toEqual(expect.arrayContaining(["Europe/Berlin", "America/New_York", "Australia/Sydney"]));
  });
});
