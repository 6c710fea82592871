import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TWorkflow } from "@/lib/schemas/workflow-api";
import { serializeWorkflow, workflowSelect } from "./serialize-workflow";

export async function getWorkflow(options: { projectId: string; workflowId: string }): Promise<TWorkflow> {
  const row = await db.workflow.findFirst({
    where: { id: options.workflowId, projectId: options.projectId },
    select: workflowSelect,
  });
  if (!row) throw notFound("Workflow");
  return serializeWorkflow(row);
}
