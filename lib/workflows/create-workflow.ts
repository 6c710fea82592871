import "server-only";
import { db } from "@/lib/db/client";
import { ZWorkflowGraph, type TWorkflowGraph } from "@/lib/schemas/workflow";
import { emptyWorkflowGraph, type TWorkflow } from "@/lib/schemas/workflow-api";
import { serializeWorkflow, workflowSelect } from "./serialize-workflow";

export async function createWorkflow(options: {
  projectId: string;
  name: string;
  description?: string;
  graph?: TWorkflowGraph;
  enabledForAllUsers?: boolean;
}): Promise<TWorkflow> {
  const row = await db.workflow.create({
    data: {
      projectId: options.projectId,
      name: options.name,
      description: options.description ?? "",
      draft: ZWorkflowGraph.parse(options.graph ?? emptyWorkflowGraph()),
      enabledForAllUsers: options.enabledForAllUsers ?? false,
    },
    select: workflowSelect,
  });
  return serializeWorkflow(row);
}
