// Runs as Task History and the management API show them: a summary per run, the detail with every step
// attempt, the list filters, and the requests that start, replay and cancel runs. Client-safe.
import { z } from "zod";
import { ZIsoDateTime, ZUuid } from "./common";
import { ZExternalUserId } from "./connected-user";
import { ZWorkflowGraph } from "./workflow";

export const RUN_STATUSES = ["queued", "running", "waiting", "succeeded", "failed", "cancelled"] as const;
export const ZRunStatus = z.enum(RUN_STATUSES).meta({ id: "RunStatus" });
export type TRunStatus = z.infer<typeof ZRunStatus>;

/** Runs that may still change: Task History keeps refreshing them, and only these can be cancelled. */
export const ACTIVE_RUN_STATUSES: readonly TRunStatus[] = ["queued", "running", "waiting"];
export function isActiveRunStatus(status: TRunStatus): boolean {
  return ACTIVE_RUN_STATUSES.includes(status);
}

export const TRIGGER_TYPES = ["app_event", "schedule", "webhook", "request"] as const;
export const ZRunTriggerType = z.enum(TRIGGER_TYPES);
export type TRunTriggerType = z.infer<typeof ZRunTriggerType>;

/** What went wrong in a step attempt, as the engine records it. */
export const ZStepError = z
  .looseObject({
    code: z.string().meta({ description: "template_missing_path, request_blocked, http_error, function_error, timeout…" }),
    message: z.string(),
    details: z.unknown().optional(),
    retryable: z.boolean().optional(),
  })
  .meta({ id: "StepError" });
export type TStepError = z.infer<typeof ZStepError>;

/** Why a run failed: the error of the step that failed for good, and where it was. */
export const ZRunError = ZStepError.extend({ stepId: z.string(), lane: z.string() }).meta({ id: "RunError" });
export type TRunError = z.infer<typeof ZRunError>;

export const ZStepLog = z.object({ level: z.enum(["log", "info", "warn", "error"]), message: z.string() });
export type TStepLog = z.infer<typeof ZStepLog>;

/** What the trigger handed the run; replays run with it again. */
export const ZRunInput = z
  .looseObject({ type: z.string(), payload: z.unknown().optional() })
  .meta({ id: "RunInput", description: "App Event runs: { type, payload }; schedule runs: { type, scheduledAt, previousScheduledAt, timezone }; Request trigger runs: { type, body, query, headers }" });
export type TRunInput = z.infer<typeof ZRunInput>;

export const ZRunSummary = z
  .object({
    id: ZUuid,
    status: ZRunStatus,
    workflow: z.object({ id: ZUuid, name: z.string() }),
    workflowVersion: z.object({
      id: ZUuid,
      version: z.int().meta({ description: "0 for the draft snapshot of a test run" }),
      kind: z.enum(["deployed", "test"]),
    }),
    userId: ZExternalUserId.nullable().meta({ description: "The external id of the user it ran for; null when it ran for no user" }),
    triggerType: ZRunTriggerType,
    triggerRef: z.string().nullable().meta({ description: "What started it: an event id, a schedule tick, manual, replay:<run id>…" }),
    isTest: z.boolean(),
    replayOfRunId: ZUuid.nullable(),
    createdAt: ZIsoDateTime,
    startedAt: ZIsoDateTime.nullable(),
    finishedAt: ZIsoDateTime.nullable(),
    resumeAt: ZIsoDateTime.nullable().meta({ description: "When a waiting run continues (a delay or a retry back-off)" }),
    retrying: z.boolean().meta({ description: "Waiting to retry a failed step (its back-off), rather than for a Delay" }),
    waitingForSlot: z.boolean().meta({ description: "Queued (or due to resume) and waiting for one of its project's concurrency slots; it starts, oldest first, as the project's runs end" }),
    durationMs: z.int().nullable().meta({ description: "From start to finish; null until the run has finished" }),
    scheduledAt: ZIsoDateTime.nullable().meta({ description: "The tick a schedule run is for; null for other runs" }),
    latenessMs: z
      .int()
      .nullable()
      .meta({ description: "startedAt − scheduledAt: how late the run started after its tick (long for catch-up and backfill runs); null until it starts, and for other runs" }),
  })
  .meta({ id: "RunSummary" });
export type TRunSummary = z.infer<typeof ZRunSummary>;

export const ZRunList = z
  .object({
    runs: z.array(ZRunSummary),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
  })
  .meta({ id: "RunList" });
export type TRunList = z.infer<typeof ZRunList>;

/** One attempt of one step in one lane. */
export const ZStepRun = z
  .object({
    id: ZUuid,
    stepId: z.string(),
    lane: z.string().meta({ description: "The fan-out iteration, e.g. \"loop[3]/\"; empty outside any fan-out" }),
    attempt: z.int().min(1),
    retryAttempt: z.int().min(1).meta({ description: "The retry attempt this record belongs to: an attempt that re-runs an interrupted one keeps it (and its Idempotency-Key)" }),
    status: z
      .enum(["running", "succeeded", "failed", "interrupted"])
      .meta({ description: "interrupted: recorded as started (a Request about to be sent) and cut off when its worker was lost; the next record ran it again" }),
    input: z.unknown().meta({ description: "What the step worked with (resolved params); null when not recorded" }),
    output: z.unknown(),
    error: ZStepError.nullable(),
    logs: z.array(ZStepLog).nullable(),
    retryAt: ZIsoDateTime.nullable().meta({ description: "Set on a failed attempt that will be retried" }),
    startedAt: ZIsoDateTime,
    finishedAt: ZIsoDateTime.nullable(),
    durationMs: z.int().nullable(),
  })
  .meta({ id: "StepRun" });
export type TStepRun = z.infer<typeof ZStepRun>;

export const ZRunDetail = ZRunSummary.extend({
  workflow: z.object({
    id: ZUuid,
    name: z.string(),
    deployedVersion: z.int().nullable().meta({ description: "The version a replay on the current version would use" }),
  }),
  input: ZRunInput,
  output: z.unknown().meta({ description: "The last step's output, or the Response step's answer" }),
  error: ZRunError.nullable(),
  graph: ZWorkflowGraph.meta({ description: "The graph of the version this run executed" }),
  steps: z.array(ZStepRun).meta({ description: "Every attempt of every step, in the order they started; never truncated" }),
}).meta({ id: "RunDetail" });
export type TRunDetail = z.infer<typeof ZRunDetail>;

const ZStatusList = z
  .string()
  .transform((text) => text.split(",").map((part) => part.trim()).filter((part) => part !== ""))
  .pipe(z.array(ZRunStatus).min(1, "Name at least one status"));

export const ZRunListQuery = z.object({
  workflowId: ZUuid.optional(),
  userId: ZExternalUserId.optional().meta({ description: "The user's external id" }),
  status: ZStatusList.optional().meta({ description: "Comma-separated: queued,running,waiting,succeeded,failed,cancelled" }),
  triggerType: ZRunTriggerType.optional(),
  q: z
    .string()
    .trim()
    .max(255)
    .optional()
    .meta({
      description:
        "Search: a run id or the id of the event that started it (either, when this is a UUID), or part of the user's external id, in any case",
    }),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: "Runs created at or after this time" }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: "Runs created before this time" }),
  cursor: z.string().max(500).optional().meta({ description: "The nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TRunListQuery = z.infer<typeof ZRunListQuery>;

export const ZStartRunRequest = z
  .object({
    payload: z.unknown().optional().meta({ description: "The trigger payload the run starts with; for a Request trigger, the call as { body, query, headers }" }),
    userId: ZExternalUserId.optional().meta({ description: "Run as this user (external id); created when unknown" }),
    source: z
      .enum(["deployed", "draft"])
      .default("deployed")
      .meta({ description: "deployed: the version deployed now; draft: a test run of a snapshot of the current draft" }),
  })
  .meta({ id: "StartRunRequest" });
export type TStartRunRequest = z.infer<typeof ZStartRunRequest>;

export const ZReplayRunRequest = z
  .object({
    version: z
      .enum(["original", "current"])
      .default("current")
      .meta({ description: "current (default): the version deployed now; original: the version the run executed" }),
  })
  .meta({ id: "ReplayRunRequest" });
export type TReplayRunRequest = z.infer<typeof ZReplayRunRequest>;

export const ZStartedRun = z
  .object({ runId: ZUuid, workflowVersionId: ZUuid })
  .meta({ id: "StartedRun", description: "The run is queued; follow it with GET /projects/{projectId}/runs/{runId}" });
export type TStartedRun = z.infer<typeof ZStartedRun>;
