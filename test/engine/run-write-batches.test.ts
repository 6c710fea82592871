// Runs executing in one worker process share the statements that write their step records and their
// successes (lib/db/statement-batches.test.ts covers the batching itself). What must hold: one run's bad rows
// fail that run alone; a run finishes only within its own project and only while it is still running.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TNewStepRecord } from "@/lib/engine/executor/types";
import { writeRunSuccess, writeStepRecords } from "@/lib/runs/run-write-batches";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { appEventGraph, createEngineWorld, dispatchEvent, functionStep, loadRun } from "@/test/engine-helpers";
import { createTestProject } from "@/test/factories";

const record = (stepId: string): TNewStepRecord => {
  const now = new Date();
  return { stepId, lane: "", attempt: 1, status: "succeeded", input: { n: 1 }, output: { stepId }, logs: [], startedAt: now, finishedAt: now } as TNewStepRecord;
};

async function runningRuns(count: number) {
  const world = await createEngineWorld();
  const event = await createTestAppEvent(world.projectId);
  await createDeployedWorkflow({ projectId: world.projectId, graph: appEventGraph(event.id, [functionStep("map", "function () { return 1 }")]) });
  const runIds: string[] = [];
  for (let i = 0; i < count; i++) runIds.push((await dispatchEvent(world, event.id))[0].runId);
  await db.run.updateMany({ where: { id: { in: runIds } }, data: { status: "running", startedAt: new Date() } });
  return { projectId: world.projectId, runIds };
}

describe("writeRunSuccess and writeStepRecords", () => {
  it("finish runs arriving together, each with its output and records, and fail only the run whose rows are bad", async () => {
    const { projectId, runIds } = await runningRuns(3);
    const missingRun = randomUUID();
    const results = await Promise.allSettled([
      ...runIds.map((runId, i) => writeRunSuccess({ projectId, runId, output: { i }, records: [record("map")] })),
      // A record of a run that does not exist breaks the foreign key: the statement it shares fails.
      writeRunSuccess({ projectId, runId: missingRun, output: null, records: [record("map")] }),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected"]);
    for (const [i, runId] of runIds.entries()) {
      const run = await loadRun(runId);
      expect(run).toMatchObject({ status: "succeeded", output: { i } });
      expect(run.finishedAt).toBeInstanceOf(Date);
      expect(run.steps.map((step) => [step.stepId, step.output])).toEqual([["map", { stepId: "map" }]]);
    }
    expect(await db.stepRun.count({ where: { runId: missingRun } })).toBe(0);
  });

  it("leave a cancelled run cancelled, and keep its records", async () => {
    const { projectId, runIds } = await runningRuns(1);
    await db.run.update({ where: { id: runIds[0] }, data: { status: "cancelled" } });
    await writeRunSuccess({ projectId, runId: runIds[0], output: { late: true }, records: [record("map")] });
    const run = await loadRun(runIds[0]);
    expect(run).toMatchObject({ status: "cancelled", output: null });
    expect(run.steps).toHaveLength(1);
  });

  it("finish a run only within its own project", async () => {
    const { runIds } = await runningRuns(1);
    const other = await createTestProject();
    await writeRunSuccess({ projectId: other.id, runId: runIds[0], output: { stolen: true }, records: [] });
    expect(await loadRun(runIds[0])).toMatchObject({ status: "running", output: null });
  });

  it("commit the records of several runs written together", async () => {
    const { projectId, runIds } = await runningRuns(2);
    await Promise.all(runIds.map((runId) => writeStepRecords({ projectId, runId, records: [record("a"), record("b")] })));
    for (const runId of runIds) expect((await loadRun(runId)).steps.map((step) => step.stepId).sort()).toEqual(["a", "b"]);
  });
});
