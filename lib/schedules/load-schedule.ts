import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { loadVersionGraph } from "@/lib/runs/load-run-state";
import { sql } from "@/lib/db/sql";
import type { TScheduleTrigger } from "@/lib/schemas/workflow";

/** A workflow's deployed schedule with its trigger (spec and policies), or 404 when the workflow has none. */
export async function loadSchedule(options: { projectId: string; workflowId: string }) {
  const schedule = await db.schedule.findFirst({
    where: { workflowId: options.workflowId, projectId: options.projectId },
    include: { zones: { orderBy: { timezone: "asc" } } },
  });
  if (!schedule) throw notFound("Deployed schedule");
  const graph = await loadVersionGraph(sql, options.projectId, schedule.versionId);
  if (graph.trigger.type !== "schedule") throw notFound("Deployed schedule");
  return { schedule, trigger: graph.trigger as TScheduleTrigger };
}
