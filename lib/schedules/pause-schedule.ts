import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TScheduleStatus } from "@/lib/schemas/schedule";
import { getScheduleStatus } from "./get-schedule-status";
import { loadSchedule } from "./load-schedule";
import { fireTimesAfter, fireTimesBetween } from "./schedule-times";
import { toSql } from "@/lib/db/sql";
import { SCHEDULE_CHANGE_TRANSACTION, SCHEDULES_CHANNEL } from "./sync-deployed-schedule";
import { withdrawEarlyTicks } from "./withdraw-early-ticks";

/**
 * Pauses a deployed schedule, with a note: no tick fires from the commit on (a tick being fired is waited for, and
 * the runs of ticks fired ahead of a time still to come are cancelled).
 */
export async function pauseSchedule(options: { projectId: string; workflowId: string; note: string }): Promise<TScheduleStatus> {
  const paused = await db.$transaction(async (tx) => {
    const updated = await tx.schedule.updateMany({
      where: { workflowId: options.workflowId, projectId: options.projectId, pausedAt: null },
      data: { pausedAt: new Date(), pauseNote: options.note || null },
    });
    if (updated.count > 0) {
      await withdrawEarlyTicks(toSql(tx), { projectId: options.projectId, workflowId: options.workflowId, reason: "paused" });
      await tx.$executeRaw`SELECT pg_notify(${SCHEDULES_CHANNEL}, ${options.workflowId})`;
    }
    return updated.count;
  }, SCHEDULE_CHANGE_TRANSACTION);
  if (paused === 0 && !(await db.schedule.count({ where: { workflowId: options.workflowId, projectId: options.projectId } }))) throw notFound("Deployed schedule");
  return getScheduleStatus(options);
}

/**
 * Resumes a paused schedule: the ticks it would have fired while paused are recorded as skipped ("paused", the
 * latest 1,000 of each zone), and each zone continues at its next tick after now.
 */
export async function resumeSchedule(options: { projectId: string; workflowId: string }): Promise<TScheduleStatus> {
  const { schedule, trigger } = await loadSchedule(options);
  if (schedule.pausedAt) {
    await db.$transaction(async (tx) => {
      // The zones first, then the schedule: the order the ticker locks them in.
      const zones = await tx.$queryRaw<{ timezone: string; nextTickAt: Date | null }[]>`
        SELECT "timezone", "nextTickAt" FROM "ScheduleZone" WHERE "workflowId" = ${schedule.workflowId}::uuid FOR UPDATE`;
      const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS "now"`;
      for (const zone of zones) {
        const input = { schedule: trigger.schedule, timezone: zone.timezone, anchor: schedule.anchorAt };
        const from = new Date(Math.max(schedule.pausedAt!.getTime(), (zone.nextTickAt?.getTime() ?? 0) - 1));
        const missed = fireTimesBetween({ ...input, from, to: now, limit: 1_000 }).times;
        const [next] = fireTimesAfter({ ...input, after: now, count: 1 });
        await tx.$executeRaw`
          INSERT INTO "ScheduleTick" ("id", "projectId", "workflowId", "versionId", "timezone", "scheduledAt", "outcome", "reason")
          SELECT gen_random_uuid(), ${schedule.projectId}::uuid, ${schedule.workflowId}::uuid, ${schedule.versionId}::uuid, ${zone.timezone}, t, 'skipped', 'paused'
          FROM unnest(${missed}::timestamptz[]) AS t
          ON CONFLICT ("workflowId", "timezone", "scheduledAt") DO NOTHING`;
        await tx.scheduleZone.update({ where: { workflowId_timezone: { workflowId: schedule.workflowId, timezone: zone.timezone } }, data: { nextTickAt: next ?? null } });
      }
      await tx.schedule.update({ where: { workflowId: schedule.workflowId }, data: { pausedAt: null, pauseNote: null } });
      await tx.$executeRaw`SELECT pg_notify(${SCHEDULES_CHANNEL}, ${schedule.workflowId})`;
    }, SCHEDULE_CHANGE_TRANSACTION);
  }
  return getScheduleStatus(options);
}

