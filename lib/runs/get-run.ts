import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TRunDetail, TRunSummary } from "@/lib/schemas/run";
import { runDetailSelect, runSummarySelect, serializeRunDetail, serializeRunSummary, stepRunSelect } from "./serialize-run";

/** A run with the graph of its version and every attempt of every step, in the order they started. */
export async function getRun(options: { projectId: string; runId: string }): Promise<TRunDetail> {
  const where = { id: options.runId, projectId: options.projectId };
  const [run, steps] = await Promise.all([
    db.run.findFirst({ where, select: runDetailSelect }),
    db.stepRun.findMany({
      where: { runId: options.runId, projectId: options.projectId },
      select: stepRunSelect,
      orderBy: [{ startedAt: "asc" }, { lane: "asc" }, { stepId: "asc" }, { attempt: "asc" }],
    }),
  ]);
  if (!run) throw notFound("Run");
  return serializeRunDetail(run, steps);
}

export async function getRunSummary(options: { projectId: string; runId: string }): Promise<TRunSummary> {
  const run = await db.run.findFirst({ where: { id: options.runId, projectId: options.projectId }, select: runSummarySelect });
  if (!run) throw notFound("Run");
  return serializeRunSummary(run);
}
