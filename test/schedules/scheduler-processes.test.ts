// Schedules fired by real worker processes in real time, on a database of their own: two workers racing for
// the same ticks fire each once, on the grid, and nothing after undeploy; a restart settles every tick it
// missed by the catch-up policy.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { MISSED_AFTER_MS } from "@/lib/schedules/fire-due-ticks";
import { undeployWorkflow } from "@/lib/workflows/undeploy-workflow";
import { createTestUser } from "@/test/engine-factories";
import { sleep, stopWorker, useWorkerProcesses, waitFor } from "@/test/engine-helpers";
import { createTestProject } from "@/test/factories";
import { deployScheduleWorkflow, ticksOf } from "./schedule-helpers";

const processes = useWorkerProcesses({ WORKER_CONCURRENCY: "10" });
const everySecond = { every: "seconds", interval: 1 } as const;

async function projectWithUsers(count: number) {
  const project = await createTestProject();
  for (let i = 0; i < count; i++) await createTestUser(project.id, `user-${i}`);
  return project.id;
}

/** Consecutive ticks 1 s apart: no tick is missing between the first and the last. */
function expectContiguous(ticks: Date[]) {
  for (let i = 1; i < ticks.length; i++) expect(ticks[i].getTime() - ticks[i - 1].getTime()).toBe(1000);
}

describe("two worker processes firing the same schedules", () => {
  it("fire every tick exactly once, on the grid, and nothing once undeployed", async () => {
    const projectId = await projectWithUsers(2);
    const workflows = [];
    for (let i = 0; i < 3; i++) workflows.push(await deployScheduleWorkflow({ projectId, schedule: everySecond, overlap: "allow_all" }));
    processes.startWorker();
    processes.startWorker();
    await waitFor("the workers to fire ticks for a while", async () => ((await db.scheduleTick.count({ where: { projectId } })) >= 3 * 12 ? true : null), {
      timeoutMs: 90_000,
      describe: processes.outputs,
    });
    const undeployed: Date[] = [];
    for (const { workflowId } of workflows) {
      await undeployWorkflow({ projectId, workflowId });
      undeployed.push(new Date());
    }
    await sleep(2_500);

    for (const [i, { workflowId }] of workflows.entries()) {
      const ticks = await ticksOf(workflowId);
      expect(ticks.length).toBeGreaterThanOrEqual(10);
      expectContiguous(ticks.map((tick) => tick.scheduledAt));
      // Every tick ran, but one fired ahead of a time still to come when the undeploy answered: withdrawn.
      const ran = ticks.filter((tick) => tick.outcome === "ran");
      expect(ran.every((tick) => tick.runs === 2 && tick.scheduledAt <= undeployed[i])).toBe(true);
      expect(ticks.slice(ran.length)).toEqual(ticks.slice(ran.length).map((tick) => ({ ...tick, outcome: "skipped", reason: "undeployed", runs: 0 })));
      expect(ticks.length - ran.length).toBeLessThanOrEqual(1);
      const runs = await db.run.findMany({ where: { workflowId }, select: { connectedUserId: true, scheduledAt: true, createdAt: true, status: true, startedAt: true } });
      const live = runs.filter((run) => run.status !== "cancelled");
      expect(live).toHaveLength(ran.length * 2);
      expect(new Set(runs.map((run) => `${run.connectedUserId}@${run.scheduledAt?.getTime()}`)).size).toBe(runs.length);
      expect(runs.filter((run) => run.createdAt > undeployed[i])).toEqual([]);
      // No run of a tick after the undeploy's answer starts: those are the withdrawn ones, never started.
      expect(runs.filter((run) => run.scheduledAt! > undeployed[i]).every((run) => run.status === "cancelled" && run.startedAt === null)).toBe(true);
    }
    expect(processes.outputs()).not.toMatch(/schedule ticker:/);
  }, 180_000);
});

describe("a restart", () => {
  it("settles every tick of the downtime by each schedule's catch-up policy", async () => {
    const projectId = await projectWithUsers(1);
    const skip = await deployScheduleWorkflow({ projectId, schedule: everySecond, catchUp: { policy: "skip" }, overlap: "allow_all" });
    const once = await deployScheduleWorkflow({ projectId, schedule: everySecond, catchUp: { policy: "once" }, overlap: "allow_all" });
    const all = await deployScheduleWorkflow({ projectId, schedule: everySecond, catchUp: { policy: "all" }, overlap: "allow_all" });
    const first = processes.startWorker();
    await waitFor("a few ticks", async () => ((await db.scheduleTick.count({ where: { projectId } })) >= 9 ? true : null), { timeoutMs: 90_000, describe: processes.outputs });
    await stopWorker(first);
    // Down for longer than a tick may be late before it counts as missed.
    await sleep(MISSED_AFTER_MS + 4_000);
    processes.startWorker();
    await waitFor("ticks after the restart", async () => {
      const latest = await db.scheduleTick.findFirst({ where: { workflowId: skip.workflowId }, orderBy: { scheduledAt: "desc" } });
      return latest && latest.processedAt.getTime() > Date.now() - 1_500 && latest.outcome === "ran" ? true : null;
    }, { timeoutMs: 90_000, describe: processes.outputs });
    await sleep(2_000);

    for (const { workflowId } of [skip, once, all]) {
      const ticks = await ticksOf(workflowId);
      expectContiguous(ticks.map((tick) => tick.scheduledAt));
      expect(ticks.every((tick) => tick.outcome === "ran" || tick.outcome === "skipped")).toBe(true);
      expect(await db.run.count({ where: { workflowId } })).toBe(ticks.reduce((sum, tick) => sum + tick.runs, 0));
    }
    const reasons = async (workflowId: string) => (await ticksOf(workflowId)).map((tick) => tick.reason);
    expect((await reasons(skip.workflowId)).filter((reason) => reason === "missed_while_down").length).toBeGreaterThanOrEqual(3);
    const onceReasons = await reasons(once.workflowId);
    expect(onceReasons.filter((reason) => reason === "catch_up")).toHaveLength(1);
    expect(onceReasons.filter((reason) => reason === "collapsed_into_one").length).toBeGreaterThanOrEqual(2);
    const allReasons = await reasons(all.workflowId);
    expect(allReasons.filter((reason) => reason === "catch_up").length).toBeGreaterThanOrEqual(3);
    expect(allReasons.some((reason) => reason !== "schedule" && reason !== "catch_up")).toBe(false);
  }, 240_000);
});
