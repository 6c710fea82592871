import { describe, expect, it } from "vitest";
import { PreciseDate, preciseNow } from "./precise-clock";

describe("preciseNow", () => {
  it("carries its tie-break as microseconds in its ISO form and JSON", () => {
    const date = new PreciseDate(1_764_200_000_123, 7);
    expect(date.toISOString()).toBe("2025-11-26T23:33:20.123007Z");
    expect(JSON.stringify({ date })).toBe('{"date":"2025-11-26T23:33:20.123007Z"}');
    expect(date.getTime()).toBe(1_764_200_000_123);
  });

  it("orders readings taken within one millisecond, without leaving the Date's millisecond", () => {
    const readings = Array.from({ length: 200 }, () => preciseNow());
    for (let i = 1; i < readings.length; i++) {
      expect(readings[i].toISOString() > readings[i - 1].toISOString()).toBe(true);
      expect(readings[i].micros).toBeLessThan(500);
    }
    expect(Math.abs(preciseNow().getTime() - Date.now())).toBeLessThan(50);
  });
});
