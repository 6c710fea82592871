import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TWorkflowVersion } from "@/lib/schemas/workflow-api";
import { findVersionAuthors, serializeWorkflowVersion, workflowVersionWithGraphSelect } from "./serialize-workflow-version";

export async function getWorkflowVersion(options: {
  projectId: string;
  workflowId: string;
  versionId: string;
}): Promise<TWorkflowVersion> {
  const row = await db.workflowVersion.findFirst({
    where: { id: options.versionId, workflowId: options.workflowId, projectId: options.projectId },
    select: workflowVersionWithGraphSelect,
  });
  if (!row) throw notFound("Workflow version");
  return serializeWorkflowVersion(row, await findVersionAuthors([row]));
}
