import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { enqueueJobs, runJob } from "@/lib/jobs/job-specs";

/**
 * Runs a past run's input again as a new run, on the version it ran ("original") or on the version
 * deployed now ("current"). The new run remembers which run it replays.
 */
export async function replayRun(options: { projectId: string; runId: string; version: "original" | "current" }): Promise<{ runId: string; workflowVersionId: string }> {
  const original = await db.run.findFirst({
    where: { id: options.runId, projectId: options.projectId },
    select: { id: true, workflowId: true, workflowVersionId: true, connectedUserId: true, triggerType: true, input: true, isTest: true, workflow: { select: { deployedVersionId: true } } },
  });
  if (!original) throw new AppError("not_found", "Run not found");
  const versionId = options.version === "original" ? original.workflowVersionId : original.workflow.deployedVersionId;
  if (!versionId) throw new AppError("conflict", "The workflow is not deployed now; replay on the original version instead");
  const runId = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.run.create({
      data: {
        id: runId,
        projectId: options.projectId,
        workflowId: original.workflowId,
        workflowVersionId: versionId,
        connectedUserId: original.connectedUserId,
        triggerType: original.triggerType,
        triggerRef: `replay:${original.id}`,
        replayOfRunId: original.id,
        isTest: original.isTest,
        input: original.input as object,
      },
    });
    await enqueueJobs(tx, [runJob(runId)]);
  });
  return { runId, workflowVersionId: versionId };
}
