import "server-only";
import type { TransactionClient } from "@/lib/db/client";
import type { TTrigger } from "@/lib/schemas/workflow";
import { toSql } from "@/lib/db/sql";
import { fireTimesAfter } from "./schedule-times";
import { syncScheduleZones } from "./schedule-zones";

/** Wakes the workers' schedule tickers (lib/schedules/schedule-ticker.ts) when a schedule's times change. */
export const SCHEDULES_CHANNEL = "switchyard_schedules";

/**
 * Makes the workflow's Schedule what its deployed trigger says, in the deploy's (or undeploy's) transaction:
 * a schedule trigger gets its Schedule, anchored now (intervals count from the deploy), a stream for its zone and
 * one for each zone its users name (when times depend on the zone), whose first ticks are computed afresh; any
 * other trigger, or none, removes it. A redeploy replaces the streams,
 * so no tick of the old version fires after the deploy commits (a tick being fired holds its stream's lock,
 * which the delete below waits for). A pause survives redeploys.
 */
export async function syncDeployedSchedule(
  tx: TransactionClient,
  options: { projectId: string; workflowId: string; versionId: string | null; trigger: TTrigger | null },
): Promise<void> {
  const { projectId, workflowId, versionId, trigger } = options;
  if (!versionId || trigger?.type !== "schedule") {
    // The streams first: a tick being fired holds its stream's lock, then shares the schedule's (the ticker's order).
    await tx.scheduleZone.deleteMany({ where: { workflowId, schedule: { projectId } } });
    const removed = await tx.schedule.deleteMany({ where: { workflowId, projectId } });
    if (removed.count > 0) await tx.$executeRaw`SELECT pg_notify(${SCHEDULES_CHANNEL}, ${workflowId})`;
    return;
  }
  const [{ now, projectZone }] = await tx.$queryRaw<{ now: Date; projectZone: string }[]>`
    SELECT now() AS "now", "timezone" AS "projectZone" FROM "Project" WHERE "id" = ${projectId}::uuid`;
  const timezone = trigger.schedule.timezone ?? projectZone;
  const [first] = fireTimesAfter({ schedule: trigger.schedule, timezone, anchor: now, after: now, count: 1 });
  await tx.scheduleZone.deleteMany({ where: { workflowId } });
  await tx.schedule.upsert({
    where: { workflowId },
    create: { workflowId, projectId, versionId, anchorAt: now, timezone },
    update: { versionId, anchorAt: now, timezone },
  });
  await tx.scheduleZone.create({ data: { workflowId, timezone, nextTickAt: first ?? null } });
  await syncScheduleZones(toSql(tx), { schedule: { workflowId, projectId, versionId, anchorAt: now, timezone }, spec: trigger.schedule, now });
  await tx.$executeRaw`SELECT pg_notify(${SCHEDULES_CHANNEL}, ${workflowId})`;
}
