import "server-only";
import { touchUsers } from "@/lib/events/write-events";
import { AppError } from "@/lib/http/errors";
import type { TRunAnswer } from "@/lib/runs/run-outcomes";
import { ZUuid } from "@/lib/schemas/common";
import { REQUEST_PARTS } from "@/lib/schemas/workflow";
import type { TRequestTriggerInput } from "@/lib/workflows/request-trigger-input";
import { requestSchemaMismatches } from "@/lib/workflows/request-trigger-schemas";
import { dispatchRequest, findCallableWorkflow } from "./dispatch-request";
import { requestTriggerConfig, type TRequestTriggerConfig } from "./request-trigger-config";
import { listenForRunOutcomes, waitForRunOutcome } from "./run-outcome-listener";

export type TRequestCall = {
  projectId: string;
  workflowId: string;
  /** The calling end user's external id (the user token's `sub`). */
  userExternalId: string;
  input: TRequestTriggerInput;
  /** When the call arrived (Date.now()): its timeout counts from here. */
  receivedAt: number;
};

/** accepted: the run is committed and the workflow has no Response step to wait for (or the run ended without reaching one). */
export type TRequestCallResult = { kind: "accepted"; runId: string } | { kind: "answered"; runId: string; answer: TRunAnswer };

/**
 * Calls a workflow's Request trigger for one user: finds the workflow and checks that it runs for the user,
 * checks the call against the trigger's schemas, then starts the run through the shared dispatch statement and
 * waits, on this process's one LISTEN connection, for what the worker running it announces. Nothing is written
 * for a refused call. Every answer comes after the run is committed: the Response step's answer as soon as it
 * is; 202 without one; a 504 (timeout) with the run's status path when the trigger's timeout passes first,
 * while the run goes on; 502 (run_failed) when the run fails before it answers.
 */
export async function callRequestTrigger(call: TRequestCall): Promise<TRequestCallResult> {
  if (!ZUuid.safeParse(call.workflowId).success) throw new AppError("not_found", "Workflow not found");
  const found = await findCallableWorkflow(call);
  const config = await requestTriggerConfig(call.projectId, found.versionId);
  // The version deployed between the two reads has another trigger: the same refusal as when found so.
  if (!config) throw new AppError("not_found", "This workflow is not started by a Request trigger");
  refuseMismatches(config, call.input);
  if (config.answers) {
    try {
      await listenForRunOutcomes();
    } catch (error) {
      console.error(`[switchyard] cannot listen for run outcomes: ${(error as Error).message}`);
      throw new AppError("unavailable", "Switchyard cannot wait for workflow responses right now; try again shortly");
    }
  }
  const runId = await dispatchRequest(call);
  if (!runId) {
    // Undeployed or switched off since it was found: findCallableWorkflow says which, or it runs again now.
    await findCallableWorkflow(call);
    throw new AppError("conflict", "The workflow changed while it was called; call it again");
  }
  if (found.connectedUserId && found.userSeenLongAgo) touchUsers(call.projectId, [call.userExternalId]).catch(() => {});
  if (!config.answers) return { kind: "accepted", runId };

  const outcome = await waitForRunOutcome(runId, call.receivedAt + config.timeoutMs - Date.now());
  if (outcome.kind === "answered") return { kind: "answered", runId, answer: outcome.answer };
  if (outcome.kind === "ended" && outcome.status === "succeeded") return { kind: "accepted", runId };
  const details = { runId, statusUrl: sdkRunPath(call.projectId, runId) };
  if (outcome.kind === "ended") {
    throw new AppError("run_failed", "The workflow failed before it reached a Response step; its run has the details", { details });
  }
  const seconds = config.timeoutMs / 1000;
  throw new AppError("timeout", `The workflow did not reach a Response step within ${seconds} second${seconds === 1 ? "" : "s"}; its run goes on, and its status URL has its response once it has one`, { details });
}

/** Where the calling user reads a run's status and response (GET), relative to this server's origin. */
export function sdkRunPath(projectId: string, runId: string): string {
  return `/projects/${projectId}/sdk/runs/${runId}`;
}

function refuseMismatches(config: TRequestTriggerConfig, input: TRequestTriggerInput): void {
  const details = REQUEST_PARTS.flatMap((part) => {
    const validate = config.validators[part];
    return validate ? requestSchemaMismatches(validate, input[part]).map((mismatch) => ({ in: part, ...mismatch })) : [];
  });
  if (details.length > 0) throw new AppError("validation_failed", "The request does not match this workflow's Request trigger", { details });
}
