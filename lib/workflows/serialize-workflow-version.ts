import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { TWorkflowVersion, TWorkflowVersionSummary } from "@/lib/schemas/workflow-api";
import { readStoredGraph } from "./serialize-workflow";

export const workflowVersionSelect = {
  id: true,
  version: true,
  createdAt: true,
  createdById: true,
  deployedOf: { select: { id: true } },
} satisfies Prisma.WorkflowVersionSelect;

export const workflowVersionWithGraphSelect = { ...workflowVersionSelect, graph: true } satisfies Prisma.WorkflowVersionSelect;

type TVersionRow = Prisma.WorkflowVersionGetPayload<{ select: typeof workflowVersionSelect }>;
type TVersionWithGraphRow = Prisma.WorkflowVersionGetPayload<{ select: typeof workflowVersionWithGraphSelect }>;
export type TVersionAuthors = ReadonlyMap<string, { id: string; name: string }>;

/** The builders who deployed these versions, in one query. A deleted builder is simply absent. */
export async function findVersionAuthors(rows: readonly { createdById: string | null }[]): Promise<TVersionAuthors> {
  const ids = [...new Set(rows.flatMap((row) => (row.createdById ? [row.createdById] : [])))];
  if (ids.length === 0) return new Map();
  const builders = await db.builder.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(builders.map((builder) => [builder.id, builder]));
}

export function serializeWorkflowVersionSummary(row: TVersionRow, authors: TVersionAuthors): TWorkflowVersionSummary {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: (row.createdById && authors.get(row.createdById)) || null,
    deployed: row.deployedOf !== null,
  };
}

export function serializeWorkflowVersion(row: TVersionWithGraphRow, authors: TVersionAuthors): TWorkflowVersion {
  return { ...serializeWorkflowVersionSummary(row, authors), graph: readStoredGraph(row.graph) };
}
