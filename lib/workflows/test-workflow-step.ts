import "server-only";
import { performance } from "node:perf_hooks";
import { db } from "@/lib/db/client";
import { requestAllowHosts } from "@/lib/engine/pinned-http";
import { SandboxBusyError, webSandboxPool } from "@/lib/engine/sandbox/sandbox-pool";
import { executeLeafStep } from "@/lib/engine/steps/execute-leaf-step";
import type { TStepOutcome } from "@/lib/engine/executor/types";
import { stepErrorOf } from "@/lib/engine/executor/walk-run";
import { AppError, notFound } from "@/lib/http/errors";
import type { TStepLog } from "@/lib/schemas/run";
import type { TTestStepResult } from "@/lib/schemas/workflow-api";
import type { TStepType } from "@/lib/schemas/workflow";
import { readStoredGraph } from "./serialize-workflow";
import { testTriggerData } from "./test-trigger-data";

/** Why a step cannot run alone: it only means something inside a run. */
const NOT_TESTABLE: Record<Exclude<TStepType, "request" | "function">, string> = {
  conditional: "a Condition step chooses a path through the run; test-run the workflow to see which one it takes",
  switch: "a Switch step chooses a path through the run; test-run the workflow to see which one it takes",
  fan_out: "a Fan-out step runs the steps inside it once per item; test those steps, or test-run the workflow",
  delay: "a Delay step only waits; test-run the workflow to see it",
  response: "a Response step only shapes the answer to the request; test-run the workflow to see it",
};

/** About one Function step's time limit: how long a full test-step pool takes to make room. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * Runs one Request or Function step of the saved draft once, with the trigger payload and upstream
 * outputs the builder gives: the engine's own leaf executor and address guard, no retries, nothing persisted.
 */
export async function testWorkflowStep(options: {
  projectId: string;
  workflowId: string;
  stepId: string;
  triggerPayload: unknown;
  stepOutputs: Record<string, unknown>;
  user?: { id: string; metadata: unknown };
  settings: Record<string, unknown>;
}): Promise<TTestStepResult> {
  const workflow = await db.workflow.findFirst({ where: { id: options.workflowId, projectId: options.projectId }, select: { draft: true } });
  if (!workflow) throw notFound("Workflow");
  const graph = readStoredGraph(workflow.draft);
  const step = graph.steps.find((candidate) => candidate.id === options.stepId);
  if (!step) {
    const message = `The saved draft has no step “${options.stepId}”; save the draft, then test the step`;
    throw new AppError("validation_failed", message, { details: [{ path: "stepId", message: "No step of the saved draft has this id" }] });
  }
  if (step.type !== "request" && step.type !== "function") {
    const message = `“${step.name}” cannot be tested on its own: ${NOT_TESTABLE[step.type]}`;
    throw new AppError("validation_failed", message, { details: [{ path: "stepId", message: "Only Request and Function steps can be tested on their own" }] });
  }

  // The scope a run would give this step (lib/engine/executor/walk-run.ts builds the same one).
  const scope = {
    trigger: await testTriggerData(options.projectId, graph.trigger, options.triggerPayload),
    steps: Object.fromEntries(Object.entries(options.stepOutputs).map(([id, output]) => [id, { output }])),
    user: options.user ?? {},
    settings: options.settings,
  };
  const started = performance.now();
  let outcome: TStepOutcome;
  try {
    // The web process's own small pool: a builder's code never runs on the loop that serves ingestion.
    outcome = await executeLeafStep(step, scope, { allowHosts: requestAllowHosts(), runFunction: (input) => webSandboxPool().run(input) });
  } catch (error) {
    if (error instanceof SandboxBusyError) {
      const message = "Too many steps are being tested right now; try again in a few seconds";
      throw new AppError("unavailable", message, { headers: { "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) } });
    }
    outcome = { ok: false, error: stepErrorOf(error) };
  }
  const durationMs = Math.max(0, Math.round(performance.now() - started));
  const logs = (outcome.logs as TStepLog[] | undefined) ?? [];
  const input = outcome.input ?? null;
  return outcome.ok
    ? { status: "succeeded", input, output: outcome.output ?? null, logs, durationMs }
    : { status: "failed", input, error: outcome.error, logs, durationMs };
}
