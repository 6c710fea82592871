// Who may execute a run, and when (lib/runs/run-claims.ts), against the real database: claims hand out leases,
// every write of an execution is fenced by its lease in the statement that makes it, a project's runs beyond
// its concurrency limit wait parked with no job and are admitted oldest first as slots free, and projects'
// slots never interfere.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TNewStepRecord } from "@/lib/engine/executor/types";
import { cancelRun } from "@/lib/runs/cancel-run";
import { getRunSummary } from "@/lib/runs/get-run";
import { claimRun, RunFenced } from "@/lib/runs/run-claims";
import { writeRunEnd, writeStepRecords } from "@/lib/runs/run-write-batches";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { appEventGraph, createEngineWorld, dispatchEvent, functionStep, queuedJobs, waitFor } from "@/test/engine-helpers";

const record = (stepId: string, attempt = 1): TNewStepRecord => {
  const now = new Date();
  return { stepId, lane: "", attempt, retryAttempt: attempt, status: "succeeded", input: null, output: { stepId }, logs: [], startedAt: now, finishedAt: now };
};

/** A project with the given concurrency limit and `count` dispatched runs (oldest first). */
async function dispatchedRuns(limit: number, count: number) {
  const world = await createEngineWorld();
  await db.project.update({ where: { id: world.projectId }, data: { concurrencyLimit: limit } });
  const event = await createTestAppEvent(world.projectId);
  await createDeployedWorkflow({ projectId: world.projectId, graph: appEventGraph(event.id, [functionStep("map", "function () { return 1 }")]) });
  const runIds: string[] = [];
  for (let i = 0; i < count; i++) runIds.push((await dispatchEvent(world, event.id))[0].runId);
  return { projectId: world.projectId, runIds };
}

const slotsUsed = async (projectId: string) => (await db.projectRunSlots.findUnique({ where: { projectId } }))?.used ?? 0;
const runState = (id: string) => db.run.findUniqueOrThrow({ where: { id }, select: { status: true, holdsSlot: true, parked: true, lease: true } });

describe("admission", () => {
  it("admits the runs that fit at dispatch, with jobs, and parks the rest with none", async () => {
    const { projectId, runIds } = await dispatchedRuns(2, 4);
    const states = await Promise.all(runIds.map(runState));
    expect(states.map((s) => [s.holdsSlot, s.parked])).toEqual([[true, false], [true, false], [false, true], [false, true]]);
    expect(await slotsUsed(projectId)).toBe(2);
    const jobs = await Promise.all(runIds.map((runId) => queuedJobs({ runId })));
    expect(jobs.map((list) => list.length)).toEqual([1, 1, 0, 0]);
    // Task History says why a parked run has not started.
    const summaries = await Promise.all(runIds.map((runId) => getRunSummary({ projectId, runId })));
    expect(summaries.map((summary) => [summary.status, summary.waitingForSlot])).toEqual([["queued", false], ["queued", false], ["queued", true], ["queued", true]]);
  });

  it("admits parked runs oldest first as runs end, one per freed slot, and counts the slots exactly", async () => {
    const { projectId, runIds } = await dispatchedRuns(1, 3);
    const first = await claimRun(runIds[0]);
    expect(first).not.toBeNull();
    await writeRunEnd({ runId: runIds[0], projectId, lease: first!.lease, records: [], end: { status: "succeeded", output: 1 } });
    expect(await runState(runIds[1])).toMatchObject({ holdsSlot: true, parked: false, status: "queued" });
    expect(await runState(runIds[2])).toMatchObject({ holdsSlot: false, parked: true });
    expect(await queuedJobs({ runId: runIds[1] })).toHaveLength(1);
    expect(await slotsUsed(projectId)).toBe(1);

    // A waiting run gives its slot up too, and takes one again at its claim when it resumes.
    const second = await claimRun(runIds[1]);
    await writeRunEnd({ runId: runIds[1], projectId, lease: second!.lease, records: [], end: { status: "waiting", resumeAt: new Date(Date.now() - 1) } });
    expect(await runState(runIds[2])).toMatchObject({ holdsSlot: true, parked: false });
    expect(await claimRun(runIds[1])).toBeNull();
    expect(await runState(runIds[1])).toMatchObject({ status: "waiting", parked: true, holdsSlot: false });
    const third = await claimRun(runIds[2]);
    await writeRunEnd({ runId: runIds[2], projectId, lease: third!.lease, records: [], end: { status: "succeeded", output: 3 } });
    expect(await runState(runIds[1])).toMatchObject({ status: "waiting", parked: false, holdsSlot: true });
    expect(await claimRun(runIds[1])).toMatchObject({ id: runIds[1] });
    expect(await slotsUsed(projectId)).toBe(1);
  });

  it("frees a cancelled run's slot at once, for the next parked run", async () => {
    const { projectId, runIds } = await dispatchedRuns(1, 2);
    await cancelRun({ projectId, runId: runIds[0] });
    expect(await runState(runIds[0])).toMatchObject({ status: "cancelled", holdsSlot: false });
    expect(await runState(runIds[1])).toMatchObject({ holdsSlot: true, parked: false });
    expect(await queuedJobs({ runId: runIds[0] })).toEqual([]);
    expect(await queuedJobs({ runId: runIds[1] })).toHaveLength(1);
    expect(await slotsUsed(projectId)).toBe(1);
  });

  it("keeps projects' slots apart: two projects at a limit of one both run", async () => {
    const a = await dispatchedRuns(1, 1);
    const b = await dispatchedRuns(1, 1);
    const [claimedA, claimedB] = await Promise.all([claimRun(a.runIds[0]), claimRun(b.runIds[0])]);
    expect(claimedA).toMatchObject({ id: a.runIds[0] });
    expect(claimedB).toMatchObject({ id: b.runIds[0] });
    expect([await slotsUsed(a.projectId), await slotsUsed(b.projectId)]).toEqual([1, 1]);
  });
});

describe("leases", () => {
  it("give each claim a new lease; a write under an old one is refused and changes nothing", async () => {
    const { projectId, runIds } = await dispatchedRuns(5, 1);
    const [runId] = runIds;
    const first = await claimRun(runId);
    // The queue hands the run to another worker (this one was reaped): its claim takes the run over.
    const second = await claimRun(runId);
    expect(BigInt(second!.lease)).toBe(BigInt(first!.lease) + 1n);

    await expect(writeStepRecords({ runId, projectId, lease: first!.lease, records: [record("map")] })).rejects.toBeInstanceOf(RunFenced);
    await expect(writeRunEnd({ runId, projectId, lease: first!.lease, records: [record("map")], end: { status: "succeeded", output: "stale" } })).rejects.toBeInstanceOf(RunFenced);
    expect(await db.stepRun.count({ where: { runId } })).toBe(0);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "running", output: null });

    await writeRunEnd({ runId, projectId, lease: second!.lease, records: [record("map")], end: { status: "succeeded", output: "fresh" } });
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "succeeded", output: "fresh" });
    expect(await db.stepRun.count({ where: { runId } })).toBe(1);
  });

  it("are checked in the transaction of the write: a claim waits until a fenced write has committed", async () => {
    const { projectId, runIds } = await dispatchedRuns(5, 1);
    const [runId] = runIds;
    const owner = await claimRun(runId);
    const writer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await writer.connect();
    try {
      await writer.query("BEGIN");
      const owned = await writer.query(`SELECT switchyard_own_runs($1::jsonb) AS "runId"`, [JSON.stringify([{ runId, projectId, lease: owner!.lease }])]);
      expect(owned.rows).toEqual([{ runId }]);
      const takeover = claimRun(runId);
      // The claim's UPDATE of the run waits on the writer's lock…
      await waitFor("the claim to wait for the writer's lock", async () => {
        const [waiting] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%switchyard_claim_runs%'`;
        return waiting.n > 0n ? true : null;
      });
      expect(await runState(runId)).toMatchObject({ lease: BigInt(owner!.lease) });
      // …and goes on once the write committed: the write happened before the takeover, never after it.
      await writer.query("COMMIT");
      expect(BigInt((await takeover)!.lease)).toBe(BigInt(owner!.lease) + 1n);
    } finally {
      await writer.end();
    }
  });

  it("mark the attempts a lost execution had started as interrupted when the run is claimed again", async () => {
    const { projectId, runIds } = await dispatchedRuns(5, 1);
    const [runId] = runIds;
    const first = await claimRun(runId);
    const startedAt = new Date();
    await writeStepRecords({ runId, projectId, lease: first!.lease, records: [{ stepId: "call", lane: "", attempt: 1, retryAttempt: 1, status: "running", input: { url: "x" }, startedAt }] });
    await claimRun(runId);
    const [attempt] = await db.stepRun.findMany({ where: { runId } });
    expect(attempt).toMatchObject({ stepId: "call", status: "interrupted", attempt: 1, retryAttempt: 1, input: { url: "x" }, error: { code: "worker_lost" } });
    expect(attempt.finishedAt).toBeInstanceOf(Date);
  });

  it("never let a run end in another project", async () => {
    const { runIds } = await dispatchedRuns(5, 1);
    const other = await dispatchedRuns(5, 1);
    const claimed = await claimRun(runIds[0]);
    await expect(writeRunEnd({ runId: runIds[0], projectId: other.projectId, lease: claimed!.lease, records: [], end: { status: "succeeded", output: "stolen" } })).rejects.toBeInstanceOf(RunFenced);
    expect(await db.run.findUniqueOrThrow({ where: { id: runIds[0] } })).toMatchObject({ status: "running", output: null });
  });

  it("keep a cancelled run cancelled, and its records", async () => {
    const { projectId, runIds } = await dispatchedRuns(5, 1);
    const claimed = await claimRun(runIds[0]);
    await cancelRun({ projectId, runId: runIds[0] });
    await writeRunEnd({ runId: runIds[0], projectId, lease: claimed!.lease, records: [record("map")], end: { status: "succeeded", output: { late: true } } });
    expect(await db.run.findUniqueOrThrow({ where: { id: runIds[0] } })).toMatchObject({ status: "cancelled", output: null });
    expect(await db.stepRun.count({ where: { runId: runIds[0] } })).toBe(1);
  });
});

describe("claimRun", () => {
  it("answers null for a run that cannot execute, and leaves it alone", async () => {
    const { runIds } = await dispatchedRuns(5, 1);
    await db.run.update({ where: { id: runIds[0] }, data: { status: "cancelled" } });
    expect(await claimRun(runIds[0])).toBeNull();
    expect((await db.run.findUniqueOrThrow({ where: { id: runIds[0] } })).status).toBe("cancelled");
  });

  it("claims runs arriving together in one batch, each with its own lease", async () => {
    const { runIds } = await dispatchedRuns(10, 5);
    const claims = await Promise.all(runIds.map((runId) => claimRun(runId)));
    expect(claims.map((claim) => claim?.id)).toEqual(runIds);
    expect((await db.run.findMany({ where: { id: { in: runIds } } })).every((run) => run.status === "running" && run.lease === 1n)).toBe(true);
  });
});
