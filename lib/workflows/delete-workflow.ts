import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";

/** Its versions, runs and user activations go with it (cascades in the schema). */
export async function deleteWorkflow(options: { projectId: string; workflowId: string }): Promise<void> {
  const deleted = await db.workflow.deleteMany({ where: { id: options.workflowId, projectId: options.projectId } });
  if (deleted.count === 0) throw notFound("Workflow");
}
