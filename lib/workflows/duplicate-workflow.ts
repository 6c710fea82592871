import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TWorkflow } from "@/lib/schemas/workflow-api";
import { createWorkflow } from "./create-workflow";
import { readStoredGraph } from "./serialize-workflow";

const NAME_MAX = 100;

/** "<name> (copy)", shortened so it still fits the 100 characters a name may have. */
function copyName(name: string): string {
  const suffix = " (copy)";
  return `${name.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
}

/**
 * A new draft with the original's draft graph, description and all-users switch. Never deployed:
 * the copy would otherwise start runs next to the original for the same triggers.
 */
export async function duplicateWorkflow(options: { projectId: string; workflowId: string; name?: string }): Promise<TWorkflow> {
  const original = await db.workflow.findFirst({
    where: { id: options.workflowId, projectId: options.projectId },
    select: { name: true, description: true, enabledForAllUsers: true, draft: true },
  });
  if (!original) throw notFound("Workflow");
  return createWorkflow({
    projectId: options.projectId,
    name: options.name ?? copyName(original.name),
    description: original.description,
    enabledForAllUsers: original.enabledForAllUsers,
    graph: readStoredGraph(original.draft),
  });
}
