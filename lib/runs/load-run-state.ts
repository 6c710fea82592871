import "server-only";
import { sql } from "@/lib/db/sql";
import type { TStepError, TStepRecord } from "@/lib/engine/executor/types";
import { type TWorkflowGraph, ZWorkflowGraph } from "@/lib/schemas/workflow";

// Deployed versions never change, so a worker parses each one once.
const versionCache = new Map<string, TWorkflowGraph>();
const VERSION_CACHE_LIMIT = 500;

export async function loadVersionGraph(projectId: string, versionId: string): Promise<TWorkflowGraph> {
  const cached = versionCache.get(versionId);
  if (cached) return cached;
  const [version] = await sql.query<{ graph: unknown }>(`SELECT "graph" FROM "WorkflowVersion" WHERE "id" = $1::uuid AND "projectId" = $2::uuid`, [versionId, projectId]);
  if (!version) throw new Error(`Workflow version ${versionId} not found`);
  const graph = ZWorkflowGraph.parse(version.graph);
  if (versionCache.size >= VERSION_CACHE_LIMIT) versionCache.delete(versionCache.keys().next().value as string);
  versionCache.set(versionId, graph);
  return graph;
}

/** The latest attempt of every step and lane of a run. */
export async function loadStepRecords(projectId: string, runId: string): Promise<Map<string, TStepRecord>> {
  const rows = await sql.query<{ stepId: string; lane: string; attempt: number; status: "succeeded" | "failed"; output: unknown; error: unknown; retryAt: Date | null }>(
    `SELECT DISTINCT ON ("stepId", "lane") "stepId", "lane", "attempt", "status", "output", "error", "retryAt"
     FROM "StepRun" WHERE "runId" = $1::uuid AND "projectId" = $2::uuid AND "status" <> 'running'
     ORDER BY "stepId", "lane", "attempt" DESC`,
    [runId, projectId],
  );
  return new Map(
    rows.map((row) => [
      recordKey(row.stepId, row.lane),
      { stepId: row.stepId, lane: row.lane, attempt: row.attempt, status: row.status, output: row.output, error: (row.error ?? undefined) as TStepError | undefined, retryAt: row.retryAt },
    ]),
  );
}

export function recordKey(stepId: string, lane: string): string {
  return `${lane}\u0000${stepId}`;
}
