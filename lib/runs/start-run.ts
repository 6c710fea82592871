import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { engineLimits } from "@/lib/engine/limits";
import { validateWorkflow } from "@/lib/engine/validate-workflow";
import { AppError } from "@/lib/http/errors";
import { type TWorkflowGraph, ZWorkflowGraph } from "@/lib/schemas/workflow";
import { enqueueJobs, runJob } from "@/lib/jobs/job-specs";
import { testTriggerData } from "@/lib/workflows/test-trigger-data";

export type TStartRunOptions = {
  projectId: string;
  workflowId: string;
  /** The trigger payload the run starts with (an App Event's payload, a request's body…). */
  payload: unknown;
  /** The end user to run as, by external id; created when unknown. */
  userExternalId?: string | null;
  /** "deployed" runs the deployed version; "draft" snapshots and runs the current draft (a test run). */
  source: "deployed" | "draft";
};

/** "Run now": one run of one workflow, outside any trigger, for tests and the editor's test runs. */
export async function startRun(options: TStartRunOptions): Promise<{ runId: string; workflowVersionId: string }> {
  const workflow = await db.workflow.findFirst({
    where: { id: options.workflowId, projectId: options.projectId },
    select: { id: true, draft: true, deployedVersionId: true },
  });
  if (!workflow) throw new AppError("not_found", "Workflow not found");
  if (options.source === "deployed" && !workflow.deployedVersionId) {
    throw new AppError("conflict", "This workflow is not deployed; deploy it, or run its draft");
  }
  let draftGraph: TWorkflowGraph | undefined;
  if (options.source === "draft") {
    const appEventIds = new Set((await db.appEvent.findMany({ where: { projectId: options.projectId }, select: { id: true } })).map((event) => event.id));
    const { problems } = validateWorkflow(workflow.draft, { appEventIds, limits: engineLimits() });
    if (problems.length > 0) throw new AppError("validation_failed", "The draft has problems to fix before it can run", { details: problems });
    draftGraph = ZWorkflowGraph.parse(workflow.draft);
  }
  return db.$transaction(async (tx) => {
    const user = options.userExternalId
      ? await tx.connectedUser.upsert({
          where: { projectId_externalId: { projectId: options.projectId, externalId: options.userExternalId } },
          create: { projectId: options.projectId, externalId: options.userExternalId },
          update: {},
          select: { id: true },
        })
      : null;
    const versionId = draftGraph
      ? (await tx.workflowVersion.create({ data: { projectId: options.projectId, workflowId: workflow.id, kind: "test", version: 0, graph: draftGraph as object }, select: { id: true } })).id
      : (workflow.deployedVersionId as string);
    const graph = draftGraph ?? ZWorkflowGraph.parse((await tx.workflowVersion.findFirstOrThrow({ where: { id: versionId, projectId: options.projectId }, select: { graph: true } })).graph);
    const runId = randomUUID();
    await tx.run.create({
      data: {
        id: runId,
        projectId: options.projectId,
        workflowId: workflow.id,
        workflowVersionId: versionId,
        connectedUserId: user?.id ?? null,
        triggerType: graph.trigger.type,
        triggerRef: "manual",
        isTest: options.source === "draft",
        input: (await testTriggerData(options.projectId, graph.trigger, options.payload)) as object,
      },
    });
    await enqueueJobs(tx, [runJob(runId)]);
    return { runId, workflowVersionId: versionId };
  });
}
