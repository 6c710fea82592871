import { describe, expect, it } from "vitest";
import { backoffSecondsFor, nextRetryAt, retryPolicyOf, type TRetryPolicy } from "./retry-policy";

const now = new Date("2025-01-01T00:00:00.000Z");
const noJitter = () => 0.5;
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe("nextRetryAt", () => {
  const fiveDefault: TRetryPolicy = { maxRetries: 5 };

  it.each([
    [1, at(10)],
    [2, at(20)],
    [3, at(30)],
    [4, at(50)],
    [5, at(80)],
    [6, null],
  ])("default policy: after attempt %i → %s", (attempt, expected) => {
    expect(nextRetryAt({ attempt, policy: fiveDefault, now, random: noJitter })).toEqual(expected);
  });

  it.each<[string, TRetryPolicy, number, Date | null]>([
    ["no retries", { maxRetries: 0 }, 1, null],
    ["custom schedule", { maxRetries: 3, backoffSeconds: [1, 2] }, 2, at(2)],
    ["custom schedule repeats its last delay", { maxRetries: 3, backoffSeconds: [1, 2] }, 3, at(2)],
    ["default schedule repeats 80 s past five", { maxRetries: 10 }, 8, at(80)],
    ["empty custom schedule falls back to the default", { maxRetries: 2, backoffSeconds: [] }, 2, at(20)],
    ["attempt 0 is not a failure", { maxRetries: 5 }, 0, null],
    ["fractional attempt", { maxRetries: 5 }, 1.5, null],
  ])("%s", (_name, policy, attempt, expected) => {
    expect(nextRetryAt({ attempt, policy, now, random: noJitter })).toEqual(expected);
  });

  it.each([
    [0, at(9)],
    [0.75, at(10.5)],
    [0.999999, new Date(now.getTime() + 11_000)],
  ])("jitter with random() = %d stays within ±10 %%", (random, expected) => {
    expect(nextRetryAt({ attempt: 1, policy: fiveDefault, now, random: () => random })).toEqual(expected);
  });

  it("applies a custom jitter ratio, and none when it is 0", () => {
    expect(nextRetryAt({ attempt: 2, policy: fiveDefault, now, random: () => 0, jitterRatio: 0.5 })).toEqual(at(10));
    expect(nextRetryAt({ attempt: 2, policy: fiveDefault, now, random: () => 0, jitterRatio: 0 })).toEqual(at(20));
  });
});

describe("retryPolicyOf", () => {
  it.each([
    ["no retry block takes the default five retries", {}, { maxRetries: 5 }],
    ["an empty retry block takes the defaults", { retry: {} }, { maxRetries: 5, backoffSeconds: undefined }],
    ["explicit values", { retry: { maxRetries: 2, backoffSeconds: [3] } }, { maxRetries: 2, backoffSeconds: [3] }],
  ])("%s", (_name, step, expected) => {
    expect(retryPolicyOf(step)).toEqual(expected);
  });
});

describe("backoffSecondsFor", () => {
  it("clamps retry numbers below 1 to the first delay", () => {
    expect(backoffSecondsFor(0, { maxRetries: 5 })).toBe(10);
  });
});
