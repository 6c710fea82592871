// Runs executing in one worker process share the statements that write their step records and their
// successes. What must hold: each caller hears back only once its own rows are committed; what arrives
// together goes out together; one run's bad rows fail that run alone; a run finishes only within its
// own project and only while it is still running.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TNewStepRecord } from "@/lib/engine/executor/types";
import { StatementBatches, writeRunSuccess, writeStepRecords } from "@/lib/runs/run-write-batches";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { appEventGraph, createEngineWorld, createGate, dispatchEvent, functionStep, loadRun } from "@/test/engine-helpers";
import { createTestProject } from "@/test/factories";

describe("StatementBatches", () => {
  it("sends what arrives in one turn as one statement, and what arrives meanwhile as the next", async () => {
    const sent: string[][] = [];
    const gate = createGate();
    const batches = new StatementBatches<string>(async (items) => {
      sent.push(items);
      if (sent.length === 1) await gate.opened;
    });
    const first = ["a", "b", "c"].map((item) => batches.add(item));
    await new Promise((resolve) => setImmediate(resolve));
    const second = ["d", "e"].map((item) => batches.add(item));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toEqual([["a", "b", "c"]]);
    gate.release();
    await Promise.all([...first, ...second]);
    expect(sent).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });

  it("resolves nobody before the statement has returned", async () => {
    const gate = createGate();
    const batches = new StatementBatches<string>(() => gate.opened);
    let settled = false;
    const written = batches.add("a").then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    gate.release();
    await written;
    expect(settled).toBe(true);
  });

  it("fails only the item that fails on its own when a shared statement fails", async () => {
    const sent: string[][] = [];
    const batches = new StatementBatches<string>(async (items) => {
      sent.push(items);
      if (items.includes("bad")) throw new Error("bad row");
    });
    const results = await Promise.allSettled(["a", "bad", "c"].map((item) => batches.add(item)));
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(sent).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });

  it("caps the items of one statement", async () => {
    const sizes: number[] = [];
    const batches = new StatementBatches<number>(async (items) => void sizes.push(items.length), 2);
    await Promise.all([1, 2, 3, 4, 5].map((item) => batches.add(item)));
    expect(sizes).toEqual([2, 2, 1]);
  });
});

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
