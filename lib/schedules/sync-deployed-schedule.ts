import "server-only";
import type { TransactionClient } from "@/lib/db/client";
import type { TTrigger } from "@/lib/schemas/workflow";
import { toSql } from "@/lib/db/sql";
import { LEAD_PER_USER_MS, MAX_FIRE_LEAD_MS } from "./fire-due-ticks";
import { fireTimesAfter } from "./schedule-times";
import { syncScheduleZones } from "./schedule-zones";
import { withdrawEarlyTicks } from "./withdraw-early-ticks";

/** Wakes the workers' schedule tickers (lib/schedules/schedule-ticker.ts) when a schedule's times change. */
export const SCHEDULES_CHANNEL = "switchyard_schedules";

/**
 * Options of the transactions that change a schedule (deploy, undeploy, delete, pause, resume): they wait for a
 * tick being fired to commit (see below), which for a schedule of many users takes longer than Prisma's default
 * 5 s budget of an interactive transaction on a busy machine; a deploy must not fail for it.
 */
export const SCHEDULE_CHANGE_TRANSACTION = { maxWait: 10_000, timeout: 60_000 } as const;

/**
 * Stops the workflow's ticks until the caller's transaction ends: its zone streams are deleted, which waits for
 * a tick being fired to commit, and their locks keep any ticker off them. A deploy or undeploy calls it before it
 * writes the workflow's row: a tick's new runs reference that row, and their foreign key check would wait for
 * the deploy while the deploy waits for the tick (a deadlock, seen under bench:scheduler's 100 schedules).
 */
export async function holdScheduleTicks(tx: TransactionClient, options: { projectId: string; workflowId: string }): Promise<void> {
  // Concurrent deploys of one workflow queue here, on its row, before they touch its streams (they would
  // otherwise deadlock over each other's streams and the row). FOR NO KEY UPDATE does not block a tick's
  // foreign key check, which only shares the row's key.
  await tx.$queryRaw`SELECT 1 FROM "Workflow" WHERE "id" = ${options.workflowId}::uuid AND "projectId" = ${options.projectId}::uuid FOR NO KEY UPDATE`;
  await tx.scheduleZone.deleteMany({ where: { workflowId: options.workflowId, schedule: { projectId: options.projectId } } });
}

/**
 * Makes the workflow's Schedule what its deployed trigger says, in the deploy's (or undeploy's) transaction:
 * a schedule trigger gets its Schedule, anchored now (intervals count from the deploy), a stream for its zone and
 * one for each zone its users name (when times depend on the zone), whose first ticks are computed afresh; any
 * other trigger, or none, removes it. A redeploy replaces the streams,
 * so no tick of the old version fires after the deploy commits (a tick being fired holds its stream's lock,
 * which the delete below waits for), and the runs of ticks fired ahead of a time still to come are cancelled
 * (withdraw-early-ticks.ts). A pause survives redeploys.
 */
export async function syncDeployedSchedule(
  tx: TransactionClient,
  options: { projectId: string; workflowId: string; versionId: string | null; trigger: TTrigger | null },
): Promise<void> {
  const { projectId, workflowId, versionId, trigger } = options;
  if (!versionId || trigger?.type !== "schedule") {
    // The streams first: a tick being fired holds its stream's lock, then shares the schedule's (the ticker's order).
    await tx.scheduleZone.deleteMany({ where: { workflowId, schedule: { projectId } } });
    await withdrawEarlyTicks(toSql(tx), { projectId, workflowId, reason: "undeployed" });
    const removed = await tx.schedule.deleteMany({ where: { workflowId, projectId } });
    if (removed.count > 0) await tx.$executeRaw`SELECT pg_notify(${SCHEDULES_CHANNEL}, ${workflowId})`;
    return;
  }
  // The first tick's lead (see MAX_FIRE_LEAD_MS) is estimated from the project's users; later ticks measure it.
  const [{ now, projectZone, users }] = await tx.$queryRaw<{ now: Date; projectZone: string; users: number }[]>`
    SELECT now() AS "now", "timezone" AS "projectZone", (SELECT count(*)::int FROM "ConnectedUser" WHERE "projectId" = ${projectId}::uuid) AS "users"
    FROM "Project" WHERE "id" = ${projectId}::uuid`;
  const timezone = trigger.schedule.timezone ?? projectZone;
  const [first] = fireTimesAfter({ schedule: trigger.schedule, timezone, anchor: now, after: now, count: 1 });
  await tx.scheduleZone.deleteMany({ where: { workflowId, schedule: { projectId } } });
  await withdrawEarlyTicks(toSql(tx), { projectId, workflowId, reason: "redeployed" });
  await tx.schedule.upsert({
    where: { workflowId, projectId },
    create: { workflowId, projectId, versionId, anchorAt: now, timezone },
    update: { versionId, anchorAt: now, timezone },
  });
  const fireLeadMs = Math.min(MAX_FIRE_LEAD_MS, Math.round(users * LEAD_PER_USER_MS));
  await tx.scheduleZone.create({ data: { workflowId, timezone, nextTickAt: first ?? null, fireLeadMs } });
  await syncScheduleZones(toSql(tx), { schedule: { workflowId, projectId, versionId, anchorAt: now, timezone }, spec: trigger.schedule, now });
  await tx.$executeRaw`SELECT pg_notify(${SCHEDULES_CHANNEL}, ${workflowId})`;
}
