import "server-only";
import { sql, sqlTransaction } from "@/lib/db/sql";
import { AppError } from "@/lib/http/errors";
import type { TBackfillResult } from "@/lib/schemas/schedule";
import { MAX_CATCH_UP_TICKS } from "@/lib/schemas/workflow";
import { fireScheduleTick } from "./fire-schedule-tick";
import { loadSchedule } from "./load-schedule";
import { anchorBefore, fireTimesBetween, isZoneDependent, previousFireTime } from "./schedule-times";
import { userTimeZones } from "./schedule-zones";

/**
 * Runs the ticks of a past range on the deployed version, for every user each tick is for, as if they had fired
 * then (overlap "allow all": a backfill's ticks do not wait for each other). Bounded: at most MAX_CATCH_UP_TICKS
 * ticks per zone, refused otherwise. Idempotent: a user whose run of a tick exists (it fired, or an earlier
 * backfill ran it) gets none, by the same unique index as live ticks.
 */
export async function backfillSchedule(options: { projectId: string; workflowId: string; from: string; to: string; now: Date }): Promise<TBackfillResult> {
  const { schedule, trigger } = await loadSchedule(options);
  const from = new Date(options.from);
  const to = new Date(options.to);
  if (to > options.now) throw new AppError("validation_failed", "A backfill runs past ticks only", { details: [{ path: "to", message: "Must not be in the future" }] });
  const zoneDependent = isZoneDependent(trigger.schedule);
  const anchor = anchorBefore(trigger.schedule, schedule.anchorAt, from);
  const ranges = schedule.zones.map((zone) => ({
    zone: zone.timezone,
    ...fireTimesBetween({ schedule: trigger.schedule, timezone: zone.timezone, anchor, from, to, limit: MAX_CATCH_UP_TICKS }),
  }));
  if (ranges.some((range) => range.truncated)) {
    throw new AppError("validation_failed", `The range holds more than ${MAX_CATCH_UP_TICKS.toLocaleString("en-US")} ticks; backfill a shorter one`, {
      details: [{ path: "from", message: `At most ${MAX_CATCH_UP_TICKS} ticks per backfill` }],
    });
  }
  const userZones = zoneDependent ? await userTimeZones(sql, schedule.projectId) : [];
  const result: TBackfillResult = { ticks: 0, runs: 0 };
  for (const range of ranges) {
    const stream = {
      projectId: schedule.projectId,
      workflowId: schedule.workflowId,
      versionId: schedule.versionId,
      zone: range.zone,
      workflowZone: schedule.timezone,
      zoneDependent,
      userZones,
      trigger: { ...trigger, overlap: "allow_all" as const },
    };
    for (const [index, scheduledAt] of range.times.entries()) {
      const previousScheduledAt = index > 0 ? range.times[index - 1] : previousFireTime({ schedule: trigger.schedule, timezone: range.zone, anchor, before: scheduledAt });
      const fired = await sqlTransaction((tx) => fireScheduleTick(tx, stream, { scheduledAt, previousScheduledAt, reason: "backfill" }));
      result.ticks++;
      result.runs += fired.runs;
    }
  }
  return result;
}
