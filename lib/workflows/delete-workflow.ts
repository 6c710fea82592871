import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { SCHEDULE_CHANGE_TRANSACTION, syncDeployedSchedule } from "@/lib/schedules/sync-deployed-schedule";

/**
 * Its versions, runs, user activations and schedule go with it (cascades in the schema). The schedule is removed
 * first, in the lock order of a tick being fired, so that deleting a workflow mid-tick waits for the tick instead
 * of deadlocking with it.
 */
export async function deleteWorkflow(options: { projectId: string; workflowId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await syncDeployedSchedule(tx, { ...options, versionId: null, trigger: null });
    const deleted = await tx.workflow.deleteMany({ where: { id: options.workflowId, projectId: options.projectId } });
    if (deleted.count === 0) throw notFound("Workflow");
  }, SCHEDULE_CHANGE_TRANSACTION);
}
