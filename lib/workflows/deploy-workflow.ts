import "server-only";
import { db } from "@/lib/db/client";
import { engineLimits } from "@/lib/engine/limits";
import { validateWorkflow } from "@/lib/engine/validate-workflow";
import { AppError, notFound } from "@/lib/http/errors";
import type { TWorkflowVersion } from "@/lib/schemas/workflow-api";
import { holdScheduleTicks, SCHEDULE_CHANGE_TRANSACTION, syncDeployedSchedule } from "@/lib/schedules/sync-deployed-schedule";
import { deployedTriggerColumns } from "./deployed-trigger";
import { getWorkflowVersion } from "./get-workflow-version";
import { readStoredGraph } from "./serialize-workflow";

/**
 * Snapshots the draft as the next immutable version and points new runs at it. The version, the
 * pointer and the trigger columns dispatch reads are written in one transaction.
 */
export async function deployWorkflow(options: {
  projectId: string;
  workflowId: string;
  createdById: string | null;
}): Promise<TWorkflowVersion> {
  const { projectId, workflowId, createdById } = options;
  const where = { id: workflowId, projectId };
  const workflow = await db.workflow.findFirst({ where, select: { draft: true, draftRevision: true } });
  if (!workflow) throw notFound("Workflow");

  const appEvents = await db.appEvent.findMany({ where: { projectId }, select: { id: true } });
  const { problems } = validateWorkflow(workflow.draft, { appEventIds: new Set(appEvents.map((event) => event.id)), limits: engineLimits() });
  if (problems.length > 0) {
    throw new AppError("validation_failed", "The workflow cannot be deployed yet; fix the problems listed", { details: problems });
  }

  const graph = readStoredGraph(workflow.draft);
  const { trigger } = graph;
  const versionId = await db.$transaction(async (tx) => {
    await holdScheduleTicks(tx, { projectId, workflowId });
    // This write locks the workflow row, so concurrent deploys number their versions one after the
    // other, and its revision condition refuses a draft saved since the validation above.
    const locked = await tx.workflow.updateMany({
      where: { ...where, draftRevision: workflow.draftRevision },
      data: deployedTriggerColumns(workflowId, trigger),
    });
    if (locked.count === 0) throw new AppError("conflict", "The draft changed while it was being deployed; deploy again");
    const latest = await tx.workflowVersion.aggregate({ where: { workflowId, projectId, kind: "deployed" }, _max: { version: true } });
    const version = await tx.workflowVersion.create({
      data: { projectId, workflowId, version: (latest._max.version ?? 0) + 1, graph, createdById },
      select: { id: true },
    });
    await tx.workflow.update({ where, data: { deployedVersionId: version.id } });
    await syncDeployedSchedule(tx, { projectId, workflowId, versionId: version.id, trigger });
    return version.id;
  }, SCHEDULE_CHANGE_TRANSACTION);
  return getWorkflowVersion({ projectId, workflowId, versionId });
}
