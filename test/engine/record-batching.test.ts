// The engine writes step records in as few statements as durability allows. What must hold regardless:
// every record a Request's input may depend on, and the Request's own attempt as started, are committed
// before the Request is sent; a Request's own record is committed before anything after it runs; a run's
// records all exist once it has finished; and the per-process version cache answers only what the
// project-scoped query would.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { loadVersionGraph } from "@/lib/runs/load-run-state";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { advanceRun } from "@/lib/runs/advance-run";
import {
  appEventGraph,
  dispatchEvent,
  functionStep,
  loadRun,
  requestStep,
  runOnce,
  useEngineWorld,
  createEngineWorld,
} from "@/test/engine-helpers";

const engine = useEngineWorld();

const committedSteps = async (runId: string) =>
  (await db.stepRun.findMany({ where: { runId }, select: { stepId: true, status: true }, orderBy: { startedAt: "asc" } })).map((step) => `${step.stepId}:${step.status}`);

describe("step records", () => {
  it("are committed, up to the step before, when each Request is sent, and all of them when the run ends", async () => {
    let runId = "";
    const seen: Record<string, string[]> = {};
    for (const path of ["/first", "/second"]) engine.stub.on(path, async () => ((seen[path] = await committedSteps(runId)), { body: { ok: true } }));
    const event = await createTestAppEvent(engine.world.projectId);
    const steps = [
      functionStep("pure", "function () { return 1 }"),
      requestStep("first", `${engine.stub.url}/first`),
      functionStep("between", "function () { return 2 }"),
      requestStep("second", `${engine.stub.url}/second`),
      functionStep("after", "function () { return 3 }"),
    ];
    await createDeployedWorkflow({ projectId: engine.world.projectId, graph: appEventGraph(event.id, steps) });
    [{ runId }] = await dispatchEvent(engine.world, event.id);
    await advanceRun(runId);

    expect(seen["/first"]).toEqual(["pure:succeeded", "first:running"]);
    expect(seen["/second"]).toEqual(["pure:succeeded", "first:succeeded", "between:succeeded", "second:running"]);
    const run = await loadRun(runId);
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((step) => `${step.stepId}:${step.status}`)).toEqual(["pure:succeeded", "first:succeeded", "between:succeeded", "second:succeeded", "after:succeeded"]);
  });

  it("of a run that fails for good are written with the failure", async () => {
    engine.stub.on("/gone", () => ({ status: 404, body: {} }));
    const run = await runOnce(engine.world, [functionStep("pure", "function () { return 1 }"), requestStep("gone", `${engine.stub.url}/gone`), functionStep("never", "function () { return 2 }")]);
    expect(run.status).toBe("failed");
    expect(run.steps.map((step) => `${step.stepId}:${step.status}`)).toEqual(["pure:succeeded", "gone:failed"]);
  });
});

describe("the version cache", () => {
  it("never answers for another project's version, even after caching it", async () => {
    const other = await createEngineWorld();
    const event = await createTestAppEvent(other.projectId);
    const { versionId } = await createDeployedWorkflow({ projectId: other.projectId, graph: { trigger: { type: "app_event", appEventId: event.id }, steps: [], edges: [] } });
    // Cached for its own project first…
    expect((await loadVersionGraph(sql, other.projectId, versionId)).trigger).toMatchObject({ appEventId: event.id });
    // …and still not found for another.
    await expect(loadVersionGraph(sql, engine.world.projectId, versionId)).rejects.toThrow(/no longer exists/);
  });
});
