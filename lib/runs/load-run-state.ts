import "server-only";
import type { TSql } from "@/lib/db/sql";
import type { TStepError, TStepRecord } from "@/lib/engine/executor/types";
import { type TWorkflowGraph, ZWorkflowGraph } from "@/lib/schemas/workflow";

// Versions never change, so a worker reads and parses each one once. The key holds the project as well as
// the version: the cache answers only what the project-scoped query below would have answered, so a run
// can never get another project's graph from it, whatever version id it carries.
const versionCache = new Map<string, TWorkflowGraph>();
const VERSION_CACHE_LIMIT = 500;

/** The run's version is gone or no longer reads as a workflow: the run cannot go on, whatever is retried. */
export class VersionUnavailable extends Error {}

export async function loadVersionGraph(tx: TSql, projectId: string, versionId: string): Promise<TWorkflowGraph> {
  const key = `${projectId}/${versionId}`;
  const cached = versionCache.get(key);
  if (cached) return cached;
  const [version] = await tx.query<{ graph: unknown }>(`SELECT "graph" FROM "WorkflowVersion" WHERE "id" = $1::uuid AND "projectId" = $2::uuid`, [versionId, projectId]);
  if (!version) throw new VersionUnavailable(`The workflow version ${versionId} this run executes no longer exists`);
  const parsed = ZWorkflowGraph.safeParse(version.graph);
  if (!parsed.success) throw new VersionUnavailable(`The workflow version ${versionId} this run executes cannot be read: ${parsed.error.issues[0]?.message ?? "invalid graph"}`);
  const graph = parsed.data;
  if (versionCache.size >= VERSION_CACHE_LIMIT) versionCache.delete(versionCache.keys().next().value as string);
  versionCache.set(key, graph);
  return graph;
}

/** The latest finished (or interrupted) attempt of every step and lane of a run. */
export async function loadStepRecords(tx: TSql, projectId: string, runId: string): Promise<Map<string, TStepRecord>> {
  const rows = await tx.query<{ stepId: string; lane: string; attempt: number; retryAttempt: number; status: TStepRecord["status"]; output: unknown; error: unknown; retryAt: Date | null }>(
    `SELECT DISTINCT ON ("stepId", "lane") "stepId", "lane", "attempt", "retryAttempt", "status", "output", "error", "retryAt"
     FROM "StepRun" WHERE "runId" = $1::uuid AND "projectId" = $2::uuid AND "status" <> 'running'
     ORDER BY "stepId", "lane", "attempt" DESC`,
    [runId, projectId],
  );
  return new Map(
    rows.map((row) => [
      recordKey(row.stepId, row.lane),
      { stepId: row.stepId, lane: row.lane, attempt: row.attempt, retryAttempt: row.retryAttempt, status: row.status, output: row.output, error: (row.error ?? undefined) as TStepError | undefined, retryAt: row.retryAt },
    ]),
  );
}

export function recordKey(stepId: string, lane: string): string {
  return `${lane}\u0000${stepId}`;
}
