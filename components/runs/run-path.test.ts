import { describe, expect, it } from "vitest";
import type { TStepRun } from "@/lib/schemas/run";
import { isWaitingToRetry, traceSteps } from "./run-path";

function attempt(overrides: Partial<TStepRun>): TStepRun {
  return {
    id: crypto.randomUUID(),
    stepId: "request_1",
    lane: "",
    attempt: 1,
    retryAttempt: 1,
    status: "failed",
    input: null,
    output: null,
    error: { code: "http_error", message: "HTTP 503" },
    logs: null,
    retryAt: null,
    startedAt: "2025-01-01T00:00:00.000Z",
    finishedAt: "2025-01-01T00:00:01.000Z",
    durationMs: 1000,
    ...overrides,
  } as TStepRun;
}

describe("isWaitingToRetry", () => {
  it("is true for a waiting run whose step failed and will be retried: the list and the step both say Retrying", () => {
    const traces = traceSteps([attempt({ retryAt: "2025-01-01T00:01:00.000Z" })]);
    expect(traces.get("request_1")?.state).toBe("retrying");
    expect(isWaitingToRetry("waiting", traces)).toBe(true);
  });

  it("is false for a run waiting out a Delay, and for a run that is not waiting", () => {
    const delayed = traceSteps([attempt({ stepId: "delay_1", status: "succeeded", error: null, output: { resumeAt: "2025-01-01T01:00:00.000Z" } })]);
    expect(isWaitingToRetry("waiting", delayed)).toBe(false);
    expect(isWaitingToRetry("running", traceSteps([attempt({ retryAt: "2025-01-01T00:01:00.000Z" })]))).toBe(false);
  });
});
