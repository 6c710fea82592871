import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TWorkflowVersionSummary } from "@/lib/schemas/workflow-api";
import { findVersionAuthors, serializeWorkflowVersionSummary, workflowVersionSelect } from "./serialize-workflow-version";

export async function listWorkflowVersions(options: { projectId: string; workflowId: string }): Promise<TWorkflowVersionSummary[]> {
  const workflow = await db.workflow.findFirst({
    where: { id: options.workflowId, projectId: options.projectId },
    // Test-run snapshots of drafts are versions too, but not deployed history.
    select: { versions: { where: { kind: "deployed" }, select: workflowVersionSelect, orderBy: { version: "desc" } } },
  });
  if (!workflow) throw notFound("Workflow");
  const authors = await findVersionAuthors(workflow.versions);
  return workflow.versions.map((row) => serializeWorkflowVersionSummary(row, authors));
}
