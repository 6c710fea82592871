import "server-only";
import { db } from "@/lib/db/client";
import type { TWorkflowSummary } from "@/lib/schemas/workflow-api";
import { serializeWorkflowSummary, workflowSelect } from "./serialize-workflow";

// Prisma passes startsWith/contains to LIKE as they are, so % and _ would act as wildcards.
const escapeLikePattern = (text: string) => text.replace(/[\\%_]/g, "\\$&");

export async function listWorkflows(options: { projectId: string; q?: string }): Promise<TWorkflowSummary[]> {
  const rows = await db.workflow.findMany({
    where: {
      projectId: options.projectId,
      ...(options.q ? { name: { contains: escapeLikePattern(options.q), mode: "insensitive" as const } } : {}),
    },
    select: workflowSelect,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
  });
  return rows.map(serializeWorkflowSummary);
}
