import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TWorkflow } from "@/lib/schemas/workflow-api";
import { serializeWorkflow, workflowSelect } from "./serialize-workflow";

/**
 * Clearing the trigger columns is what stops new runs: dispatch finds listeners through them. Runs
 * already created keep pointing at their version and finish on it.
 */
export async function undeployWorkflow(options: { projectId: string; workflowId: string }): Promise<TWorkflow> {
  const where = { id: options.workflowId, projectId: options.projectId };
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.workflow.updateMany({
      where,
      data: { deployedVersionId: null, triggerType: null, triggerAppEventId: null },
    });
    if (updated.count === 0) throw notFound("Workflow");
    return tx.workflow.findFirstOrThrow({ where, select: workflowSelect });
  });
  return serializeWorkflow(row);
}
