import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { ZWorkflowGraph } from "@/lib/schemas/workflow";
import type { TUpdateWorkflowDraftRequest, TWorkflow } from "@/lib/schemas/workflow-api";
import { serializeWorkflow, workflowSelect } from "./serialize-workflow";

/**
 * Saves the draft only if nobody saved it since `draftRevision`: the revision check and the write are
 * one statement, so of two editors starting from the same revision exactly one wins.
 */
export async function updateWorkflowDraft(
  options: TUpdateWorkflowDraftRequest & { projectId: string; workflowId: string },
): Promise<TWorkflow> {
  const { projectId, workflowId, draftRevision, graph, name, description, enabledForAllUsers } = options;
  const where = { id: workflowId, projectId };
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.workflow.updateMany({
      where: { ...where, draftRevision },
      data: {
        name,
        description,
        enabledForAllUsers,
        ...(graph ? { draft: ZWorkflowGraph.parse(graph) } : {}),
        draftRevision: { increment: 1 },
      },
    });
    // Read in the same transaction: the row stays locked, so the answer is this save, not a later one.
    if (updated.count === 1) return tx.workflow.findFirstOrThrow({ where, select: workflowSelect });
    const current = await tx.workflow.findFirst({ where, select: { draftRevision: true } });
    if (!current) throw notFound("Workflow");
    throw new AppError(
      "conflict",
      `The draft was changed elsewhere and is now at revision ${current.draftRevision}; reload it and apply your changes again`,
      { details: { currentRevision: current.draftRevision } },
    );
  });
  return serializeWorkflow(row);
}
