import "server-only";
import { db } from "@/lib/db/client";
import type { TScheduleStatus, TScheduleTick } from "@/lib/schemas/schedule";
import { loadSchedule } from "./load-schedule";
import { fireTimesAfter } from "./schedule-times";

type TTickRow = { scheduledAt: Date; timezone: string; outcome: "ran" | "skipped"; reason: string; runs: number; overlapped: number; processedAt: Date };

export const tickSelect = { scheduledAt: true, timezone: true, outcome: true, reason: true, runs: true, overlapped: true, processedAt: true } as const;

export const serializeTick = (row: TTickRow): TScheduleTick => ({ ...row, scheduledAt: row.scheduledAt.toISOString(), processedAt: row.processedAt.toISOString() });

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A deployed schedule's state: paused or not, each zone's next and last tick, the next ticks, the last tick and recent skipped ones. */
export async function getScheduleStatus(options: { projectId: string; workflowId: string; upcoming?: number }): Promise<TScheduleStatus> {
  const { schedule, trigger } = await loadSchedule(options);
  const where = { projectId: options.projectId, workflowId: options.workflowId };
  const [lastTick, recentSkipped] = await Promise.all([
    db.scheduleTick.findFirst({ where, orderBy: { scheduledAt: "desc" }, select: tickSelect }),
    db.scheduleTick.findMany({ where: { ...where, outcome: "skipped" }, orderBy: { scheduledAt: "desc" }, take: 20, select: tickSelect }),
  ]);
  const count = options.upcoming ?? 10;
  const upcoming = schedule.pausedAt
    ? []
    : schedule.zones
        .flatMap((zone) =>
          zone.nextTickAt
            ? [zone.nextTickAt, ...fireTimesAfter({ schedule: trigger.schedule, timezone: zone.timezone, anchor: schedule.anchorAt, after: zone.nextTickAt, count: count - 1 })].map((at) => ({ at, timezone: zone.timezone }))
            : [],
        )
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .slice(0, count)
        .map((tick) => ({ at: tick.at.toISOString(), timezone: tick.timezone }));
  return {
    timezone: schedule.timezone,
    anchorAt: schedule.anchorAt.toISOString(),
    paused: schedule.pausedAt !== null,
    pausedAt: iso(schedule.pausedAt),
    pauseNote: schedule.pauseNote,
    zones: schedule.zones.map((zone) => ({ timezone: zone.timezone, nextTickAt: iso(zone.nextTickAt), lastTickAt: iso(zone.lastTickAt) })),
    upcoming,
    lastTick: lastTick ? serializeTick(lastTick) : null,
    recentSkipped: recentSkipped.map(serializeTick),
  };
}
