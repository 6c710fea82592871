import { describe, expect, it } from "vitest";
import { idempotencyKeyOf } from "./idempotency-key";

const attempt = { runId: "1b4e28ba-2fa1-11d2-883f-0016d3cca427", stepId: "charge", lane: "", retryAttempt: 1 };

describe("idempotencyKeyOf", () => {
  it("is a UUID, the same for the same attempt", () => {
    const key = idempotencyKeyOf(attempt);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idempotencyKeyOf({ ...attempt })).toBe(key);
  });

  it("differs by run, step, lane and retry attempt", () => {
    const keys = [
      idempotencyKeyOf(attempt),
      idempotencyKeyOf({ ...attempt, runId: "1b4e28ba-2fa1-11d2-883f-0016d3cca428" }),
      idempotencyKeyOf({ ...attempt, stepId: "refund" }),
      idempotencyKeyOf({ ...attempt, lane: "fan[0]/" }),
      idempotencyKeyOf({ ...attempt, retryAttempt: 2 }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("cannot be forged by moving text between fields", () => {
    expect(idempotencyKeyOf({ ...attempt, stepId: "a", lane: "b/" })).not.toBe(idempotencyKeyOf({ ...attempt, stepId: "ab", lane: "/" }));
  });
});
