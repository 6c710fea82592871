import "server-only";
import type { TUpcomingTick } from "@/lib/schemas/schedule";
import { loadSchedule } from "./load-schedule";
import { anchorBefore, fireTimesAfter, fireTimesBetween } from "./schedule-times";

/**
 * The times the deployed schedule fires in a range, every zone merged (Temporal's ListScheduleMatchingTimes):
 * from `from` (default now), up to `to` or `limit` ticks. A range before the deploy lists the ticks of the same
 * grid, the ones a backfill of it would run.
 */
export async function listUpcomingTicks(options: { projectId: string; workflowId: string; from?: string; to?: string; limit: number; now: Date }): Promise<{ ticks: TUpcomingTick[]; truncated: boolean }> {
  const { schedule, trigger } = await loadSchedule(options);
  const from = options.from ? new Date(options.from) : options.now;
  const anchor = anchorBefore(trigger.schedule, schedule.anchorAt, from);
  let truncated = false;
  const ticks = schedule.zones.flatMap((zone) => {
    const input = { schedule: trigger.schedule, timezone: zone.timezone, anchor };
    if (!options.to) return fireTimesAfter({ ...input, after: from, count: options.limit }).map((at) => ({ at, timezone: zone.timezone }));
    const range = fireTimesBetween({ ...input, from, to: new Date(options.to), limit: options.limit });
    truncated ||= range.truncated;
    return range.times.map((at) => ({ at, timezone: zone.timezone }));
  });
  ticks.sort((a, b) => a.at.getTime() - b.at.getTime());
  truncated ||= ticks.length > options.limit;
  return { ticks: ticks.slice(0, options.limit).map((tick) => ({ at: tick.at.toISOString(), timezone: tick.timezone })), truncated };
}
