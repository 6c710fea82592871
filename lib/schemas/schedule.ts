// A deployed schedule as the management API and the editor's schedule panel show it: its state, its next
// ticks (Temporal's ListScheduleMatchingTimes), the ticks it reached, and the requests that pause, resume and
// backfill it. Client-safe.
import { z } from "zod";
import { ZIsoDateTime } from "./common";
import { MAX_CATCH_UP_TICKS } from "./workflow";

export const ZScheduleTick = z
  .object({
    scheduledAt: ZIsoDateTime,
    timezone: z.string(),
    outcome: z.enum(["ran", "skipped"]),
    reason: z.string().meta({ description: "skipped: missed_while_down, outside_catch_up_window, collapsed_into_one, paused, undeployed, redeployed (fired ahead, withdrawn before its time); ran: schedule, catch_up, backfill" }),
    runs: z.int().meta({ description: "Runs the tick started" }),
    overlapped: z.int().meta({ description: "Users left out because their previous run was still going (overlap policy)" }),
    processedAt: ZIsoDateTime,
  })
  .meta({ id: "ScheduleTick" });
export type TScheduleTick = z.infer<typeof ZScheduleTick>;

export const ZUpcomingTick = z.object({ at: ZIsoDateTime, timezone: z.string() }).meta({ id: "UpcomingTick" });
export type TUpcomingTick = z.infer<typeof ZUpcomingTick>;

export const ZScheduleStatus = z
  .object({
    timezone: z.string().meta({ description: "The workflow's zone (users may name their own in metadata `timezone`)" }),
    anchorAt: ZIsoDateTime.meta({ description: "The deploy: intervals count from here" }),
    paused: z.boolean(),
    pausedAt: ZIsoDateTime.nullable(),
    pauseNote: z.string().nullable(),
    zones: z.array(z.object({ timezone: z.string(), nextTickAt: ZIsoDateTime.nullable(), lastTickAt: ZIsoDateTime.nullable() })),
    upcoming: z.array(ZUpcomingTick).meta({ description: "The next ticks of every zone, soonest first" }),
    lastTick: ZScheduleTick.nullable(),
    recentSkipped: z.array(ZScheduleTick).meta({ description: "The latest skipped ticks, newest first" }),
  })
  .meta({ id: "ScheduleStatus" });
export type TScheduleStatus = z.infer<typeof ZScheduleStatus>;

export const ZScheduleTickList = z
  .object({ ticks: z.array(ZScheduleTick), nextCursor: z.string().nullable() })
  .meta({ id: "ScheduleTickList" });

export const ZListScheduleTicksQuery = z.object({
  outcome: z.enum(["ran", "skipped"]).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZUpcomingTicksQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().meta({ description: "Start of the range (default now)" }),
    to: z.iso.datetime({ offset: true }).optional().meta({ description: "End of the range (default: as far as `limit` reaches)" }),
    limit: z.coerce.number().int().min(1).max(1000).default(10),
  })
  .meta({ id: "UpcomingTicksQuery" });

export const ZUpcomingTickList = z.object({ ticks: z.array(ZUpcomingTick), truncated: z.boolean() }).meta({ id: "UpcomingTickList" });

export const ZPauseScheduleRequest = z.object({ note: z.string().trim().max(500).default("") }).meta({ id: "PauseScheduleRequest" });

export const ZBackfillRequest = z
  .object({
    from: z.iso.datetime({ offset: true }).meta({ description: "Ticks after this instant…" }),
    to: z.iso.datetime({ offset: true }).meta({ description: "…up to and including this one, in the past" }),
  })
  .refine((range) => new Date(range.from) < new Date(range.to), { message: "`from` must be before `to`", path: ["to"] })
  .meta({ id: "BackfillRequest", description: `At most ${MAX_CATCH_UP_TICKS} ticks per zone; ticks that already ran are not run again` });
export type TBackfillRequest = z.infer<typeof ZBackfillRequest>;

export const ZBackfillResult = z
  .object({ ticks: z.int().meta({ description: "Ticks in the range, in every zone" }), runs: z.int().meta({ description: "Runs started now (none for a user whose run of a tick exists)" }) })
  .meta({ id: "BackfillResult" });
export type TBackfillResult = z.infer<typeof ZBackfillResult>;
