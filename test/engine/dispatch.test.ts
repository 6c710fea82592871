// Which workflows an App Event starts, and that runs and jobs commit with the caller's transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { advanceRun } from "@/lib/runs/advance-run";
import { dispatchTrigger } from "@/lib/runs/dispatch-trigger";
import { createDeployedWorkflow, createTestAppEvent, createTestUser } from "@/test/engine-factories";
import { appEventGraph, createEngineWorld, deployNewVersion, dispatchEvent, functionStep, queuedJobs, type TEngineWorld } from "@/test/engine-helpers";

let world: TEngineWorld;

beforeAll(async () => {
  world = await createEngineWorld();
});

const returns = (value: string) => [functionStep("answer", `function () { return ${JSON.stringify(value)} }`)];

async function deployOn(appEventId: string, options: { enabledForAllUsers?: boolean; projectId?: string; value?: string } = {}) {
  const { workflowId, versionId } = await createDeployedWorkflow({
    projectId: options.projectId ?? world.projectId,
    graph: appEventGraph(appEventId, returns(options.value ?? "v1")),
    enabledForAllUsers: options.enabledForAllUsers ?? true,
  });
  return { workflowId, versionId };
}

async function activate(workflowId: string, connectedUserId: string, enabled: boolean) {
  await db.workflowActivation.create({ data: { projectId: world.projectId, workflowId, connectedUserId, enabled } });
}

describe("dispatchTrigger — matching", () => {
  it.each([0, 1, 3])("%s workflows on the event start that many runs, each with one job", async (count) => {
    const event = await createTestAppEvent(world.projectId);
    const workflowIds: string[] = [];
    for (let i = 0; i < count; i++) workflowIds.push((await deployOn(event.id)).workflowId);

    const dispatched = await dispatchEvent(world, event.id, { n: 1 });
    expect(dispatched.map((run) => run.workflowId).sort()).toEqual([...workflowIds].sort());
    const runs = await db.run.findMany({ where: { projectId: world.projectId, workflowId: { in: workflowIds } } });
    expect(runs).toHaveLength(count);
    for (const run of runs) {
      expect(run).toMatchObject({ status: "queued", connectedUserId: world.user.id, triggerType: "app_event", input: { type: "app_event", payload: { n: 1 } } });
      expect(await queuedJobs({ runId: run.id })).toMatchObject([{ task: "run:advance", key: `run:${run.id}`, payload: { runId: run.id } }]);
    }
  });

  it("writes nothing when the caller's transaction rolls back after dispatching", async () => {
    const event = await createTestAppEvent(world.projectId);
    const workflowIds = [(await deployOn(event.id)).workflowId, (await deployOn(event.id)).workflowId, (await deployOn(event.id)).workflowId];
    let dispatched: { runId: string }[] = [];
    const rollback = new Error("the caller's own write failed");
    await expect(
      db.$transaction(async (tx) => {
        dispatched = await dispatchTrigger(tx, { projectId: world.projectId, connectedUserId: world.user.id, trigger: { type: "app_event", appEventId: event.id }, payload: {} });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(dispatched).toHaveLength(3);
    expect(await db.run.count({ where: { workflowId: { in: workflowIds } } })).toBe(0);
    for (const { runId } of dispatched) expect(await queuedJobs({ runId })).toEqual([]);
  });

  it("honours enabledForAllUsers and each user's activation", async () => {
    const event = await createTestAppEvent(world.projectId);
    const optIn = await deployOn(event.id, { enabledForAllUsers: false });
    const forAll = await deployOn(event.id, { enabledForAllUsers: true });
    const [absent, enabled, disabled] = [world.user, await createTestUser(world.projectId), await createTestUser(world.projectId)];
    await activate(optIn.workflowId, enabled.id, true);
    await activate(forAll.workflowId, enabled.id, true);
    await activate(optIn.workflowId, disabled.id, false);
    await activate(forAll.workflowId, disabled.id, false);

    const started = async (user: { id: string }) => (await dispatchEvent({ projectId: world.projectId, user }, event.id)).map((run) => run.workflowId).sort();
    expect(await started(absent)).toEqual([forAll.workflowId]);
    expect(await started(enabled)).toEqual([optIn.workflowId, forAll.workflowId].sort());
    expect(await started(disabled)).toEqual([]);
  });

  it("never starts undeployed workflows, workflows on another event, or another project's workflows", async () => {
    const event = await createTestAppEvent(world.projectId);
    const otherEvent = await createTestAppEvent(world.projectId);
    const live = await deployOn(event.id);
    await deployOn(otherEvent.id);

    const undeployed = await deployOn(event.id);
    await db.workflow.update({ where: { id: undeployed.workflowId }, data: { deployedVersionId: null, triggerType: null, triggerAppEventId: null } });
    // Trigger columns left behind without a deployed version still must not match.
    const halfUndeployed = await deployOn(event.id);
    await db.workflow.update({ where: { id: halfUndeployed.workflowId }, data: { deployedVersionId: null } });

    const stranger = await createEngineWorld();
    await deployOn(event.id, { projectId: stranger.projectId });
    await deployOn(stranger.event.id, { projectId: stranger.projectId });

    expect((await dispatchEvent(world, event.id)).map((run) => run.workflowId)).toEqual([live.workflowId]);
    // The stranger's own event does not reach into this project either.
    expect(await dispatchEvent(world, stranger.event.id)).toEqual([]);
  });
});

describe("dispatchTrigger — versions", () => {
  it("a run keeps the version it was created with after a new deploy", async () => {
    const event = await createTestAppEvent(world.projectId);
    const { workflowId, versionId: v1 } = await deployOn(event.id, { value: "v1" });
    const [early] = await dispatchEvent(world, event.id);
    const v2 = await deployNewVersion({ projectId: world.projectId, workflowId, graph: appEventGraph(event.id, returns("v2")) });
    const [late] = await dispatchEvent(world, event.id);

    await advanceRun(early.runId);
    await advanceRun(late.runId);
    expect(await db.run.findUniqueOrThrow({ where: { id: early.runId } })).toMatchObject({ workflowVersionId: v1, status: "succeeded", output: "v1" });
    expect(await db.run.findUniqueOrThrow({ where: { id: late.runId } })).toMatchObject({ workflowVersionId: v2, status: "succeeded", output: "v2" });
  });
});
