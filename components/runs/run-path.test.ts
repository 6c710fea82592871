import { describe, expect, it } from "vitest";
import type { TStepRun } from "@/lib/schemas/run";
import { traceSteps } from "./run-path";

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

describe("traceSteps", () => {
  it("calls a step Retrying while its failed attempt will be retried, and Failed once it will not", () => {
    expect(traceSteps([attempt({ retryAt: "2025-01-01T00:01:00.000Z" })]).get("request_1")?.state).toBe("retrying");
    expect(traceSteps([attempt({ retryAt: null })]).get("request_1")?.state).toBe("failed");
  });
});
