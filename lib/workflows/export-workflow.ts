import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TWorkflowExport } from "@/lib/schemas/workflow-api";
import { readStoredGraph } from "./serialize-workflow";

/** The draft as a portable document; ids of project-bound things (App Events) travel as they are. */
export async function exportWorkflow(options: { projectId: string; workflowId: string }): Promise<TWorkflowExport> {
  const row = await db.workflow.findFirst({
    where: { id: options.workflowId, projectId: options.projectId },
    select: { name: true, description: true, enabledForAllUsers: true, draft: true },
  });
  if (!row) throw notFound("Workflow");
  return {
    switchyard: "workflow",
    version: 1,
    name: row.name,
    description: row.description,
    enabledForAllUsers: row.enabledForAllUsers,
    graph: readStoredGraph(row.draft),
  };
}
