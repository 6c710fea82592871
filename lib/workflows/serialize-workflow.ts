import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { Prisma } from "@/lib/db/client";
import type { TWorkflow, TWorkflowState, TWorkflowSummary } from "@/lib/schemas/workflow-api";
import { ZWorkflowGraph, type TWorkflowGraph } from "@/lib/schemas/workflow";

export const workflowSelect = {
  id: true,
  name: true,
  description: true,
  draft: true,
  draftRevision: true,
  enabledForAllUsers: true,
  deployedVersionId: true,
  createdAt: true,
  updatedAt: true,
  deployedVersion: { select: { version: true, graph: true } },
} satisfies Prisma.WorkflowSelect;

type TWorkflowRow = Prisma.WorkflowGetPayload<{ select: typeof workflowSelect }>;

/**
 * Graphs are parsed on write, so a stored graph that fails the schema is a server fault, not the
 * caller's: it must surface as a 500, never as a 422 about their request.
 */
export function readStoredGraph(json: Prisma.JsonValue): TWorkflowGraph {
  const parsed = ZWorkflowGraph.safeParse(json);
  if (!parsed.success) throw new Error(`A stored workflow graph does not match the schema: ${parsed.error.message}`);
  return parsed.data;
}

function stateOf(draft: TWorkflowGraph, deployed: TWorkflowGraph | null): TWorkflowState {
  if (!deployed) return "draft";
  return isDeepStrictEqual(draft, deployed) ? "deployed" : "changed";
}

function summarize(row: TWorkflowRow, draft: TWorkflowGraph): TWorkflowSummary {
  const deployed = row.deployedVersion ? readStoredGraph(row.deployedVersion.graph) : null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    trigger: draft.trigger,
    state: stateOf(draft, deployed),
    deployedVersion: row.deployedVersion?.version ?? null,
    enabledForAllUsers: row.enabledForAllUsers,
    draftRevision: row.draftRevision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function serializeWorkflowSummary(row: TWorkflowRow): TWorkflowSummary {
  return summarize(row, readStoredGraph(row.draft));
}

export function serializeWorkflow(row: TWorkflowRow): TWorkflow {
  const graph = readStoredGraph(row.draft);
  return { ...summarize(row, graph), graph, deployedVersionId: row.deployedVersionId };
}
