import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TWorkflow } from "@/lib/schemas/workflow-api";
import { holdScheduleTicks, SCHEDULE_CHANGE_TRANSACTION, syncDeployedSchedule } from "@/lib/schedules/sync-deployed-schedule";
import { UNDEPLOYED_TRIGGER_COLUMNS } from "./deployed-trigger";
import { serializeWorkflow, workflowSelect } from "./serialize-workflow";

/**
 * Clearing the trigger columns is what stops new runs: dispatch finds listeners through them. Runs
 * already created keep pointing at their version and finish on it.
 */
export async function undeployWorkflow(options: { projectId: string; workflowId: string }): Promise<TWorkflow> {
  const where = { id: options.workflowId, projectId: options.projectId };
  const row = await db.$transaction(async (tx) => {
    await holdScheduleTicks(tx, options);
    const updated = await tx.workflow.updateMany({
      where,
      data: { deployedVersionId: null, ...UNDEPLOYED_TRIGGER_COLUMNS },
    });
    if (updated.count === 0) throw notFound("Workflow");
    // In the transaction that stops dispatch: a tick being fired holds the schedule's lock, and this waits for it.
    await syncDeployedSchedule(tx, { projectId: options.projectId, workflowId: options.workflowId, versionId: null, trigger: null });
    return tx.workflow.findFirstOrThrow({ where, select: workflowSelect });
  }, SCHEDULE_CHANGE_TRANSACTION);
  return serializeWorkflow(row);
}
