import "server-only";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import type { TRunStatus } from "@/lib/schemas/run";
import type { TWorkflowListItem } from "@/lib/schemas/workflow-api";
import { serializeWorkflowSummary, workflowSelect } from "./serialize-workflow";

// Prisma passes startsWith/contains to LIKE as they are, so % and _ would act as wildcards.
const escapeLikePattern = (text: string) => text.replace(/[\\%_]/g, "\\$&");

type TRunStatsRow = { workflowId: string; id: string | null; status: TRunStatus | null; createdAt: Date | null; runsLast24h: number };

/**
 * The last run and the runs of the last 24 h of every listed workflow, in one statement: each lateral
 * subquery walks the ("projectId", "workflowId", "createdAt" DESC) index of one workflow.
 */
async function findRunStats(projectId: string, workflowIds: string[]): Promise<Map<string, TRunStatsRow>> {
  if (workflowIds.length === 0) return new Map();
  const rows = await sql.query<TRunStatsRow>(
    `SELECT w."id" AS "workflowId", last."id", last."status", last."createdAt", recent."count" AS "runsLast24h"
       FROM unnest($2::uuid[]) AS w("id")
       LEFT JOIN LATERAL (
         SELECT r."id", r."status"::text AS "status", r."createdAt" FROM "Run" r
          WHERE r."projectId" = $1::uuid AND r."workflowId" = w."id"
          ORDER BY r."createdAt" DESC, r."id" DESC LIMIT 1
       ) last ON true
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS "count" FROM "Run" r
          WHERE r."projectId" = $1::uuid AND r."workflowId" = w."id" AND r."createdAt" > now() - interval '24 hours'
       ) recent`,
    [projectId, workflowIds],
  );
  return new Map(rows.map((row) => [row.workflowId, row]));
}

type TScheduleStateRow = { workflowId: string; paused: boolean; nextTickAt: Date | null };

/**
 * The deployed schedules of the listed workflows, in one statement: paused or not, and the soonest next tick
 * of their zones (a paused schedule's stored ticks are stale until it resumes, so it has none).
 */
async function findScheduleStates(projectId: string, workflowIds: string[]): Promise<Map<string, TWorkflowListItem["schedule"]>> {
  if (workflowIds.length === 0) return new Map();
  const rows = await sql.query<TScheduleStateRow>(
    `SELECT s."workflowId", s."pausedAt" IS NOT NULL AS "paused", min(z."nextTickAt") AS "nextTickAt"
       FROM "Schedule" s
       LEFT JOIN "ScheduleZone" z ON z."workflowId" = s."workflowId"
      WHERE s."projectId" = $1::uuid AND s."workflowId" = ANY($2::uuid[])
      GROUP BY s."workflowId", s."pausedAt"`,
    [projectId, workflowIds],
  );
  return new Map(
    rows.map((row) => [row.workflowId, { paused: row.paused, nextTickAt: row.paused || !row.nextTickAt ? null : row.nextTickAt.toISOString() }]),
  );
}

export async function listWorkflows(options: { projectId: string; q?: string }): Promise<TWorkflowListItem[]> {
  const { projectId } = options;
  const rows = await db.workflow.findMany({
    where: {
      projectId,
      ...(options.q ? { name: { contains: escapeLikePattern(options.q), mode: "insensitive" as const } } : {}),
    },
    select: workflowSelect,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
  });
  const summaries = rows.map(serializeWorkflowSummary);
  const appEventIds = [...new Set(summaries.flatMap(({ trigger }) => (trigger.type === "app_event" && trigger.appEventId ? [trigger.appEventId] : [])))];
  const workflowIds = summaries.map((summary) => summary.id);
  const [runStats, schedules, appEvents] = await Promise.all([
    findRunStats(projectId, workflowIds),
    findScheduleStates(projectId, workflowIds),
    appEventIds.length === 0
      ? Promise.resolve([])
      : db.appEvent.findMany({ where: { projectId, id: { in: appEventIds } }, select: { id: true, name: true } }),
  ]);
  const appEventsById = new Map(appEvents.map((appEvent) => [appEvent.id, appEvent]));
  return summaries.map((summary) => {
    const stats = runStats.get(summary.id);
    const { trigger } = summary;
    return {
      ...summary,
      triggerAppEvent: (trigger.type === "app_event" && trigger.appEventId && appEventsById.get(trigger.appEventId)) || null,
      lastRun:
        stats?.id && stats.status && stats.createdAt ? { id: stats.id, status: stats.status, createdAt: stats.createdAt.toISOString() } : null,
      runsLast24h: stats?.runsLast24h ?? 0,
      schedule: schedules.get(summary.id) ?? null,
    };
  });
}
