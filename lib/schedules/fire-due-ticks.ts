import "server-only";
import { sqlTransaction, type TSql } from "@/lib/db/sql";
import { loadVersionGraph, VersionUnavailable } from "@/lib/runs/load-run-state";
import { MAX_CATCH_UP_TICKS, type TScheduleTrigger } from "@/lib/schemas/workflow";
import { fireScheduleTick, skipScheduleTicks, type TTickStream } from "./fire-schedule-tick";
import { fireTimesAfter, fireTimesBetween, isZoneDependent, previousFireTime } from "./schedule-times";
import { syncScheduleZones, userTimeZones } from "./schedule-zones";

/** A tick fired this much after its time counts as missed (its workers were down or stalled): the catch-up policy decides. */
export const MISSED_AFTER_MS = 10_000;
/**
 * Ticks are fired this much ahead of their time: their runs exist, and their jobs are taken, by the tick, and each
 * job waits for the tick before it claims its run (its payload's notBefore), so runs start on the tick instead of
 * a transaction, a commit and a job pickup after it.
 */
export const FIRE_AHEAD_MS = 150;
/**
 * A stream is fired earlier still by its ScheduleZone.fireLeadMs: how long firing its last tick took (at first,
 * an estimate from its project's users: LEAD_PER_USER_MS each), at most MAX_FIRE_LEAD_MS (a run's job waits
 * for its tick for at most 5 s). A tick for 10,000 users takes about a second to commit its runs.
 */
export const MAX_FIRE_LEAD_MS = 2_000;
export const LEAD_PER_USER_MS = 0.1;
/** At most this many ticks of one stream are settled per transaction; a longer outage takes several. */
const TICKS_PER_TRANSACTION = 10_000;

// The most overdue stream that is due and not being fired by another process, locked until its transaction ends.
// Due is judged by PostgreSQL's clock, so machines' clocks need not agree.
const CLAIM_DUE_STREAM_SQL = `
  SELECT z."workflowId", z."timezone" AS "zone", z."nextTickAt", z."fireLeadMs", s."projectId", s."versionId", s."anchorAt", s."timezone" AS "workflowZone",
         clock_timestamp() AS "now"
  FROM "ScheduleZone" z JOIN "Schedule" s ON s."workflowId" = z."workflowId"
  WHERE z."nextTickAt" <= clock_timestamp() + make_interval(secs => ${(FIRE_AHEAD_MS + MAX_FIRE_LEAD_MS) / 1000})
    AND z."nextTickAt" - make_interval(secs => z."fireLeadMs" / 1000.0) <= clock_timestamp() + make_interval(secs => ${FIRE_AHEAD_MS / 1000})
    AND s."pausedAt" IS NULL
  ORDER BY z."nextTickAt" - make_interval(secs => z."fireLeadMs" / 1000.0) LIMIT $1
  FOR UPDATE OF z SKIP LOCKED`;

/**
 * Streams fired per transaction: due together, they share one commit (100 schedules every second would
 * otherwise wait for 100 commits, one after another on their project's slot row, and fall behind).
 */
const STREAMS_PER_TRANSACTION = 10;

// The schedule is still the deployed one and not paused: shared-locked, so a pause, redeploy or undeploy waits
// for this tick to commit, and none can happen between this check and the runs.
const LOCK_CURRENT_SCHEDULE_SQL = `
  SELECT 1 FROM "Schedule" s JOIN "Workflow" w ON w."id" = s."workflowId" AND w."deployedVersionId" = s."versionId"
  WHERE s."workflowId" = $1::uuid AND s."versionId" = $2::uuid AND s."pausedAt" IS NULL
  FOR SHARE OF s`;

type TDueStream = { workflowId: string; zone: string; nextTickAt: Date; fireLeadMs: number; projectId: string; versionId: string; anchorAt: Date; workflowZone: string; now: Date };

export type TFiredStream = { workflowId: string; zone: string; ran: number; skipped: number; runs: number };

/**
 * Transactions a ticker fires streams in at once. Streams due together (100 workflows every second) are fired by
 * this many connections side by side, each taking the next due streams their row locks let it (SKIP LOCKED): one
 * transaction after another, 100 streams would not fit in the fire-ahead margin.
 */
export const FIRE_PARALLELISM = Number(process.env.SCHEDULE_FIRE_PARALLELISM ?? 4);

/**
 * Fires every due tick of every stream, up to STREAMS_PER_TRANSACTION streams per transaction and up to `parallel`
 * transactions at once, until none is due; answers what it did.
 */
export async function fireDueTicks(options: { parallel?: number } = {}): Promise<TFiredStream[]> {
  const fired: TFiredStream[] = [];
  const lane = async () => {
    for (;;) {
      const results = await sqlTransaction(fireNextDueStreams);
      if (results.length === 0) return;
      fired.push(...results);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 1) }, lane));
  return fired;
}

/**
 * Claims the next due streams (their rows locked until the commit) and fires each, in one transaction. Lock
 * order: the streams' rows, then every one's schedule (shared), and only then their runs, project by project in
 * project order (each dispatch takes its project's slot row): so a pause, which holds a schedule's row and then
 * takes a slot row, never waits for a batch that waits for it.
 */
async function fireNextDueStreams(tx: TSql): Promise<TFiredStream[]> {
  const streams = await tx.query<TDueStream>(CLAIM_DUE_STREAM_SQL, [STREAMS_PER_TRANSACTION]);
  streams.sort((a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));
  const current: boolean[] = [];
  for (const stream of streams) current.push((await tx.query(LOCK_CURRENT_SCHEDULE_SQL, [stream.workflowId, stream.versionId])).length > 0);
  const fired: TFiredStream[] = [];
  for (const [i, stream] of streams.entries()) fired.push(await fireStream(tx, stream, current[i]));
  return fired;
}

async function fireStream(tx: TSql, stream: TDueStream, isCurrent: boolean): Promise<TFiredStream> {
  const outcome: TFiredStream = { workflowId: stream.workflowId, zone: stream.zone, ran: 0, skipped: 0, runs: 0 };
  let trigger: TScheduleTrigger | undefined;
  try {
    const graph = await loadVersionGraph(tx, stream.projectId, stream.versionId);
    if (graph.trigger.type === "schedule") trigger = graph.trigger;
  } catch (error) {
    if (!(error instanceof VersionUnavailable)) throw error;
  }
  if (!isCurrent || !trigger) {
    // Replaced or gone since the claim read it: this stream fires nothing more.
    await tx.query(`UPDATE "ScheduleZone" SET "nextTickAt" = NULL WHERE "workflowId" = $1::uuid AND "timezone" = $2`, [stream.workflowId, stream.zone]);
    return outcome;
  }
  const times = { schedule: trigger.schedule, timezone: stream.zone, anchor: stream.anchorAt };
  const horizon = new Date(stream.now.getTime() + FIRE_AHEAD_MS + stream.fireLeadMs);
  const due = fireTimesBetween({ ...times, from: new Date(stream.nextTickAt.getTime() - 1), to: horizon, limit: TICKS_PER_TRANSACTION });
  const zoneDependent = isZoneDependent(trigger.schedule);
  const tickStream: TTickStream = {
    projectId: stream.projectId,
    workflowId: stream.workflowId,
    versionId: stream.versionId,
    zone: stream.zone,
    workflowZone: stream.workflowZone,
    zoneDependent,
    userZones: zoneDependent ? await userTimeZones(tx, stream.projectId) : [],
    trigger,
  };
  const plan = planTicks(due.times, { now: stream.now, trigger });
  for (const [reason, ticks] of Object.entries(plan.skipped)) {
    await skipScheduleTicks(tx, tickStream, ticks, reason);
    outcome.skipped += ticks.length;
  }
  let fireLeadMs = stream.fireLeadMs;
  for (const { scheduledAt, reason } of plan.run) {
    const index = due.times.indexOf(scheduledAt);
    const previousScheduledAt = index > 0 ? due.times[index - 1] : previousFireTime({ ...times, before: scheduledAt });
    const startedAt = performance.now();
    const fired = await fireScheduleTick(tx, tickStream, { scheduledAt, previousScheduledAt, reason });
    // A quarter more than the statement took, for its commit and the next tick's variance.
    if (reason === "schedule") fireLeadMs = Math.min(MAX_FIRE_LEAD_MS, Math.ceil((performance.now() - startedAt) * 1.25));
    outcome.ran++;
    outcome.runs += fired.runs;
  }
  const last = due.times.at(-1) ?? stream.nextTickAt;
  // After a truncated batch the next tick is the one after the batch (still due): the next transaction settles it.
  const after = due.truncated ? last : new Date(Math.max(horizon.getTime(), last.getTime()));
  const [next] = fireTimesAfter({ ...times, after, count: 1 });
  await tx.query(`UPDATE "ScheduleZone" SET "nextTickAt" = $3, "lastTickAt" = $4, "fireLeadMs" = $5 WHERE "workflowId" = $1::uuid AND "timezone" = $2`, [
    stream.workflowId,
    stream.zone,
    next ?? null,
    due.times.length > 0 ? last : null,
    fireLeadMs,
  ]);
  if (stream.zone === stream.workflowZone && zoneDependent) {
    await syncScheduleZones(tx, { schedule: { ...stream, timezone: stream.workflowZone }, spec: trigger.schedule, now: stream.now });
  }
  return outcome;
}

type TPlan = { run: { scheduledAt: Date; reason: "schedule" | "catch_up" }[]; skipped: Record<string, Date[]> };

/**
 * Which due ticks run and which are recorded as skipped. On time (fired within MISSED_AFTER_MS): run. Missed,
 * by the catch-up policy (Temporal's semantics): "skip" records them skipped; "once" runs the latest of them and
 * records the others as collapsed into it; "all" runs those within the catch-up window, at most
 * MAX_CATCH_UP_TICKS of them (the latest), and records the older ones skipped.
 */
export function planTicks(due: Date[], options: { now: Date; trigger: Pick<TScheduleTrigger, "catchUp"> }): TPlan {
  const { now, trigger } = options;
  const missed = due.filter((tick) => now.getTime() - tick.getTime() > MISSED_AFTER_MS);
  const onTime = due.slice(missed.length);
  const plan: TPlan = { run: [], skipped: {} };
  const skip = (reason: string, ticks: Date[]) => {
    if (ticks.length > 0) plan.skipped[reason] = [...(plan.skipped[reason] ?? []), ...ticks];
  };
  if (trigger.catchUp.policy === "skip") skip("missed_while_down", missed);
  else if (trigger.catchUp.policy === "once") {
    skip("collapsed_into_one", missed.slice(0, -1));
    if (missed.length > 0) plan.run.push({ scheduledAt: missed[missed.length - 1], reason: "catch_up" });
  } else {
    const windowStart = now.getTime() - trigger.catchUp.windowSeconds * 1000;
    const inWindow = missed.filter((tick) => tick.getTime() >= windowStart);
    const caughtUp = inWindow.slice(-MAX_CATCH_UP_TICKS);
    skip("outside_catch_up_window", missed.slice(0, missed.length - caughtUp.length));
    plan.run.push(...caughtUp.map((scheduledAt) => ({ scheduledAt, reason: "catch_up" as const })));
  }
  plan.run.push(...onTime.map((scheduledAt) => ({ scheduledAt, reason: "schedule" as const })));
  return plan;
}
