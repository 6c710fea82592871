import "server-only";
import type { TWorkflow, TWorkflowExport } from "@/lib/schemas/workflow-api";
import { createWorkflow } from "./create-workflow";

/** A new draft from an exported document; it is deployed only when a builder deploys it here. */
export async function importWorkflow(options: { projectId: string; document: TWorkflowExport }): Promise<TWorkflow> {
  const { name, description, enabledForAllUsers, graph } = options.document;
  return createWorkflow({ projectId: options.projectId, name, description, enabledForAllUsers, graph });
}
