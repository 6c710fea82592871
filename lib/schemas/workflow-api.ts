// What the management API says about workflows: requests, answers and the portable export document.
// The graph itself is ZWorkflowGraph (./workflow), shared with the editor and the engine.
import { z } from "zod";
import { ZIsoDateTime, ZName, ZUuid } from "./common";
import { ZExternalUserId } from "./connected-user";
import { ZRunStatus, ZStepError, ZStepLog } from "./run";
import { ZTrigger, ZWorkflowGraph, type TWorkflowGraph } from "./workflow";

/** The graph a new workflow starts with: an App Event trigger still to be chosen, and nothing after it. */
export function emptyWorkflowGraph(): TWorkflowGraph {
  return { trigger: { type: "app_event", appEventId: null }, steps: [], edges: [] };
}

const ZDescription = z.string().trim().max(2000, "Use at most 2,000 characters");

export const ZWorkflowState = z
  .enum(["draft", "deployed", "changed"])
  .meta({ description: "draft: never deployed (or undeployed); changed: deployed, and the draft differs from the deployed version" });
export type TWorkflowState = z.infer<typeof ZWorkflowState>;

export const ZWorkflowSummary = z
  .object({
    id: ZUuid,
    name: z.string(),
    description: z.string(),
    trigger: ZTrigger,
    state: ZWorkflowState,
    deployedVersion: z.int().nullable().meta({ description: "The number of the version new runs use" }),
    enabledForAllUsers: z.boolean(),
    draftRevision: z.int().meta({ description: "Send it back with the next PATCH; it goes up on every save" }),
    createdAt: ZIsoDateTime,
    updatedAt: ZIsoDateTime,
  })
  .meta({ id: "WorkflowSummary" });
export type TWorkflowSummary = z.infer<typeof ZWorkflowSummary>;

export const ZWorkflow = ZWorkflowSummary.extend({
  graph: ZWorkflowGraph,
  deployedVersionId: ZUuid.nullable(),
}).meta({ id: "Workflow" });
export type TWorkflow = z.infer<typeof ZWorkflow>;

export const ZWorkflowListItem = ZWorkflowSummary.extend({
  triggerAppEvent: z
    .object({ id: ZUuid, name: z.string() })
    .nullable()
    .meta({ description: "The App Event the draft's trigger listens to; null for other triggers, or when none is chosen" }),
  lastRun: z
    .object({ id: ZUuid, status: ZRunStatus, createdAt: ZIsoDateTime })
    .nullable()
    .meta({ description: "The most recent run (test runs included); null when it never ran" }),
  runsLast24h: z.int().min(0).meta({ description: "Runs created in the last 24 hours, test runs included" }),
  schedule: z
    .object({
      nextTickAt: ZIsoDateTime.nullable().meta({
        description: "The soonest next tick of its zones (the workflow's and those its users name); null while paused, or when no tick is left",
      }),
      paused: z.boolean(),
    })
    .nullable()
    .meta({ description: "The deployed schedule; null unless the deployed version has a schedule trigger" }),
}).meta({ id: "WorkflowListItem" });
export type TWorkflowListItem = z.infer<typeof ZWorkflowListItem>;

export const ZWorkflowList = z.object({ workflows: z.array(ZWorkflowListItem) });

export const ZListWorkflowsQuery = z.object({
  q: z.string().trim().max(100).optional().meta({ description: "Only workflows whose name contains this (any case)" }),
});

export const ZCreateWorkflowRequest = z
  .object({
    name: ZName,
    description: ZDescription.default(""),
    graph: ZWorkflowGraph.optional().meta({ description: "Defaults to an App Event trigger and no steps" }),
    enabledForAllUsers: z.boolean().default(false),
  })
  .meta({ id: "CreateWorkflowRequest" });
export type TCreateWorkflowRequest = z.infer<typeof ZCreateWorkflowRequest>;

export const ZUpdateWorkflowDraftRequest = z
  .object({
    draftRevision: z.int().min(1).meta({ description: "The revision this edit started from" }),
    name: ZName.optional(),
    description: ZDescription.optional(),
    graph: ZWorkflowGraph.optional(),
    enabledForAllUsers: z.boolean().optional(),
  })
  .meta({ id: "UpdateWorkflowDraftRequest" });
export type TUpdateWorkflowDraftRequest = z.infer<typeof ZUpdateWorkflowDraftRequest>;

export const ZDuplicateWorkflowRequest = z
  .object({ name: ZName.optional().meta({ description: "Defaults to the original's name followed by “ (copy)”" }) })
  .meta({ id: "DuplicateWorkflowRequest" });
export type TDuplicateWorkflowRequest = z.infer<typeof ZDuplicateWorkflowRequest>;

export const ZWorkflowVersionAuthor = z.object({ id: ZUuid, name: z.string() });

export const ZWorkflowVersionSummary = z
  .object({
    id: ZUuid,
    version: z.int(),
    createdAt: ZIsoDateTime,
    createdBy: ZWorkflowVersionAuthor.nullable().meta({ description: "null when an API key deployed it" }),
    deployed: z.boolean().meta({ description: "Whether new runs use this version" }),
  })
  .meta({ id: "WorkflowVersionSummary" });
export type TWorkflowVersionSummary = z.infer<typeof ZWorkflowVersionSummary>;

export const ZWorkflowVersion = ZWorkflowVersionSummary.extend({ graph: ZWorkflowGraph }).meta({ id: "WorkflowVersion" });
export type TWorkflowVersion = z.infer<typeof ZWorkflowVersion>;

export const ZWorkflowVersionList = z.object({ versions: z.array(ZWorkflowVersionSummary) });

export const ZWorkflowExport = z
  .object({
    switchyard: z.literal("workflow"),
    version: z.literal(1).meta({ description: "The version of this document format" }),
    name: ZName,
    description: ZDescription.default(""),
    enabledForAllUsers: z.boolean().default(false),
    graph: ZWorkflowGraph,
  })
  .meta({ id: "WorkflowExport", description: "A workflow's draft as a portable document, for import into any project" });
export type TWorkflowExport = z.infer<typeof ZWorkflowExport>;

export const ZTestStepRequest = z
  .object({
    stepId: z.string().min(1).max(64).meta({ description: "The id of a request or function step of the saved draft" }),
    triggerPayload: z.unknown().default({}).meta({ description: "What {{trigger.payload…}} resolves against ({} when left out); for a Request trigger, the call as { body, query, headers }" }),
    stepOutputs: z
      .record(z.string(), z.unknown())
      .default({})
      .meta({ description: "Outputs of upstream steps by step id, for {{steps.<id>.output…}}" }),
    user: z
      .object({ id: ZExternalUserId, metadata: z.unknown().default({}) })
      .optional()
      .meta({ description: "The connected user for {{user…}}; none when left out" }),
    settings: z.record(z.string(), z.unknown()).default({}).meta({ description: "The user's workflow settings for {{settings…}}" }),
  })
  .meta({ id: "TestStepRequest" });
export type TTestStepRequest = z.input<typeof ZTestStepRequest>;

export const ZTestStepResult = z
  .object({
    status: z.enum(["succeeded", "failed"]),
    input: z.unknown().meta({ description: "What the step sent after resolving its templates (Authorization values masked)" }),
    output: z.unknown().optional(),
    error: ZStepError.optional().meta({ description: "The typed step error when it failed" }),
    logs: z.array(ZStepLog),
    durationMs: z.int().min(0),
  })
  .meta({ id: "TestStepResult", description: "One execution of one step; nothing is persisted and nothing is retried" });
export type TTestStepResult = z.infer<typeof ZTestStepResult>;
