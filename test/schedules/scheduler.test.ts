// The scheduler against the real database, in one process: each tick fires once for every user who has the
// workflow on, catch-up and overlap policies, pause and resume, backfill, per-user zones, and lifecycle. A
// database of its own: the ticker looks at every schedule. Time is not waited for: a schedule's anchor and
// due ticks are moved into the past (rewindSchedule), and ticks are fired as a worker's ticker would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sql, type TSql } from "@/lib/db/sql";
import { advanceRun } from "@/lib/runs/advance-run";
import { startRun } from "@/lib/runs/start-run";
import { backfillSchedule } from "@/lib/schedules/backfill-schedule";
import { fireScheduleTick } from "@/lib/schedules/fire-schedule-tick";
import { listUpcomingTicks } from "@/lib/schedules/list-upcoming-ticks";
import { pauseSchedule, resumeSchedule } from "@/lib/schedules/pause-schedule";
import { deleteWorkflow } from "@/lib/workflows/delete-workflow";
import { testWorkflowStep } from "@/lib/workflows/test-workflow-step";
import { undeployWorkflow } from "@/lib/workflows/undeploy-workflow";
import { deployWorkflow } from "@/lib/workflows/deploy-workflow";
import { createTestUser } from "@/test/engine-factories";
import { createMigratedDatabase, useDatabase } from "@/test/engine-helpers";
import { createTestProject } from "@/test/factories";
import { deployScheduleWorkflow, fireNow, rewindSchedule, scheduledRuns, ticksOf } from "./schedule-helpers";

const sharedUrl = process.env.DATABASE_URL as string;
let database: Awaited<ReturnType<typeof createMigratedDatabase>>;

beforeAll(async () => {
  database = await createMigratedDatabase();
  await useDatabase(database.databaseUrl);
});

afterAll(async () => {
  await useDatabase(sharedUrl);
  await database?.drop();
});

async function projectWithUsers(count: number, metadata: (i: number) => object = () => ({})) {
  const project = await createTestProject();
  const users = [];
  for (let i = 0; i < count; i++) users.push(await createTestUser(project.id, `user-${i}`, metadata(i)));
  return { projectId: project.id, users };
}

const everySecond = { every: "seconds", interval: 1 } as const;
// Ticks far enough apart that a slow machine never sees one more fall due (ticks fire 150 ms ahead) between
// moving a schedule back and firing it.
const everyThree = { every: "seconds", interval: 3 } as const;
const ms = (date: Date | null) => date?.getTime() ?? null;

describe("firing", () => {
  it("fires each due tick once for every user with the workflow on, with the tick in the run's trigger data", async () => {
    const { projectId, users } = await projectWithUsers(3);
    const { workflowId } = await deployScheduleWorkflow({ projectId, schedule: everyThree, overlap: "allow_all" });
    const { anchorAt } = await db.schedule.findUniqueOrThrow({ where: { workflowId } });
    await rewindSchedule(workflowId, 9.5);
    await fireNow();
    await fireNow();

    const runs = await scheduledRuns(workflowId);
    const ticks = [...new Set(runs.map((run) => ms(run.scheduledAt)))];
    expect(ticks).toEqual([1, 2, 3].map((k) => anchorAt.getTime() - 9500 + k * 3000));
    expect(runs).toHaveLength(9);
    for (const tick of ticks) expect(runs.filter((run) => ms(run.scheduledAt) === tick).map((run) => run.connectedUserId).sort()).toEqual(users.map((user) => user.id).sort());
    const [first, second] = runs.filter((run) => run.connectedUserId === users[0].id);
    expect(first.input).toEqual({ type: "schedule", scheduledAt: first.scheduledAt?.toISOString(), previousScheduledAt: null, timezone: "UTC" });
    expect(second.input).toEqual({ type: "schedule", scheduledAt: second.scheduledAt?.toISOString(), previousScheduledAt: first.scheduledAt?.toISOString(), timezone: "UTC" });
    expect(await ticksOf(workflowId)).toEqual(ticks.map((tick) => ({ scheduledAt: new Date(tick as number), timezone: "UTC", outcome: "ran", reason: "schedule", runs: 3, overlapped: 0 })));
    const zone = await db.scheduleZone.findFirstOrThrow({ where: { workflowId } });
    expect(zone.nextTickAt!.getTime()).toBeGreaterThan(Date.now() - 1000);

    await advanceRun(first.id);
    const run = await db.run.findUniqueOrThrow({ where: { id: first.id } });
    expect(run).toMatchObject({ status: "succeeded", output: { at: first.scheduledAt?.toISOString() }, triggerType: "schedule" });
  });

  it("fires a tick once when several processes fire at the same moment", async () => {
    const { projectId } = await projectWithUsers(5);
    const { workflowId } = await deployScheduleWorkflow({ projectId, schedule: { every: "seconds", interval: 2 }, overlap: "allow_all" });
    await rewindSchedule(workflowId, 8.9);
    await Promise.all([fireNow(), fireNow(), fireNow(), fireNow()]);
    const runs = await scheduledRuns(workflowId);
    expect(runs).toHaveLength(20);
    expect(new Set(runs.map((run) => `${run.connectedUserId}@${ms(run.scheduledAt)}`)).size).toBe(20);
    expect(await ticksOf(workflowId)).toHaveLength(4);
  });

  it("keeps true intervals: every 45 minutes counts from the deploy, not from the hour", async () => {
    const { projectId } = await projectWithUsers(1);
    const { workflowId } = await deployScheduleWorkflow({ projectId, schedule: { every: "minutes", interval: 45 }, catchUp: { policy: "all", windowSeconds: 86_400 }, overlap: "allow_all" });
    const { anchorAt } = await db.schedule.findUniqueOrThrow({ where: { workflowId } });
    await rewindSchedule(workflowId, 3 * 3600 + 60);
    await fireNow();
    const start = anchorAt.getTime() - (3 * 3600 + 60) * 1000;
    expect((await scheduledRuns(workflowId)).map((run) => ms(run.scheduledAt))).toEqual([1, 2, 3, 4].map((k) => start + k * 45 * 60_000));
  });

  it("starts one statement per tick however many users it is for", async () => {
    const { projectId } = await projectWithUsers(300);
    const { workflowId, versionId } = await deployScheduleWorkflow({ projectId, schedule: everySecond });
    const trigger = { type: "schedule" as const, schedule: everySecond, catchUp: { policy: "skip" as const, windowSeconds: 3600 }, overlap: "skip" as const };
    let statements = 0;
    const counting: TSql = { query: (text, values) => (statements++, sql.query(text, values)) };
    const stream = { projectId, workflowId, versionId, zone: "UTC", workflowZone: "UTC", zoneDependent: false, userZones: [], trigger };
    const fired = await fireScheduleTick(counting, stream, { scheduledAt: new Date(Date.now() - 500), previousScheduledAt: null, reason: "schedule" });
    expect(fired.runs).toBe(300);
    expect(statements).toBe(1);
  });
});

describe("catch-up after downtime", () => {
  it.each([
    ["skip", 3600, { ran: 10, skipped: 50, runs: 10 }],
    ["once", 3600, { ran: 11, skipped: 49, runs: 11 }],
    ["all", 30, { ran: 30, skipped: 30, runs: 30 }],
  ] as const)("under %s, settles every missed tick: ran or recorded as skipped", async (policy, windowSeconds, expected) => {
    const { projectId } = await projectWithUsers(1);
    const { workflowId } = await deployScheduleWorkflow({ projectId, schedule: everySecond, catchUp: { policy, windowSeconds }, overlap: "allow_all" });
    await rewindSchedule(workflowId, 60.2);
    await fireNow();
    const ticks = await ticksOf(workflowId);
    expect(ticks).toHaveLength(60);
    const ran = ticks.filter((tick) => tick.outcome === "ran");
    expect({ ran: ran.length, skipped: ticks.length - ran.length, runs: (await scheduledRuns(workflowId)).length }).toEqual(expected);
    const reasons = new Set(ticks.filter((tick) => tick.outcome === "skipped").map((tick) => tick.reason));
    expect([...reasons]).toEqual([{ skip: "missed_while_down", once: "collapsed_into_one", all: "outside_catch_up_window" }[policy]]);
  });
});

describe("overlap", () => {
  async function busyUser(overlap: "skip" | "buffer_one" | "buffer_all" | "allow_all") {
    const { projectId, users } = await projectWithUsers(1);
    const { workflowId } = await deployScheduleWorkflow({ projectId, schedule: everyThree, overlap });
    // Three ticks due at once: the first one's run is still queued when the next two fire.
    await rewindSchedule(workflowId, 9.5);
    await fireNow();
    return { projectId, workflowId, user: users[0] };
  }

  it("skip: a tick while the user's previous run is still going starts nothing, and says so", async () => {
    const { workflowId } = await busyUser("skip");
    expect(await scheduledRuns(workflowId)).toHaveLength(1);
    expect((await ticksOf(workflowId)).map((tick) => [tick.runs, tick.overlapped])).toEqual([[1, 0], [0, 1], [0, 1]]);
  });

  it("allow_all: every tick starts its run", async () => {
    const { workflowId } = await busyUser("allow_all");
    expect(await scheduledRuns(workflowId)).toHaveLength(3);
  });

  it("buffer_one: holds one run back until the previous ends, skips beyond it, then starts it", async () => {
    const { workflowId } = await busyUser("buffer_one");
    const runs = await scheduledRuns(workflowId);
    expect(runs.map((run) => [run.status, run.holdsSlot])).toEqual([["queued", true], ["queued", false]]);
    expect(await db.bufferedRun.count({ where: { workflowId } })).toBe(1);
    expect((await ticksOf(workflowId)).map((tick) => tick.overlapped)).toEqual([0, 0, 1]);
    await advanceRun(runs[0].id);
    expect(await db.bufferedRun.count({ where: { workflowId } })).toBe(0);
    expect(await db.run.findUniqueOrThrow({ where: { id: runs[1].id } })).toMatchObject({ holdsSlot: true, parked: false });
    await advanceRun(runs[1].id);
    expect(await db.run.findUniqueOrThrow({ where: { id: runs[1].id } })).toMatchObject({ status: "succeeded" });
  });

  it("buffer_all: holds every tick's run back, and they start one after another", async () => {
    const { workflowId } = await busyUser("buffer_all");
    const runs = await scheduledRuns(workflowId);
    expect(runs).toHaveLength(3);
    expect(await db.bufferedRun.count({ where: { workflowId } })).toBe(2);
    for (const run of runs) await advanceRun(run.id);
    expect((await scheduledRuns(workflowId)).map((run) => run.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
  });
});

describe("pause, resume and backfill", () => {
  it("fires nothing while paused, and records the paused ticks as skipped on resume", async () => {
    const { projectId } = await projectWithUsers(1);
    const { workflowId } = await deployScheduleWorkflow({ projectId, schedule: everySecond });
    const paused = await pauseSchedule({ projectId, workflowId, note: "vendor outage" });
    expect(paused).toMatchObject({ paused: true, pauseNote: "vendor outage", upcoming: [] });
    await db.$executeRaw`UPDATE "Schedule" SET "pausedAt" = "pausedAt" - interval '5 seconds' WHERE "workflowId" = ${workflowId}::uuid`;
    await rewindSchedule(workflowId, 5);
    await fireNow();
    expect(await scheduledRuns(workflowId)).toHaveLength(0);
    const resumed = await resumeSchedule({ projectId, workflowId });
    expect(resumed.paused).toBe(false);
    const ticks = await ticksOf(workflowId);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.every((tick) => tick.outcome === "skipped" && tick.reason === "paused")).toBe(true);
    expect(new Date(resumed.upcoming[0].at).getTime()).toBeGreaterThan(Date.now() - 1000);
  });

  it("backfills a past range once, and refuses a range of more than 1,000 ticks", async () => {
    const { projectId } = await projectWithUsers(2);
    const { workflowId } = await deployScheduleWorkflow({ projectId, schedule: everySecond });
    const now = new Date();
    const range = { from: new Date(now.getTime() - 3_600_000).toISOString(), to: new Date(now.getTime() - 3_595_000).toISOString() };
    // Listing the range first (the editor's confirmation does) names the ticks the backfill then runs.
    const listed = await listUpcomingTicks({ projectId, workflowId, ...range, limit: 1000, now });
    expect(listed.ticks).toHaveLength(5);
    expect(listed.truncated).toBe(false);
    expect(await backfillSchedule({ projectId, workflowId, ...range, now })).toEqual({ ticks: 5, runs: 10 });
    expect(await backfillSchedule({ projectId, workflowId, ...range, now })).toEqual({ ticks: 5, runs: 0 });
    const runs = await scheduledRuns(workflowId);
    expect(runs).toHaveLength(10);
    expect([...new Set(runs.map((run) => run.scheduledAt!.toISOString()))].sort()).toEqual(listed.ticks.map((tick) => tick.at));
    expect(runs.every((run) => (run.input as { type: string }).type === "schedule")).toBe(true);
    await expect(backfillSchedule({ projectId, workflowId, from: new Date(now.getTime() - 7_200_000).toISOString(), to: now.toISOString(), now })).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "from" }],
    });
  });
});

describe("time zones", () => {
  it("fires a user in the zone they name, the others in the workflow's, and records the zone on the run", async () => {
    const { projectId, users } = await projectWithUsers(3, (i) => [{}, { timezone: "Asia/Tokyo" }, { timezone: "Mars/Olympus_Mons" }][i]);
    const { workflowId, versionId } = await deployScheduleWorkflow({ projectId, schedule: { every: "daily", interval: 1, time: "09:00", timezone: "Europe/Berlin" } });
    expect((await db.scheduleZone.findMany({ where: { workflowId }, orderBy: { timezone: "asc" } })).map((zone) => zone.timezone)).toEqual(["Asia/Tokyo", "Europe/Berlin"]);
    const trigger = { type: "schedule" as const, schedule: { every: "daily" as const, interval: 1, time: "09:00", timezone: "Europe/Berlin" }, catchUp: { policy: "skip" as const, windowSeconds: 3600 }, overlap: "skip" as const };
    const base = { projectId, workflowId, versionId, workflowZone: "Europe/Berlin", zoneDependent: true, userZones: ["Asia/Tokyo"], trigger };
    await fireScheduleTick(sql, { ...base, zone: "Asia/Tokyo" }, { scheduledAt: new Date("2026-12-01T00:00:00Z"), previousScheduledAt: null, reason: "schedule" });
    await fireScheduleTick(sql, { ...base, zone: "Europe/Berlin" }, { scheduledAt: new Date("2026-12-01T08:00:00Z"), previousScheduledAt: null, reason: "schedule" });
    const runs = await scheduledRuns(workflowId);
    expect(runs).toHaveLength(3);
    expect(runs.find((run) => run.connectedUserId === users[1].id)?.input).toMatchObject({ timezone: "Asia/Tokyo" });
    expect(runs.filter((run) => (run.input as { timezone: string }).timezone === "Europe/Berlin").map((run) => run.connectedUserId).sort()).toEqual([users[0].id, users[2].id].sort());
  });
});

describe("lifecycle", () => {
  it("undeploy, redeploy and delete stop the old schedule at once", async () => {
    const { projectId } = await projectWithUsers(1);
    const { workflowId } = await deployScheduleWorkflow({ projectId, schedule: everySecond });
    await undeployWorkflow({ projectId, workflowId });
    expect(await db.schedule.count({ where: { workflowId } })).toBe(0);
    await fireNow();
    expect(await scheduledRuns(workflowId)).toHaveLength(0);

    // A redeploy of a changed schedule replaces it: a new anchor, and ticks on the new grid only.
    const first = await deployWorkflow({ projectId, workflowId, createdById: null });
    await rewindSchedule(workflowId, 2.5);
    const draft = (await db.workflow.findUniqueOrThrow({ where: { id: workflowId } })).draft as { trigger: { schedule: object } };
    await db.workflow.update({ where: { id: workflowId }, data: { draft: { ...draft, trigger: { ...draft.trigger, schedule: { every: "minutes", interval: 5 } } } } });
    const second = await deployWorkflow({ projectId, workflowId, createdById: null });
    expect(second.id).not.toBe(first.id);
    await fireNow();
    expect(await scheduledRuns(workflowId)).toHaveLength(0);
    const zone = await db.scheduleZone.findFirstOrThrow({ where: { workflowId } });
    expect(zone.nextTickAt!.getTime() - Date.now()).toBeGreaterThan(4 * 60_000);
    expect((await db.schedule.findUniqueOrThrow({ where: { workflowId } })).versionId).toBe(second.id);

    await deleteWorkflow({ projectId, workflowId });
    expect(await db.scheduleZone.count({ where: { workflowId } })).toBe(0);
  });
});

describe("ticks fired ahead of their time", () => {
  // A ticker fires a tick FIRE_AHEAD_MS before its instant; a tick a minute ahead stands for one here, so that
  // no test depends on how fast the machine is.
  async function firedAhead(users: number) {
    const { projectId } = await projectWithUsers(users);
    const { workflowId, versionId } = await deployScheduleWorkflow({ projectId, schedule: everyThree, overlap: "allow_all" });
    const trigger = { type: "schedule" as const, schedule: everyThree, catchUp: { policy: "skip" as const, windowSeconds: 3600 }, overlap: "allow_all" as const };
    const stream = { projectId, workflowId, versionId, zone: "UTC", workflowZone: "UTC", zoneDependent: false, userZones: [], trigger };
    const scheduledAt = new Date(Date.now() + 60_000);
    expect((await fireScheduleTick(sql, stream, { scheduledAt, previousScheduledAt: null, reason: "schedule" })).runs).toBe(users);
    const jobs = async () => Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ANY ($1::text[])`, [(await scheduledRuns(workflowId)).map((run) => `run:${run.id}`)]))[0].n);
    expect(await jobs()).toBeGreaterThan(0);
    return { projectId, workflowId, scheduledAt, jobs };
  }

  it.each([
    ["undeploy", "undeployed"],
    ["pause", "paused"],
    ["redeploy", "redeployed"],
  ] as const)("%s cancels their runs before they start, and records the tick as skipped", async (action, reason) => {
    const { projectId, workflowId, scheduledAt, jobs } = await firedAhead(3);
    if (action === "undeploy") await undeployWorkflow({ projectId, workflowId });
    if (action === "pause") await pauseSchedule({ projectId, workflowId, note: "" });
    if (action === "redeploy") await deployWorkflow({ projectId, workflowId, createdById: null });
    const runs = await scheduledRuns(workflowId);
    expect(runs.map((run) => [run.scheduledAt?.getTime(), run.status, run.holdsSlot, run.parked])).toEqual(Array(3).fill([scheduledAt.getTime(), "cancelled", false, false]));
    expect(await jobs()).toBe(0);
    expect(await ticksOf(workflowId)).toEqual([expect.objectContaining({ scheduledAt, outcome: "skipped", reason, runs: 0 })]);
    const [slots] = await sql.query<{ used: number }>(`SELECT "used" FROM "ProjectRunSlots" WHERE "projectId" = $1::uuid`, [projectId]);
    expect(slots?.used ?? 0).toBe(0);
  });

  it("fires a stream earlier by its lead: first estimated from its users, then what its last tick took", async () => {
    const { projectId } = await projectWithUsers(300);
    const { workflowId } = await deployScheduleWorkflow({ projectId, schedule: everyThree, overlap: "allow_all" });
    const zone = () => db.scheduleZone.findFirstOrThrow({ where: { workflowId } });
    expect((await zone()).fireLeadMs).toBe(30);
    // The first tick 1.5 s away: too far for the ticker's margin and a 30 ms lead, due with a 2 s lead.
    await rewindSchedule(workflowId, 1.5);
    const ours = async () => (await fireNow()).filter((stream) => stream.workflowId === workflowId);
    expect(await ours()).toEqual([]);
    await db.scheduleZone.updateMany({ where: { workflowId }, data: { fireLeadMs: 2_000 } });
    expect(await ours()).toEqual([expect.objectContaining({ ran: 1, skipped: 0, runs: 300 })]);
    const runs = await scheduledRuns(workflowId);
    expect(runs).toHaveLength(300);
    expect(runs.every((run) => run.scheduledAt!.getTime() > Date.now())).toBe(true);
    // Measured now: what firing 300 users' tick took, and no longer the 2 s set above.
    const lead = (await zone()).fireLeadMs;
    expect(lead).toBeGreaterThan(0);
    expect(lead).toBeLessThan(2_000);
  });

  it("leaves runs of ticks whose time has come alone", async () => {
    const { projectId } = await projectWithUsers(1);
    const { workflowId } = await deployScheduleWorkflow({ projectId, schedule: everyThree, overlap: "allow_all" });
    await rewindSchedule(workflowId, 3.5);
    await fireNow();
    await undeployWorkflow({ projectId, workflowId });
    expect((await scheduledRuns(workflowId)).map((run) => run.status)).toEqual(["queued"]);
    expect((await ticksOf(workflowId)).map((tick) => tick.outcome)).toEqual(["ran"]);
  });
});

describe("runs started by hand", () => {
  it("a test run and a tested step of a schedule get a sample tick in the schedule's zone, not a payload", async () => {
    const { projectId } = await projectWithUsers(1);
    await db.project.update({ where: { id: projectId }, data: { timezone: "Asia/Tokyo" } });
    const { workflowId } = await deployScheduleWorkflow({ projectId, schedule: { every: "daily", interval: 1, time: "09:00" } });
    const before = Date.now();

    const { runId } = await startRun({ projectId, workflowId, payload: { ignored: true }, source: "draft" });
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { input: true, scheduledAt: true } });
    const input = run.input as { type: string; scheduledAt: string; previousScheduledAt: string; timezone: string; payload?: unknown };
    expect(input).toMatchObject({ type: "schedule", timezone: "Asia/Tokyo" });
    expect(input.payload).toBeUndefined();
    // Two fire times of "every day at 09:00 Tokyo" (00:00 UTC) from now: a day apart, the later one the tick.
    expect(new Date(input.scheduledAt).getUTCHours()).toBe(0);
    expect(new Date(input.scheduledAt).getTime() - new Date(input.previousScheduledAt).getTime()).toBe(86_400_000);
    expect(new Date(input.previousScheduledAt).getTime()).toBeGreaterThan(before);
    // Not a tick of the schedule: the unique (workflow, user, tick) index and the tick's history stay the scheduler's.
    expect(run.scheduledAt).toBeNull();
    await advanceRun(runId);
    const step = await db.stepRun.findFirstOrThrow({ where: { runId, stepId: "tick" }, select: { output: true } });
    expect(step.output).toEqual({ at: input.scheduledAt });

    const tested = await testWorkflowStep({ projectId, workflowId, stepId: "tick", triggerPayload: {}, stepOutputs: {}, settings: {} });
    expect(tested).toMatchObject({ status: "succeeded" });
    expect((tested as { output: { at: string } }).output.at).toMatch(/T00:00:00\.000Z$/);
  });
});
