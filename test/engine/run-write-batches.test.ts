// Runs executing in one worker process share the statements that write their step records and their ends
// (lib/db/statement-batches.test.ts covers the batching itself; test/engine/run-claims.test.ts the fence).
// What must hold: one run's bad rows fail that run alone, and runs written together each get their own rows.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TNewStepRecord } from "@/lib/engine/executor/types";
import { claimRun, type TClaimedRun } from "@/lib/runs/run-claims";
import { writeRunEnd, writeStepRecords } from "@/lib/runs/run-write-batches";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { appEventGraph, createEngineWorld, dispatchEvent, functionStep, loadRun } from "@/test/engine-helpers";

const record = (stepId: string): TNewStepRecord => {
  const now = new Date();
  return { stepId, lane: "", attempt: 1, retryAttempt: 1, status: "succeeded", input: { n: 1 }, output: { stepId }, logs: [], startedAt: now, finishedAt: now };
};

async function claimedRuns(count: number) {
  const world = await createEngineWorld();
  const event = await createTestAppEvent(world.projectId);
  await createDeployedWorkflow({ projectId: world.projectId, graph: appEventGraph(event.id, [functionStep("map", "function () { return 1 }")]) });
  const runs: TClaimedRun[] = [];
  for (let i = 0; i < count; i++) runs.push((await claimRun((await dispatchEvent(world, event.id))[0].runId)) as TClaimedRun);
  return runs.map((run) => ({ runId: run.id, projectId: run.projectId, lease: run.lease }));
}

describe("writeRunEnd and writeStepRecords", () => {
  it("end runs arriving together, each with its output and records, and fail only the run whose rows are bad", async () => {
    const runs = await claimedRuns(4);
    const results = await Promise.allSettled(
      runs.map((run, i) =>
        // The last run's two records of one attempt make the shared upsert touch one row twice: that statement fails.
        writeRunEnd({ ...run, end: { status: "succeeded", output: { i } }, records: i === 3 ? [record("map"), record("map")] : [record("map")] }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected"]);
    for (const [i, run] of runs.slice(0, 3).entries()) {
      const loaded = await loadRun(run.runId);
      expect(loaded).toMatchObject({ status: "succeeded", output: { i } });
      expect(loaded.finishedAt).toBeInstanceOf(Date);
      expect(loaded.steps.map((step) => [step.stepId, step.output])).toEqual([["map", { stepId: "map" }]]);
    }
    expect(await loadRun(runs[3].runId)).toMatchObject({ status: "running", steps: [] });
  });

  it("commit the records of several runs written together", async () => {
    const runs = await claimedRuns(2);
    await Promise.all(runs.map((run) => writeStepRecords({ ...run, records: [record("a"), record("b")] })));
    for (const run of runs) expect((await loadRun(run.runId)).steps.map((step) => step.stepId).sort()).toEqual(["a", "b"]);
  });

  it("finish an attempt recorded as started in place, keeping the input it started with", async () => {
    const [run] = await claimedRuns(1);
    const startedAt = new Date();
    await writeStepRecords({ ...run, records: [{ stepId: "call", lane: "", attempt: 1, retryAttempt: 1, status: "running", input: { url: "https://x.test" }, startedAt }] });
    await writeRunEnd({ ...run, end: { status: "succeeded", output: null }, records: [{ ...record("call"), input: undefined, startedAt }] });
    const steps = await db.stepRun.findMany({ where: { runId: run.runId } });
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ status: "succeeded", input: { url: "https://x.test" }, output: { stepId: "call" } });
  });
});
